package org.switchboard.callrecord;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import org.switchboard.agent.AgentEvent.AgentStateChanged;
import org.switchboard.agent.AgentState;
import org.switchboard.routing.AgentClaimed;

/**
 * Keeps every agent's changes of state (a claim is the change to RESERVED), the input of
 * occupancy. A change that cannot be written while Redis is away is lost and logged: it
 * skews occupancy only, never a call record.
 */
@Component
class AgentStateLog {

	private static final Logger log = LoggerFactory.getLogger(AgentStateLog.class);

	private final CallRecords records;

	AgentStateLog(CallRecords records) {
		this.records = records;
	}

	@EventListener
	void changed(AgentStateChanged change) {
		keep(new Occupancy.Change(change.agentId(), change.to().name(), change.at()));
	}

	@EventListener
	void claimed(AgentClaimed claimed) {
		keep(new Occupancy.Change(claimed.agentId(), AgentState.RESERVED.name(), claimed.at()));
	}

	private void keep(Occupancy.Change change) {
		try {
			this.records.appendAgentState(change);
		}
		catch (RuntimeException ex) {
			log.warn("Agent {} entering {} not kept for occupancy: {}", change.agentId(), change.state(),
					ex.getMessage());
		}
	}

}
