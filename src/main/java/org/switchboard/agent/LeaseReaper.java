package org.switchboard.agent;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Ends reservations and wrap-ups whose time has passed, every reaper interval, so that a
 * lost answer, miss or hang-up can never strand an agent as reserved.
 */
@Component
class LeaseReaper implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(LeaseReaper.class);

	private final Agents agents;

	private final AgentSettings settings;

	LeaseReaper(Agents agents, AgentSettings settings) {
		this.agents = agents;
		this.settings = settings;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(this::reap, this.settings.reaperInterval());
	}

	void reap() {
		try {
			List<String> released = this.agents.releaseExpired();
			if (!released.isEmpty()) {
				log.info("Ended {} reservations or wrap-ups that ran out: {}", released.size(), released);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Lease reaper could not run: {}", ex.getMessage());
		}
	}

}
