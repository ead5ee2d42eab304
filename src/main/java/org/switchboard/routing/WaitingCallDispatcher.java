package org.switchboard.routing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import org.switchboard.agent.AgentEvent.AgentBecameReady;

/**
 * Hands an agent who became ready the waiting call that comes first among those they can
 * serve. Calls arriving meanwhile claim through {@link AgentClaims#claimOrWait}, which
 * sees ready agents, so no call waits while an agent who could take it stays ready.
 */
@Component
class WaitingCallDispatcher {

	private static final Logger log = LoggerFactory.getLogger(WaitingCallDispatcher.class);

	private final AgentClaims claims;

	WaitingCallDispatcher(AgentClaims claims) {
		this.claims = claims;
	}

	@EventListener
	void agentBecameReady(AgentBecameReady event) {
		try {
			this.claims.claimWaitingCall(event.agentId());
		}
		catch (RuntimeException ex) {
			// the agent stays ready and indexed: the next call or ready agent matches
			// again
			log.warn("No waiting call could be offered to agent {}: {}", event.agentId(), ex.getMessage());
		}
	}

}
