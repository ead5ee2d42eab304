package org.switchboard.agent;

import org.switchboard.redis.LuaScript;

/**
 * Work another feature offers an agent inside the very script that makes them ready, so
 * that becoming ready and taking work are one Redis round trip and no other instance sees
 * the agent ready in between. Routing offers its waiting calls this way; what the agent
 * took comes with {@link AgentEvent.AgentBecameReady}.
 */
public interface ReadyAgentOffer {

	/**
	 * The script every change of an agent runs in instead of {@code agent/agents.lua}:
	 * the offering feature's own, over {@code agent/lib.lua}, that returns
	 * {@code change_agent(A, offer)} with its {@code offer(agent, now)}, which may
	 * reserve the agent and answers what they took, or nil. The agent feature's scripts
	 * hold no text of the offering feature.
	 */
	LuaScript script();

	/** The argument the script is given with every change, as {@code offer}. */
	String argument();

}
