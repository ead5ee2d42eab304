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

	/**
	 * How many of a country's first waiting calls are offered when its quota frees up.
	 */
	private static final int FREED = 5;

	private final AgentClaims claims;

	private final WaitingLine line;

	WaitingCallDispatcher(AgentClaims claims, WaitingLine line) {
		this.claims = claims;
		this.line = line;
	}

	/**
	 * A call of this country ended or gave its agent back: a call of the country held by
	 * its quota may take a ready agent now.
	 */
	void countryFreed(String country) {
		try {
			for (String callId : this.line.firstOfCountry(country, FREED)) {
				this.line.find(callId).ifPresent(this.claims::claimForWaitingCall);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Calls of {} could not be offered after its quota freed: {}", country, ex.getMessage());
		}
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
