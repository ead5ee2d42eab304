package org.switchboard.agent;

import org.switchboard.common.StaleVersionException;

/** An edit made on an agent profile that has changed since; nothing was changed. */
public class StaleAgentException extends StaleVersionException {

	public StaleAgentException(String agentId, long expected, long current) {
		super("agent " + agentId + " is at version " + current + ", not " + expected, current);
	}

}
