package org.switchboard.agent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import org.switchboard.agent.AgentEvent.AgentStateChanged;
import org.switchboard.call.CallEvent.AgentReserved;
import org.switchboard.common.DueWork;

/**
 * Ends reservations and wrap-ups when their time comes (at most 200 ms late), so that a
 * wrap-up ends on time and a lost answer, miss or hang-up can never strand an agent as
 * reserved. It runs when the first of them (any instance's) ends, as Redis answers after
 * each run, when one begun here ends sooner, and at least every reaper interval, for
 * those begun by an instance that stopped.
 */
@Component
class LeaseReaper implements DueWork.Owner {

	private static final Logger log = LoggerFactory.getLogger(LeaseReaper.class);

	private final Agents agents;

	private final AgentSettings settings;

	private final DueWork reaps;

	/**
	 * The least time between two runs: under load a wrap-up ends every few milliseconds,
	 * and they end a batch at a time, each at most this late.
	 */
	private static final Duration BATCHING = Duration.ofMillis(200);

	LeaseReaper(Agents agents, AgentSettings settings, Clock clock) {
		this.agents = agents;
		this.settings = settings;
		this.reaps = new DueWork("lease-reaper", BATCHING, settings.reaperInterval(), this::reap, clock);
	}

	@Override
	public DueWork dueWork() {
		return this.reaps;
	}

	@EventListener
	void reserved(AgentReserved reserved) {
		if (reserved.leaseUntil() != null) {
			this.reaps.dueAt(reserved.leaseUntil());
		}
	}

	@EventListener
	void changed(AgentStateChanged changed) {
		if (changed.to() == AgentState.WRAP_UP) {
			this.reaps.dueAt(changed.at().plus(this.settings.wrapUp()));
		}
	}

	/** Ends what ran out; answers when the next reservation or wrap-up ends. */
	Optional<Instant> reap(Instant now) {
		try {
			Agents.Expired expired = this.agents.releaseExpired();
			if (!expired.released().isEmpty()) {
				log.info("Ended {} reservations or wrap-ups that ran out: {}", expired.released().size(),
						expired.released());
			}
			return expired.next();
		}
		catch (RuntimeException ex) {
			log.warn("Lease reaper could not run: {}", ex.getMessage());
			return Optional.empty();
		}
	}

}
