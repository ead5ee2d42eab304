package org.switchboard.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import org.switchboard.call.CallEvent;
import org.switchboard.call.CallEvent.AgentReserved;
import org.switchboard.call.DialStatus;
import org.switchboard.agent.Agent;
import org.switchboard.agent.Agents;
import org.switchboard.schedule.ScheduleChanged;
import org.switchboard.call.AsteriskEvent.OriginateFinished;
import org.switchboard.call.CallControl;
import org.switchboard.call.CallRequest;
import org.switchboard.call.Masked;
import org.switchboard.call.OriginateOutcome;
import org.switchboard.call.OriginateRequest;

/**
 * Callbacks: a caller leaves a number and hangs up, keeping their place in line (or, when
 * their country is closed, waiting for it to open). When an agent is claimed for it,
 * Switchboard rings the agent with AMI Originate and, once they answer, the dialplan
 * dials the customer. A customer who does not answer is tried again after a delay, up to
 * a set number of attempts; an agent who does not answer counts as a ring-no-answer and
 * the callback goes back to its place.
 */
@Component
class Callbacks {

	private static final Logger log = LoggerFactory.getLogger(Callbacks.class);

	/** How soon a callback whose Originate could not even be sent is tried again. */
	private static final Duration AFTER_FAILURE = Duration.ofSeconds(30);

	private static final int BATCH = 100;

	private final RedisLiveCalls calls;

	private final RedisCallbackTimes times;

	private final WaitingLine line;

	private final AgentClaims claims;

	private final Agents agents;

	private final CallControl control;

	private final RoutingPlanner planner;

	private final RoutingSettings settings;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	Callbacks(RedisLiveCalls calls, RedisCallbackTimes times, WaitingLine line, AgentClaims claims, Agents agents,
			CallControl control, RoutingPlanner planner, RoutingSettings settings, Clock clock,
			ApplicationEventPublisher events) {
		this.calls = calls;
		this.times = times;
		this.line = line;
		this.claims = claims;
		this.agents = agents;
		this.control = control;
		this.planner = planner;
		this.settings = settings;
		this.clock = clock;
		this.events = events;
	}

	/**
	 * A waiting caller leaves this number: the call stays in line where it is, and its
	 * caller may hang up.
	 */
	void requestedWhileWaiting(String callId, String number, String language) {
		this.calls.callback(callId, number, language);
		this.events.publishEvent(new CallEvent.CallbackRequested(callId, this.calls.queue(callId).orElse(""),
				this.calls.country(callId), this.clock.instant()));
		log.info("Call {} becomes a callback to {}, keeping its place", callId, Masked.number(number));
	}

	/**
	 * A caller asked for a callback in the IVR (or the closed action offered one): it
	 * joins the line now if the country is open, or waits for its opening.
	 */
	void requested(CallRequest request, Map<String, Integer> flowSkills, String queue, String number, String language) {
		Instant now = this.clock.instant();
		RoutingPlan plan = this.planner.plan(request, flowSkills, now);
		CallNeeds needs = new CallNeeds(request.uniqueId(), queue, plan.skills(), 0, now).withQuota(plan.quota());
		this.calls.opened(needs, request.channel(), plan.country(), flowSkills);
		this.calls.callback(request.uniqueId(), number, language);
		this.events.publishEvent(new CallEvent.CallbackRequested(request.uniqueId(), queue, plan.country(), now));
		if (plan.open()) {
			this.claims.claimOrWait(needs);
			log.info("Callback {} to {} waits in line {}", request.uniqueId(), Masked.number(number), queue);
		}
		else {
			Instant opens = plan.decision()
				.flatMap((decision) -> decision.nextChange())
				.map(ZonedDateTime::toInstant)
				.orElse(now.plus(Duration.ofHours(1)));
			this.times.callbackAt(request.uniqueId(), opens);
			log.info("Callback {} to {} waits for {} to open at {}", request.uniqueId(), Masked.number(number),
					plan.country().orElse("?"), opens);
		}
	}

	/**
	 * An agent was claimed for a callback: ring them; once they answer, the dialplan
	 * dials the customer.
	 */
	void dial(AgentReserved claimed, String number) {
		Optional<Agent> agent = this.agents.find(claimed.agentId());
		if (agent.isEmpty()) {
			this.agents.release(claimed.agentId());
			later(claimed.callId(), AFTER_FAILURE);
			return;
		}
		OriginateRequest request = new OriginateRequest(agent.get().endpoint(), "switchboard-callback", "s",
				this.settings.ringTimeout(), "\"Callback\" <" + number + ">",
				Map.of("SB_CALLBACK_NUMBER", number, "SB_CALL", claimed.callId()));
		try {
			this.control.originate(request).whenComplete((finished, error) -> originated(claimed, finished, error));
		}
		catch (RuntimeException ex) {
			originated(claimed, null, ex);
		}
	}

