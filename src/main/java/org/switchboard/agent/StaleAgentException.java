package org.switchboard.agent;

/** An edit made on an agent profile that has changed since; nothing was changed. */
public class StaleAgentException extends RuntimeException {

	private final long current;

	public StaleAgentException(String agentId, long expected, long current) {
		super("agent " + agentId + " is at version " + current + ", not " + expected);
		this.current = current;
	}

	/** The version in force, 0 when the agent is gone. */
	public long current() {
		return this.current;
	}

}
