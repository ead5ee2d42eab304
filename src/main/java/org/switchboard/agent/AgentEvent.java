package org.switchboard.agent;

import java.time.Instant;

/** What happened to an agent, published in-process for the other features. */
public sealed interface AgentEvent permits AgentEvent.AgentStateChanged, AgentEvent.AgentBecameReady,
		AgentEvent.AgentMissedCall, AgentEvent.AgentReservationExpired, AgentEvent.AgentPhoneChanged {

	String agentId();

	Instant at();

	/**
	 * The agent's state changed; {@code reason} is set for NOT_READY only. NOT_READY to
	 * NOT_READY is a new reason. A claim (READY to RESERVED) is routing's
	 * {@code AgentReserved}.
	 */
	record AgentStateChanged(String agentId, AgentState from, AgentState to, String reason,
			Instant at) implements AgentEvent {

	}

	/**
	 * The agent can be offered a call from now on: READY with a reachable phone.
	 *
	 * @param offered whether the step that made them ready offered them work already
	 * ({@link ReadyAgentOffer})
	 * @param took what they took then, or null; they are no longer ready when they took
	 * something
	 */
	record AgentBecameReady(String agentId, Instant at, boolean offered, String took) implements AgentEvent {

		/** Ready, and offered nothing yet. */
		public AgentBecameReady(String agentId, Instant at) {
			this(agentId, at, false, null);
		}

	}

	/**
	 * A new agent, or an agent given another phone: it counts as unreachable until
	 * Asterisk says otherwise.
	 */
	record AgentPhoneChanged(String agentId, String endpoint, Instant at) implements AgentEvent {

	}

	/**
	 * A call rang at the agent and was not answered; {@code consecutive} counts this one.
	 */
	record AgentMissedCall(String agentId, String callId, int consecutive, Instant at) implements AgentEvent {

	}

	/**
	 * A reservation ran out with no answer, miss or release reported: the call it was for
	 * may need routing again.
	 */
	record AgentReservationExpired(String agentId, String callId, Instant at) implements AgentEvent {

	}

}