	private void originated(AgentReserved claimed, OriginateFinished finished, Throwable error) {
		String callId = claimed.callId();
		if (error == null && finished.outcome() == OriginateOutcome.ANSWERED) {
			// only the hang-up of the agent's leg of the callback ends their call
			this.agents.onCall(claimed.agentId(), callId, (finished.channel() != null) ? finished.channel() : "");
			return;
		}
		this.calls.unassign(callId);
		if (error != null || finished.outcome() == OriginateOutcome.FAILED
				|| finished.outcome() == OriginateOutcome.TIMED_OUT) {
			log.warn("Callback {} could not ring agent {} ({}); tried again shortly", callId, claimed.agentId(),
					(error != null) ? error.getMessage() : finished.outcome());
			this.agents.release(claimed.agentId());
			this.line.giveBack(callId);
			later(callId, AFTER_FAILURE);
			return;
		}
		// the agent did not answer: ring-no-answer, and the callback keeps its place
		this.agents.missed(claimed.agentId());
		Optional<CallNeeds> needs = this.line.find(callId);
		this.events.publishEvent(new CallEvent.RingNotAnswered(callId, claimed.agentId(), needs.map(CallNeeds::queue),
				this.calls.country(callId), finished.outcome().dialStatus(), this.clock.instant()));
		needs.ifPresent(this.claims::claimOrWait);
	}

	/**
	 * The dialplan dialled the customer for this callback: reached, or tried again after
	 * the retry delay until the attempts run out.
	 */
	void customerDialled(String callId, String agentId, DialStatus dialStatus) {
		int attempts = this.calls.attempted(callId);
		Instant now = this.clock.instant();
		if (dialStatus.answered()) {
			this.calls.queueAndClaimedAt(callId)
				.ifPresent(
						(claimed) -> this.calls.handled(claimed.getKey(), Duration.between(claimed.getValue(), now)));
			finish(callId, agentId, true, attempts);
			return;
		}
		if (attempts >= this.settings.callbacks().attempts()) {
			log.info("Callback {} gave up after {} attempts ({})", callId, attempts, dialStatus);
			finish(callId, agentId, false, attempts);
			return;
		}
		this.calls.unassign(callId);
		this.line.giveBack(callId);
		later(callId, this.settings.callbacks().retryDelay());
		log.info("Callback {}: the customer did not answer ({}), attempt {} of {}", callId, dialStatus, attempts,
				this.settings.callbacks().attempts());
	}

	private void finish(String callId, String agentId, boolean completed, int attempts) {
		this.line.remove(callId);
		this.calls.closed(callId);
		this.events
			.publishEvent(new CallEvent.CallbackFinished(callId, agentId, completed, attempts, this.clock.instant()));
	}

	private void later(String callId, Duration delay) {
		this.times.callbackAt(callId, this.clock.instant().plus(delay));
	}

	/**
	 * Lines up callbacks whose time has come: a retry, or a country that has opened. One
	 * whose country is closed (still, or again) waits for the next opening. Answers when
	 * the next callback is due ({@link CallbackSweeper} runs it then).
	 */
	Optional<Instant> lineUpDue() {
		try {
			Instant now = this.clock.instant();
			java.util.List<String> due = this.times.dueCallbacks(now, BATCH);
			for (String callId : due) {
				lineUp(callId, now);
			}
			return (due.size() >= BATCH) ? Optional.of(now) : this.times.nextCallback();
		}
		catch (RuntimeException ex) {
			log.warn("Due callbacks not lined up: {}", ex.getMessage());
			return Optional.empty();
		}
	}

	/**
	 * A country's schedule changed, on this instance or another: its callbacks that wait
	 * for an opening are looked at again now, so a line opened early calls back at once;
	 * retries keep their delay.
	 */
	@EventListener
	void scheduleChanged(ScheduleChanged changed) {
		try {
			Instant now = this.clock.instant();
			for (String callId : this.times.laterCallbacks(now)) {
				if (this.calls.attempts(callId) == 0
						&& this.calls.country(callId).filter(changed.country()::equals).isPresent()) {
					this.times.callbackAt(callId, now);
				}
			}
		}
		catch (RuntimeException ex) {
			log.warn("Callbacks of {} not looked at again after its schedule changed: {}", changed.country(),
					ex.getMessage());
		}
	}

	void lineUp(String callId, Instant now) {
		Optional<CallNeeds> needs = this.line.find(callId).or(() -> this.calls.needs(callId));
		if (needs.isEmpty()) {
			return;
		}
		RoutingPlan plan = this.planner.plan(this.calls.country(callId), this.calls.flowSkills(callId), now);
		if (!plan.open()) {
			this.times.callbackAt(callId,
					plan.decision()
						.flatMap((decision) -> decision.nextChange())
						.map(ZonedDateTime::toInstant)
						.orElse(now.plus(Duration.ofHours(1))));
			return;
		}
		this.claims.claimOrWait(needs.get().withQuota(plan.quota()));
	}

}
