package org.switchboard.routing;

import org.switchboard.redis.LuaScript;

/**
 * Routing's Lua scripts, each run with the functions of the agent feature's
 * {@code agent/ready-index.lua} and {@code routing/lib.lua} before it, so the claim and
 * the waiting line share one text of reserving an agent and lining up a call.
 */
final class RoutingLua {

	static final LuaScript CLAIM = load("claim");

	static final LuaScript CLAIM_CALL = load("claim-call");

	static final LuaScript WAITING_LINE = load("waiting-line");

	static final LuaScript BUILD_GROUP = load("build-group");

	static final LuaScript RETIRE_GROUPS = load("retire-groups");

	private RoutingLua() {
	}

	private static LuaScript load(String name) {
		return LuaScript.fromClasspath("routing/" + name + ".lua", "agent/ready-index.lua", "routing/lib.lua");
	}

}
