package org.switchboard.agent;

/** Where an agent stands; only a READY agent with a reachable phone is offered a call. */
public enum AgentState {

	/** Not working. */
	LOGGED_OUT,

	/** Waiting for a call. */
	READY,

	/**
	 * A call is being put through to them; held under a lease so that a lost event cannot
	 * keep them reserved for ever.
	 */
	RESERVED,

	/** Talking to a caller. */
	ON_CALL,

	/** After-call work, until a set time. */
	WRAP_UP,

	/** Logged in but taking no calls, for a reason kept beside the state. */
	NOT_READY

}
