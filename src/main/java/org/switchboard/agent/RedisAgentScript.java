package org.switchboard.agent;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import redis.clients.jedis.UnifiedJedis;

import org.switchboard.agent.AgentEvent.AgentBecameReady;
import org.switchboard.redis.Keys;
import org.switchboard.redis.LuaScript;

/**
 * Runs every change of an agent through {@code change_agent} in {@code agent/lib.lua}, so
 * that the ready indexes never disagree with the state: in {@code agent/agents.lua}, or
 * in the ready offer's own script, which makes the offer in the same step.
 */
class RedisAgentScript {

	private static final LuaScript AGENTS = LuaScript.fromClasspath("agent/agents.lua", "agent/lib.lua");

	private final UnifiedJedis redis;

	private final Keys keys;

	private final AgentSettings settings;

	private final ReadyAgentOffer offer;

	private final LuaScript script;

	RedisAgentScript(UnifiedJedis redis, Keys keys, AgentSettings settings, ReadyAgentOffer offer) {
		this.redis = redis;
		this.keys = keys;
		this.settings = settings;
		this.offer = offer;
		this.script = (offer != null) ? offer.script() : AGENTS;
	}

	/** Runs one operation of an agent change with its own named arguments. */
	Object run(Instant now, String operation, String agentId, Map<String, ?> args) {
		Map<String, Object> named = new HashMap<>(args);
		named.put("operation", operation);
		named.put("now", ms(now));
		named.put("agentId", agentId);
		named.put("offer", (this.offer != null) ? this.offer.argument() : "");
		return this.script.run(this.redis, List.of(this.keys.key("agents")), this.keys.prefix(), named);
	}

	/** Ready, with what the agent took of the offer made in the same script. */
	AgentBecameReady becameReady(String agentId, Instant now, Object took) {
		return new AgentBecameReady(agentId, now, this.offer != null, AgentChange.blankToNull(took));
	}

	/** The default limit of misses and the teams' own, as the script reads them. */
	Map<String, Object> limits() {
		return Map.of("maxRingMisses", this.settings.maxRingMisses(), "teamMaxRingMisses",
				this.settings.teamMaxRingMisses());
	}

	static String ms(Instant instant) {
		return Long.toString(instant.toEpochMilli());
	}

}
