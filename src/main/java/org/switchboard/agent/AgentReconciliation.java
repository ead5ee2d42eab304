package org.switchboard.agent;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import org.switchboard.agent.AgentEvent.AgentStateChanged;
import org.switchboard.call.AsteriskEvent.AsteriskResynced;
import org.switchboard.call.AsteriskSnapshot;
import org.switchboard.call.ChannelNames;

/**
 * After an AMI (re)connect or Redis's return: an agent Switchboard believes on a call
 * whose phone has no channel any more missed their hang-up (or it could not be stored);
 * they go to wrap-up now instead of staying on call forever. An agent who went on a call
 * after the channels were asked for is left alone: the lists may predate their call.
 */
@Component
class AgentReconciliation {

	private static final Logger log = LoggerFactory.getLogger(AgentReconciliation.class);

	private final Agents agents;

	private final AgentSettings settings;

	private final Clock clock;

	/** When each agent last went on a call, as heard here. */
	private final Map<String, Instant> onCallSince = new ConcurrentHashMap<>();

	AgentReconciliation(Agents agents, AgentSettings settings, Clock clock) {
		this.agents = agents;
		this.settings = settings;
		this.clock = clock;
	}

	@EventListener
	void stateChanged(AgentStateChanged change) {
		if (change.to() == AgentState.ON_CALL) {
			this.onCallSince.put(change.agentId(), change.at());
		}
		else {
			this.onCallSince.remove(change.agentId());
		}
	}

	@EventListener
	void resynced(AsteriskResynced resynced) {
		Set<String> busyDevices = resynced.snapshot()
			.channels()
			.stream()
			.map(AsteriskSnapshot.ActiveChannel::channel)
			.map(ChannelNames::device)
			.collect(Collectors.toSet());
		// one read of the agents on a call, whatever the number of agents
		this.agents.onCallEndpoints().forEach((agentId, endpoint) -> {
			// an agent who went on a call after the lists were asked for may not be in
			// them yet
			Instant since = this.onCallSince.get(agentId);
			boolean newer = since != null && !since.isBefore(resynced.at());
			if (!newer && !busyDevices.contains(endpoint)) {
				log.info("Agent {} has no call on {} any more: wrap-up", agentId, endpoint);
				this.agents.wrapUp(agentId, this.clock.instant().plus(this.settings.wrapUp()));
			}
		});
	}

}
