package org.switchboard.ivr;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import org.switchboard.ivr.flow.Prompt;
import org.switchboard.telephony.AgiCall;
import org.switchboard.telephony.AgiScript;
import org.switchboard.telephony.CallRequest;
import org.switchboard.telephony.Masked;

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

	IvrScript(FlowRegistry flows, EmergencyAnnouncements announcements, CallFacts facts, CallRouter router,
			ApplicationEventPublisher events, Clock clock, IvrSettings settings) {
		this.settings = settings;
		this.router = router;
		this.flows = flows;
		this.announcements = announcements;
		this.facts = facts;
		this.events = events;
		this.runner = new IvrRunner(facts, clock);
	}

	@Override
	public String name() {
		return "ivr";
	}

	@Override
	public void handle(AgiCall call) {
		CallRequest request = call.request();
		String line = line(request);
		Optional<FlowMachine> flow = this.flows.forLine(line);
		if (flow.isEmpty()) {
			// SB_NEXT stays empty: the dialplan's fallback rings the fallback group,
			// never dead air
			log.warn("No flow answers line {} ({}); sending the call to the dialplan fallback", Masked.number(line),
					request);
			return;
		}
		call.answer();
		Optional<String> country = this.facts.country(request);
		List<Prompt> announcements = this.announcements.activeFor(country).stream().map(Announcement::prompt).toList();
		IvrRunner.Result result = this.runner.run(flow.get(), call, announcements);
		if (!call.gone()) {
			next(call, result);
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
	 * The number the caller dialled: agi_dnid, or the extension when the trunk sends no
	 * DNID.
	 */
	static String line(CallRequest request) {
		String dialled = request.dialled();
		return (dialled.isBlank() || dialled.equals("unknown")) ? request.extension() : dialled;
	}

	private void next(AgiCall call, IvrRunner.Result result) {
		call.set("SB_LANGUAGE", result.language());
		if (result.country() != null) {
			call.set("SB_COUNTRY", result.country());
		}
		switch (result.outcome()) {
			case IvrOutcome.Routed routed -> {
				call.set("SB_QUEUE", routed.queue());
				call.set("SB_SKILLS", skills(routed.skills()));
				call.set("SB_PRIORITY", String.valueOf(routed.priority()));
				route(call, routed, result.language());
			}
			case IvrOutcome.ToVoicemail voicemail -> {
				call.set("SB_MAILBOX", voicemail.mailbox());
				call.set("SB_NEXT", "voicemail");
			}
			case IvrOutcome.CallbackRequested callback -> {
				call.set("SB_QUEUE", callback.queue());
				call.set("SB_SKILLS", skills(callback.skills()));
				callback(call, callback, result.language());
			}
			case IvrOutcome.SelfServed served -> call.set("SB_NEXT", "hangup");
			case IvrOutcome.Failed failed -> call.set("SB_NEXT", "hangup");
			case IvrOutcome.Abandoned abandoned -> {
			}
		}
	}

	private void route(AgiCall call, IvrOutcome.Routed routed, String language) {
		CallRouter.Step step;
		try {
			step = this.router.route(call.request(), routed);
		}
		catch (RuntimeException ex) {
			// SB_NEXT stays empty: the dialplan's fallback route takes the call, never
			// dead air
			log.warn("Routing failed for call {} ({}); the dialplan fallback takes it", call.request().uniqueId(),
					ex.toString());
			return;
		}
		switch (step) {
			case CallRouter.Step.ConnectNow connect -> call.set("SB_NEXT", "connect");
			case CallRouter.Step.Wait wait -> {
				call.set("SB_POSITION", String.valueOf(wait.position()));
				call.set("SB_NEXT", "wait");
			}
			case CallRouter.Step.Closed closed -> closed(call, closed, routed, language);
		}
	}

	/** Books a callback; whatever happens, the caller is done afterwards. */
	private void callback(AgiCall call, IvrOutcome.CallbackRequested callback, String language) {
		try {
			this.router.callback(call, callback, language);
		}
		catch (RuntimeException ex) {
			log.warn("Callback for call {} could not be booked ({})", call.request().uniqueId(), ex.toString());
		}
		call.set("SB_NEXT", "hangup");
	}

	/**
	 * Tells the caller when the country opens, in their language, then leaves as the
	 * schedule says.
	 */
	private void closed(AgiCall call, CallRouter.Step.Closed closed, IvrOutcome.Routed routed, String language) {
		if (closed.announce() && closed.opens().isPresent()) {
			call.play(this.settings.closedPrompt().replace("{language}", language), "");
			call.sayDateTime(closed.opens().get(), closed.zone());
		}
		switch (closed.then()) {
			case VOICEMAIL -> {
				call.set("SB_MAILBOX", closed.mailbox());
				call.set("SB_NEXT", "voicemail");
			}
			case CALLBACK ->
				callback(call, new IvrOutcome.CallbackRequested(routed.skills(), routed.queue()), language);
			case HANGUP -> call.set("SB_NEXT", "hangup");
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
