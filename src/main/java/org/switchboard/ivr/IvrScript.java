package org.switchboard.ivr;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import org.switchboard.call.Next;
import org.switchboard.ivr.flow.Prompt;
import org.switchboard.call.AgiCall;
import org.switchboard.call.AgiScript;
import org.switchboard.call.CallRequest;
import org.switchboard.call.ChannelGoneException;
import org.switchboard.call.Masked;

/**
 * The {@code ivr} script: the caller's first contact. It picks the flow of the dialled
 * line, plays any emergency announcement, walks the caller through the flow on a state
 * machine of their own, and tells the dialplan where to go next ({@code SB_NEXT}) with
 * what routing needs.
 */
@Component
class IvrScript implements AgiScript {

	private static final Logger log = LoggerFactory.getLogger(IvrScript.class);

	private final FlowRegistry flows;

	private final EmergencyAnnouncements announcements;

	private final CallFacts facts;

	private final ApplicationEventPublisher events;

	private final IvrRunner runner;

	private final CallRouter router;

	private final IvrSettings settings;

	private final Clock clock;

	private final Exit live = new Live();

	IvrScript(FlowRegistry flows, EmergencyAnnouncements announcements, CallFacts facts, CallRouter router,
			ApplicationEventPublisher events, Clock clock, IvrSettings settings) {
		this.settings = settings;
		this.router = router;
		this.flows = flows;
		this.announcements = announcements;
		this.facts = facts;
		this.events = events;
		this.runner = new IvrRunner(facts, clock);
		this.clock = clock;
	}

	@Override
	public String name() {
		return "ivr";
	}

	@Override
	public void handle(AgiCall call) {
		if (TestCalls.marked(call.request())) {
			tryCall(call, TestCalls.moment(call.request()).orElseGet(this.clock::instant),
					(heard) -> heard.lines().forEach(call::verbose));
			return;
		}
		CallRequest request = call.request();
		String line = line(request);
		Optional<FlowMachine> flow = this.flows.forLine(line);
		if (flow.isEmpty()) {
			// SB_NEXT stays empty: the dialplan's fallback rings the fallback group,
			// never dead air
			log.warn("No flow answers line {} ({}); sending the call to the dialplan fallback", Masked.number(line),
					request);
			call.verbose(noFlow(line));
			return;
		}
		call.answer();
		IvrRunner.Result result = this.runner.run(flow.get(), call, announcements(request));
		if (!call.gone()) {
			next(call, result, this.live);
		}
		IvrCompleted completed = new IvrCompleted(request.uniqueId(), flow.get().flow().name(),
				flow.get().flow().version(), result.language(), result.country(), result.maskedAttributes(),
				result.path(), result.outcome(), result.startedAt(), result.endedAt());
		log.info("IVR {} on {} v{}: {} via {}", request.uniqueId(), completed.flow(), completed.flowVersion(),
				completed.outcome(),
				completed.path()
					.stream()
					.map((step) -> step.node() + "[" + step.input() + "]")
					.collect(Collectors.joining(" > ")));
		this.events.publishEvent(completed);
	}

	/**
	 * Plays a test call through the flow of its line as if it were {@code at}, and tells
	 * {@code heard} what the caller hears and types and where the call would go. It
	 * changes nothing: no agent is reserved, no line joined, no callback booked, and no
	 * event published, so no record or KPI counts it.
	 */
	void tryCall(AgiCall channel, Instant at, Consumer<TestCallEvent> heard) {
		CallRequest request = channel.request();
		String line = line(request);
		Optional<FlowMachine> flow = this.flows.forLine(line);
		if (flow.isEmpty()) {
			heard.accept(new TestCallEvent.Note(noFlow(line)));
			return;
		}
		TranscribedCall call = new TranscribedCall(channel, flow.get().flow(), heard);
		call.answer();
		Clock then = Clock.offset(this.clock, Duration.between(this.clock.instant(), at));
		IvrRunner.Result result = new IvrRunner(this.facts, then).run(flow.get(), call, announcements(request));
		Trial trial = new Trial(at);
		if (!call.gone()) {
			next(call, result, trial);
		}
		heard.accept(trial.decision(result, call.variables()));
		log.info("Test call {} on {} v{}: {}", request.uniqueId(), flow.get().flow().name(),
				flow.get().flow().version(), result.outcome());
	}

	private static String noFlow(String line) {
		return "no flow answers line " + line + "; the dialplan's fallback route takes the call";
	}

