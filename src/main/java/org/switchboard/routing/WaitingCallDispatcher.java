package org.switchboard.routing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import org.switchboard.agent.Agent;
import org.switchboard.agent.AgentEvent.AgentBecameReady;
import org.switchboard.agent.AgentState;
import org.switchboard.agent.AgentStatus;
import org.switchboard.agent.Agents;
import org.switchboard.call.AsteriskEvent.AsteriskResynced;

/**
 * Hands an agent who became ready the waiting call that comes first among those they can
 * serve: announces the call the agent took in the step that made them ready
 * ({@link WaitingCallOffer}), or claims one when that step offered none. Calls arriving
 * meanwhile claim through {@link AgentClaims#claimOrWait}, which sees ready agents, so no
 * call waits while an agent who could take it stays ready.
 */
@Component
class WaitingCallDispatcher {

	private static final Logger log = LoggerFactory.getLogger(WaitingCallDispatcher.class);

	/**
	 * How many of a country's first waiting calls are offered when its quota frees up.
	 */
	private static final int FREED = 5;

	/**
	 * How many of a group's first waiting calls are offered when its index is built: more
	 * than wait during a build.
	 */
	private static final int BUILT = 1000;

	private final AgentClaims claims;

	private final WaitingLine line;

	private final Agents agents;

	WaitingCallDispatcher(AgentClaims claims, WaitingLine line, Agents agents) {
		this.claims = claims;
		this.line = line;
		this.agents = agents;
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

	/**
	 * The AMI link is back: a Redirect that failed while it was down released its agent,
	 * ready but idle beside a waiting call. Every ready agent is offered the waiting
	 * calls again.
	 */
	@EventListener
	void asteriskResynced(AsteriskResynced resynced) {
		if (this.line.waiting().isEmpty()) {
			return;
		}
		for (String agentId : this.agents.claimable()) {
			// one agent that cannot be offered a call must not keep the others from
			// theirs
			try {
				this.claims.claimWaitingCall(agentId);
			}
			catch (RuntimeException ex) {
				log.warn("No waiting call could be offered to agent {} after the AMI link came back: {}", agentId,
						ex.getMessage());
			}
		}
	}

	/**
	 * A group's index is built: its calls that waited meanwhile were offered none of the
	 * agents ready before them, so each call waiting for the group claims again.
	 */
	@EventListener
	void groupIndexBuilt(GroupIndexBuilt built) {
		try {
			for (String callId : this.line.firstOfGroup(built.group(), BUILT)) {
				this.line.find(callId).ifPresent(this.claims::claimForWaitingCall);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Calls needing {} could not be offered after its index was built: {}", built.group(),
					ex.getMessage());
		}
	}

	@EventListener
	void agentBecameReady(AgentBecameReady event) {
		if (event.offered()) {
			// the step that made the agent ready offered them the waiting calls already
			// (WaitingCallOffer)
			if (event.took() != null) {
				this.claims.tookWaitingCall(event.agentId(), event.took(), event.at());
			}
			return;
		}
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
