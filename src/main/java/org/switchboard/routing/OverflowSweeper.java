package org.switchboard.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import org.switchboard.common.DueWork;

/**
 * Widens the needs of calls that have waited past an overflow step, and offers each to an
 * agent its new needs allow, when the first call's step is due (and at least every
 * overflow interval, for calls another instance lined up and left). Each due call is
 * taken by one instance (the due set is shared), so several instances sweep without doing
 * a call twice.
 */
@Component
class OverflowSweeper implements DueWork.Owner {

	private static final Logger log = LoggerFactory.getLogger(OverflowSweeper.class);

	/** The most calls one sweep widens; the rest are due still and go in the next. */
	private static final int BATCH = 200;

	/** How soon a call with an agent ringing is looked at again. */
	private static final Duration WHILE_RINGING = Duration.ofSeconds(5);

	private final RedisLiveCalls calls;

	private final WaitingLine line;

	private final AgentClaims claims;

	private final RoutingPlanner planner;

	private final Clock clock;

	private final DueWork sweeps;

	OverflowSweeper(RedisLiveCalls calls, WaitingLine line, AgentClaims claims, RoutingPlanner planner, Clock clock,
			@Value("${switchboard.routing.overflow-interval:5s}") Duration safety) {
		this.calls = calls;
		this.line = line;
		this.claims = claims;
		this.planner = planner;
		this.clock = clock;
		this.sweeps = new DueWork("overflow", Duration.ofMillis(100), safety, (now) -> sweep(), clock);
		calls.onWidenDue(this.sweeps::dueAt);
	}

	@Override
	public DueWork dueWork() {
		return this.sweeps;
	}

	/** Widens the calls due; answers when the next is due. */
	Optional<Instant> sweep() {
		Instant now = this.clock.instant();
		try {
			List<String> due = this.calls.dueToWiden(now, BATCH);
			for (String callId : due) {
				widen(callId, now);
			}
			return (due.size() >= BATCH) ? Optional.of(now) : this.calls.nextWiden();
		}
		catch (RuntimeException ex) {
			// Redis away: the calls stay due and the next sweep takes them
			log.warn("Overflow sweep failed: {}", ex.getMessage());
			return Optional.empty();
		}
	}

	void widen(String callId, Instant now) {
		Optional<CallNeeds> needs = this.line.find(callId);
		if (needs.isEmpty()) {
			return;
		}
		if (this.line.position(callId).isEmpty()) {
			// an agent is ringing for it: if they miss, it is back in line with these
			// needs, so look again shortly
			this.calls.widenAt(callId, now.plus(WHILE_RINGING));
			return;
		}
		Duration waited = Duration.between(needs.get().arrivedAt(), now);
		Overflow.Widening widening = this.planner.widen(this.calls.country(callId), this.calls.flowSkills(callId),
				needs.get().skills(), waited, now);
		CallNeeds widened = needs.get().withAlternatives(widening.alternatives());
		if (!widened.alternatives().equals(needs.get().alternatives())) {
			log.info("Call {} waited {}s: {}", callId, waited.toSeconds(), widening.trace());
		}
		Optional<String> agent = this.claims.claimForWaitingCall(widened);
		if (agent.isEmpty()) {
			widening.next().ifPresent((after) -> this.calls.widenAt(callId, needs.get().arrivedAt().plus(after)));
		}
	}

}
