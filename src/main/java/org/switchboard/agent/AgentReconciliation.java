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
		for (Agent agent : this.agents.all()) {
			boolean onCall = this.agents.status(agent.id())
				.map((status) -> status.state() == AgentState.ON_CALL)
				.orElse(false);
			// an agent who went on a call after the lists were asked for may not be in
			// them yet
			Instant since = this.onCallSince.get(agent.id());
			boolean newer = since != null && !since.isBefore(resynced.at());
			if (onCall && !newer && !busyDevices.contains(agent.endpoint())) {
				log.info("Agent {} has no call on {} any more: wrap-up", agent.id(), agent.endpoint());
				this.agents.wrapUp(agent.id(), this.clock.instant().plus(this.settings.wrapUp()));
			}
		}
	}

}
