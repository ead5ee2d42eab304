package org.switchboard.ivr;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import org.switchboard.ivr.flow.Prompt;
import org.switchboard.call.AgiCall;
import org.switchboard.call.AgiScript;
import org.switchboard.call.CallRequest;
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

	private final Clock clock;

	private final DialplanHandOff handOff;

	private final CallExit live;

	IvrScript(FlowRegistry flows, EmergencyAnnouncements announcements, CallFacts facts, CallRouter router,
			ApplicationEventPublisher events, Clock clock, IvrSettings settings) {
		this.router = router;
		this.flows = flows;
		this.announcements = announcements;
		this.facts = facts;
		this.events = events;
		this.runner = new IvrRunner(facts, clock);
		this.clock = clock;
		this.handOff = new DialplanHandOff(settings);
		this.live = new LiveExit(router, this.handOff);
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
			this.handOff.next(call, result, this.live);
		}
		log.info("IVR {} on {} v{}: {} via {}", request.uniqueId(), flow.get().flow().name(),
				flow.get().flow().version(), result.outcome(),
				result.path()
					.stream()
					.map((step) -> step.node() + "[" + step.input() + "]")
					.collect(Collectors.joining(" > ")));
		this.events.publishEvent(IvrFinishing.of(request.uniqueId(), flow.get().flow(), result));
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
		TrialExit trial = new TrialExit(this.router, this.handOff, at);
		if (!call.gone()) {
			this.handOff.next(call, result, trial);
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

}
