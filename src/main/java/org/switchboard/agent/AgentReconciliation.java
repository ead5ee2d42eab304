package org.switchboard.agent;

import java.time.Clock;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import org.switchboard.telephony.AsteriskEvent.AsteriskResynced;
import org.switchboard.telephony.AsteriskSnapshot;
import org.switchboard.telephony.ChannelNames;

/**
 * After an AMI (re)connect: an agent Switchboard believes on a call whose phone has no
 * channel any more missed their hang-up while the link was down; they go to wrap-up now
 * instead of staying on call forever.
 */
@Component
class AgentReconciliation {

	private static final Logger log = LoggerFactory.getLogger(AgentReconciliation.class);

	private final Agents agents;

	private final AgentSettings settings;

	private final Clock clock;

	AgentReconciliation(Agents agents, AgentSettings settings, Clock clock) {
		this.agents = agents;
		this.settings = settings;
		this.clock = clock;
	}

	@EventListener
	void resynced(AsteriskResynced resynced) {
		Set<String> busyDevices = resynced.snapshot()
			.channels()
			.stream()
			.map(AsteriskSnapshot.ActiveChannel::channel)
			.map(ChannelNames::device)
			.collect(Collectors.toSet());
		for (Agent agent : this.agents.all()) {
			boolean onCall = this.agents.status(agent.id())
				.map((status) -> status.state() == AgentState.ON_CALL)
				.orElse(false);
			if (onCall && !busyDevices.contains(agent.endpoint())) {
				log.info("Agent {} has no call on {} any more: wrap-up", agent.id(), agent.endpoint());
				this.agents.wrapUp(agent.id(), this.clock.instant().plus(this.settings.wrapUp()));
			}
		}
	}

}