	private List<Prompt> announcements(CallRequest request) {
		return this.announcements.activeFor(this.facts.country(request)).stream().map(Announcement::prompt).toList();
	}

	/**
	 * The number the caller dialled: agi_dnid, or the extension when the trunk sends no
	 * DNID.
	 */
	static String line(CallRequest request) {
		String dialled = request.dialled();
		return (dialled.isBlank() || dialled.equals("unknown")) ? request.extension() : dialled;
	}

	private void next(AgiCall call, IvrRunner.Result result, Exit exit) {
		call.set("SB_LANGUAGE", result.language());
		if (result.country() != null) {
			call.set("SB_COUNTRY", result.country());
		}
		switch (result.outcome()) {
			case IvrOutcome.Routed routed -> {
				call.set("SB_QUEUE", routed.queue());
				call.set("SB_SKILLS", skills(routed.skills()));
				call.set("SB_PRIORITY", String.valueOf(routed.priority()));
				exit.route(call, routed, result.language());
			}
			case IvrOutcome.ToVoicemail voicemail -> {
				call.set("SB_MAILBOX", voicemail.mailbox());
				call.next(Next.VOICEMAIL);
			}
			case IvrOutcome.CallbackRequested callback -> {
				call.set("SB_QUEUE", callback.queue());
				call.set("SB_SKILLS", skills(callback.skills()));
				exit.callback(call, callback, result.language());
				call.next(Next.HANGUP);
			}
			case IvrOutcome.SelfServed served -> call.next(Next.HANGUP);
			case IvrOutcome.Failed failed -> call.next(Next.HANGUP);
			case IvrOutcome.Abandoned abandoned -> {
			}
		}
	}

	/** Takes a routed caller where routing says. */
	private void step(AgiCall call, CallRouter.Step step, IvrOutcome.Routed routed, String language, Exit exit) {
		switch (step) {
			case CallRouter.Step.ConnectNow connect -> call.next(Next.CONNECT);
			case CallRouter.Step.Wait wait -> {
				call.set("SB_POSITION", String.valueOf(wait.position()));
				call.next(Next.WAIT);
			}
			case CallRouter.Step.Closed closed -> closed(call, closed, routed, language, exit);
		}
	}

	/**
	 * Tells the caller when the country opens, in their language, then leaves as the
	 * schedule says.
	 */
	private void closed(AgiCall call, CallRouter.Step.Closed closed, IvrOutcome.Routed routed, String language,
			Exit exit) {
		if (closed.announce() && closed.opens().isPresent()) {
			call.play(this.settings.closedPrompt().replace("{language}", language), "");
			call.sayDateTime(closed.opens().get(), closed.zone());
		}
		switch (closed.then()) {
			case VOICEMAIL -> {
				call.set("SB_MAILBOX", closed.mailbox());
				call.next(Next.VOICEMAIL);
			}
			case CALLBACK -> {
				exit.callback(call, new IvrOutcome.CallbackRequested(routed.skills(), routed.queue()), language);
				call.next(Next.HANGUP);
			}
			case HANGUP -> call.next(Next.HANGUP);
		}
	}

	/**
	 * Where a caller who wants an agent or a callback goes when the IVR is done: a real
	 * call is routed and booked, a test call is only told what would happen.
	 */
	private interface Exit {

		void route(AgiCall call, IvrOutcome.Routed routed, String language);

		/**
		 * Asks for the number to call back; whatever happens, the caller is done after.
		 */
		void callback(AgiCall call, IvrOutcome.CallbackRequested callback, String language);

	}

	/** A real call: routed, its agent reserved or its place in line taken. */
	private final class Live implements Exit {

		@Override
		public void route(AgiCall call, IvrOutcome.Routed routed, String language) {
			CallRouter.Step step;
			try {
				step = IvrScript.this.router.route(call.request(), routed);
			}
			catch (RuntimeException ex) {
				// SB_NEXT stays empty: the dialplan's fallback route takes the
				// call, never dead air
				log.warn("Routing failed for call {} ({}); the dialplan fallback takes it", call.request().uniqueId(),
						ex.toString());
				return;
			}
			step(call, step, routed, language, this);
		}

		@Override
		public void callback(AgiCall call, IvrOutcome.CallbackRequested callback, String language) {
			try {
				IvrScript.this.router.callback(call, callback, language);
			}
			catch (RuntimeException ex) {
				log.warn("Callback for call {} could not be booked ({})", call.request().uniqueId(), ex.toString());
			}
		}

	}

