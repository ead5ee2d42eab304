package org.switchboard.agent;

import java.util.List;

/**
 * Work another feature offers an agent inside the very script that makes them ready, so
 * that becoming ready and taking work are one Redis round trip and no other instance sees
 * the agent ready in between. Routing offers its waiting calls this way; what the agent
 * took comes with {@link AgentEvent.AgentBecameReady}.
 */
public interface ReadyAgentOffer {

	/**
	 * Class-path Lua files that define {@code offer_ready(agent, now, argument)}, put
	 * after {@code agent/ready-index.lua} and before the agent script: it may reserve the
	 * agent, and answers what they took, or nil.
	 */
	List<String> luaFiles();

	/** The {@code argument} the Lua function is given with every change. */
	String argument();

}
