package org.switchboard.routing;

import org.switchboard.redis.LuaScript;

/**
 * Routing's Lua scripts, each run with the agent feature's library
 * ({@code agent/lib.lua}, the one home of the agent's keys) and {@code routing/lib.lua}
 * (routing's own keys) before it: routing reads, reserves and builds agents' indexes only
 * through the agent library's functions.
 */
final class RoutingLua {

	static final LuaScript CLAIM = load("claim");

	static final LuaScript CLAIM_CALL = load("claim-call");

	static final LuaScript WAITING_LINE = load("waiting-line");

	static final LuaScript BUILD_GROUP = load("build-group");

	static final LuaScript RETIRE_GROUPS = load("retire-groups");

	/**
	 * Every change of an agent, with the waiting calls offered to one who becomes ready.
	 */
	static final LuaScript READY_OFFER = load("ready-offer");

	private RoutingLua() {
	}

	private static LuaScript load(String name) {
		return LuaScript.fromClasspath("routing/" + name + ".lua", "agent/lib.lua", "routing/lib.lua");
	}

}