	/** A test call: routed as a dry run, its decision and trace kept for its author. */
	private final class Trial implements Exit {

		private final Instant at;

		private final List<String> trace = new ArrayList<>();

		private CallRouter.Step step;

		private String failure;

		private boolean hungUp;

		private boolean callbackAsked;

		private String callbackNumber;

		Trial(Instant at) {
			this.at = at;
		}

		@Override
		public void route(AgiCall call, IvrOutcome.Routed routed, String language) {
			CallRouter.Trial trial;
			try {
				trial = IvrScript.this.router.tryRoute(call.request(), routed, this.at);
			}
			catch (ChannelGoneException ex) {
				this.hungUp = true;
				return;
			}
			catch (RuntimeException ex) {
				this.failure = ex.toString();
				return;
			}
			this.step = trial.step();
			this.trace.addAll(trial.trace());
			step(call, trial.step(), routed, language, this);
		}

		@Override
		public void callback(AgiCall call, IvrOutcome.CallbackRequested callback, String language) {
			try {
				this.callbackNumber = IvrScript.this.router.tryCallback(call, callback, language).orElse(null);
				this.callbackAsked = true;
			}
			catch (ChannelGoneException ex) {
				this.hungUp = true;
			}
			catch (RuntimeException ex) {
				this.failure = ex.toString();
			}
		}

		TestCallEvent.Decision decision(IvrRunner.Result result, Map<String, String> variables) {
			String next = variables.getOrDefault(Next.VARIABLE, "");
			String agent = (this.step instanceof CallRouter.Step.ConnectNow connect) ? connect.agentId() : null;
			return new TestCallEvent.Decision(next, summary(result.outcome(), variables), agent, variables, this.trace);
		}

		private String summary(IvrOutcome outcome, Map<String, String> variables) {
			if (this.hungUp) {
				return "none: the caller hung up";
			}
			if (this.failure != null) {
				return "none: routing failed (" + this.failure + "); the dialplan's fallback route takes the call";
			}
			String closed = (this.step instanceof CallRouter.Step.Closed shut) ? "closed"
					+ shut.opens().map((opens) -> " until " + TestCallEvent.Said.spoken(opens, shut.zone())).orElse("")
					+ ", then " : "";
			return switch (outcome) {
				case IvrOutcome.Routed routed -> switch (this.step) {
					case CallRouter.Step.ConnectNow connect -> "connect: agent " + connect.agentId()
							+ " would take the call now (a test call reserves nobody)";
					case CallRouter.Step.Wait wait -> "wait: nobody who fits is ready now; the call would wait in line "
							+ wait.queue() + " at place " + wait.position() + " (a test call joins no line)";
					case CallRouter.Step.Closed shut -> closed + exit(variables);
					case null -> "none";
				};
				case IvrOutcome.ToVoicemail voicemail -> "voicemail: a message in mailbox " + voicemail.mailbox();
				case IvrOutcome.CallbackRequested callback -> callback(callback.queue());
				case IvrOutcome.SelfServed served -> "hang up: the IVR served the caller";
				case IvrOutcome.Failed failed ->
					"hang up: the IVR could not go on at " + failed.node() + " (" + failed.reason() + ")";
				case IvrOutcome.Abandoned abandoned -> "none: the caller hung up at " + abandoned.node();
			};
		}

		/** What a closed line does after its announcement. */
		private String exit(Map<String, String> variables) {
			return switch (Next.of(variables.get(Next.VARIABLE)).orElse(null)) {
				case VOICEMAIL -> "voicemail: a message in mailbox " + variables.get("SB_MAILBOX");
				case HANGUP -> this.callbackAsked ? callback(variables.get("SB_QUEUE")) : "hang up";
				case null, default -> "none";
			};
		}

		private String callback(String queue) {
			return (this.callbackNumber != null)
					? "callback to " + this.callbackNumber + " in queue " + queue
							+ " when an agent is free (a test call books none)"
					: "hang up: the caller gave no valid number to call back";
		}

	}

	/** {@code billing:2,support:1}, sorted, for the dialplan and the logs. */
	static String skills(Map<String, Integer> skills) {
		return skills.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.map((skill) -> skill.getKey() + ":" + skill.getValue())
			.collect(Collectors.joining(","));
	}

}
