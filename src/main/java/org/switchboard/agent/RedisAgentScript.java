package org.switchboard.agent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import redis.clients.jedis.UnifiedJedis;

import org.switchboard.agent.AgentEvent.AgentBecameReady;
import org.switchboard.redis.Keys;
import org.switchboard.redis.LuaScript;

/**
 * Runs {@code agent/agents.lua}, the one script every change of an agent goes through, so
 * that the ready indexes never disagree with the state; with the ready offer's work.
 */
class RedisAgentScript {

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
		List<String> before = new ArrayList<>(List.of("agent/ready-index.lua"));
		before.addAll((offer != null) ? offer.luaFiles() : List.of("agent/no-offer.lua"));
		this.script = LuaScript.fromClasspath("agent/agents.lua", before.toArray(String[]::new));
	}

	Object run(Instant now, String operation, String agentId, List<String> args) {
		List<String> argv = new ArrayList<>(List.of(this.keys.prefix(), operation, ms(now), agentId,
				(this.offer != null) ? this.offer.argument() : ""));
		argv.addAll(args);
		return this.script.run(this.redis, List.of(this.keys.key("agents")), argv);
	}

	/** Ready, with what the agent took of the offer made in the same script. */
	AgentBecameReady becameReady(String agentId, Instant now, Object took) {
		return new AgentBecameReady(agentId, now, this.offer != null, AgentChange.blankToNull(took));
	}

	/** The default limit of misses, then team, limit pairs, as the script reads them. */
	List<String> limits() {
		List<String> limits = new ArrayList<>();
		limits.add(Integer.toString(this.settings.maxRingMisses()));
		this.settings.teamMaxRingMisses().forEach((team, max) -> {
			limits.add(team);
			limits.add(Integer.toString(max));
		});
		return limits;
	}

	static String ms(Instant instant) {
		return Long.toString(instant.toEpochMilli());
	}

}
