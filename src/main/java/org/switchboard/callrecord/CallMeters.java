package org.switchboard.callrecord;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import org.switchboard.agent.AgentEvent.AgentMissedCall;
import org.switchboard.agent.AgentEvent.AgentReservationExpired;
import org.switchboard.agent.AgentState;
import org.switchboard.agent.Agents;
import org.switchboard.call.CallEvent;
import org.switchboard.routing.WaitingLine;

/**
 * The Micrometer meters of calls, queues and agents, all named {@code switchboard.*}.
 * Every tag value comes from a bounded set: an ISO country code (else {@code unknown}), a
 * queue, flow or node of the configuration (at most {@link #MAX_VALUES} of each, then
 * {@code other}), an outcome or an agent state. A phone number or a call id is never a
 * tag.
 */
@Component
class CallMeters {

	private static final Logger log = LoggerFactory.getLogger(CallMeters.class);

	static final int MAX_VALUES = 200;

	private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

	private static final Pattern EXIT = Pattern.compile("digit:[0-9*#]|[a-z][a-z-]{0,30}");

	private static final Duration AGENT_SNAPSHOT_AGE = Duration.ofSeconds(2);

	private final MeterRegistry registry;

	private final CallRecordSettings settings;

	private final WaitingLine line;

	private final Agents agents;

	private final Map<String, Set<String>> seen = new ConcurrentHashMap<>();

	private volatile AgentCounts agentCounts = new AgentCounts(new EnumMap<>(AgentState.class), Instant.MIN);

	CallMeters(MeterRegistry registry, CallRecordSettings settings, WaitingLine line, Agents agents) {
		this.registry = registry;
		this.settings = settings;
		this.line = line;
		this.agents = agents;
		for (AgentState state : AgentState.values()) {
			Gauge.builder("switchboard.agents", this, (meters) -> meters.agentsIn(state))
				.description("Agents by state")
				.tag("state", state.name().toLowerCase(Locale.ROOT).replace('_', '-'))
				.register(registry);
		}
	}

	/** Counts a finished call and times its parts. */
	void recorded(CallRecord record) {
		String country = country(record.country());
		String queue = bounded("queue", record.queue());
		Counter.builder("switchboard.calls")
			.description("Finished calls by outcome and country")
			.tag("outcome", record.outcome().wire())
			.tag("country", country)
			.register(this.registry)
			.increment();
		CallRecord.Durations durations = record.durations();
		if (record.answered()) {
			time("switchboard.calls.wait", "Time answered calls waited for an agent", queue, country,
					durations.queueWait());
			time("switchboard.calls.talk", "Talk time of answered calls, holds left out", queue, country,
					durations.talk());
			time("switchboard.calls.hold", "Hold time of answered calls", queue, country, durations.hold());
			time("switchboard.calls.wrapup", "After-call work of answered calls", queue, country, durations.wrapUp());
			time("switchboard.calls.handle", "Handle time (talk + hold + wrap-up) of answered calls", queue, country,
					durations.handle());
		}
		else if (record.outcome() == Outcome.ABANDONED_IN_QUEUE) {
			time("switchboard.calls.abandon.wait", "Time callers waited before they hung up in the queue", queue,
					country, durations.queueWait());
		}
	}

	@EventListener
	void ivrFinished(CallEvent.IvrFinished finished) {
		String flow = bounded("flow", finished.flow());
		for (CallEvent.IvrFinished.Step step : finished.path()) {
			String exit = (step.exit() != null && EXIT.matcher(step.exit()).matches()) ? step.exit() : "other";
			Counter.builder("switchboard.ivr.node.exits")
				.description("Callers leaving an IVR node, by the way they left")
				.tag("flow", flow)
				.tag("node", bounded("node", step.node()))
				.tag("exit", exit)
				.register(this.registry)
				.increment();
		}
	}

	/**
	 * A queue gets its gauge of waiting callers the first time a call is routed to it.
	 */
	@EventListener
	void routed(CallEvent.CallQueued routed) {
		String queue = bounded("queue", routed.queue());
		if (queue.equals("other") || queue.equals("none")) {
			return;
		}
		Gauge.builder("switchboard.queue.waiting", this, (meters) -> meters.waiting(routed.queue()))
			.description("Callers waiting for an agent, per queue")
			.tag("queue", queue)
			.register(this.registry);
	}

	/**
	 * An agent was rung for a call and did not answer (or was busy or unreachable),
	 * counted when routing hears it, so a supervisor sees it before the call ends.
	 */
	@EventListener
	void notAnswered(CallEvent.RingNotAnswered notAnswered) {
		Counter.builder("switchboard.calls.ring.no.answer")
			.description("Agents rung for a call who did not answer, busy or unreachable included")
			.tag("queue", bounded("queue", notAnswered.queue().orElse(null)))
			.tag("country", country(notAnswered.country().orElse(null)))
			.register(this.registry)
			.increment();
	}

	/**
	 * An agent missed a call: a ring with no answer, or a ringing reservation that ran
	 * out with no dial result (e.g. its instance stopped).
	 */
	@EventListener
	void missed(AgentMissedCall missed) {
		Counter.builder("switchboard.agents.missed")
			.description("Calls agents missed: rang unanswered or busy")
			.register(this.registry)
			.increment();
	}

	/**
	 * A reservation ran out before the call was answered, missed or given back: a call
	 * whose instance or Redirect was lost.
	 */
	@EventListener
	void reservationExpired(AgentReservationExpired expired) {
		Counter.builder("switchboard.routing.reservations.expired")
			.description("Agents' reservations for a call that ran out unanswered and unreleased")
			.register(this.registry)
			.increment();
	}

	private void time(String name, String description, String queue, String country, Duration duration) {
		if (duration == null) {
			return;
		}
		Timer.builder(name)
			.description(description)
			.tag("queue", queue)
			.tag("country", country)
			// a histogram, so that Prometheus can aggregate percentiles across instances
			.publishPercentileHistogram()
			// buckets at T and the short-abandon threshold, for service level in PromQL
			.serviceLevelObjectives(this.settings.serviceLevelThreshold(), this.settings.shortAbandonThreshold())
			.minimumExpectedValue(Duration.ofSeconds(1))
			.maximumExpectedValue(Duration.ofHours(2))
			.register(this.registry)
			.record(duration);
	}

	private double waiting(String queue) {
		try {
			return this.line.size(queue);
		}
		catch (RuntimeException ex) {
			return Double.NaN;
		}
	}

	private double agentsIn(AgentState state) {
		AgentCounts counts = this.agentCounts;
		Instant now = Instant.now();
		if (counts.takenAt.plus(AGENT_SNAPSHOT_AGE).isBefore(now)) {
			counts = countAgents(now);
			this.agentCounts = counts;
		}
		return counts.byState.getOrDefault(state, 0);
	}

	private AgentCounts countAgents(Instant now) {
		try {
			return new AgentCounts(new EnumMap<>(this.agents.countByState()), now);
		}
		catch (RuntimeException ex) {
			log.debug("Agents by state unavailable: {}", ex.getMessage());
			return new AgentCounts(new EnumMap<>(AgentState.class), now);
		}
	}

	private static String country(String country) {
		return (country != null && COUNTRIES.contains(country)) ? country : "unknown";
	}

	/** The value itself while fewer than {@link #MAX_VALUES} were seen for this tag. */
	private String bounded(String tag, String value) {
		if (value == null || value.isBlank()) {
			return "none";
		}
		Set<String> values = this.seen.computeIfAbsent(tag, (t) -> ConcurrentHashMap.newKeySet());
		if (values.contains(value) || (values.size() < MAX_VALUES && values.add(value))) {
			return value;
		}
		return "other";
	}

	private record AgentCounts(Map<AgentState, Integer> byState, Instant takenAt) {

	}

}
