package org.switchboard.agent;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import redis.clients.jedis.UnifiedJedis;

import org.springframework.context.ApplicationEventPublisher;

import org.switchboard.agent.AgentEvent.AgentPhoneChanged;
import org.switchboard.redis.Keys;

/**
 * The agents' profiles in Redis: saved and deleted with their version checked, and found
 * by id or by their phone's endpoint.
 */
class RedisAgentProfiles {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final UnifiedJedis redis;

	private final Keys keys;

	private final ApplicationEventPublisher events;

	private final RedisAgentScript script;

	private final RedisEndpointDirectory endpoints;

	RedisAgentProfiles(UnifiedJedis redis, Keys keys, ApplicationEventPublisher events, RedisAgentScript script) {
		this.redis = redis;
		this.keys = keys;
		this.events = events;
		this.script = script;
		this.endpoints = new RedisEndpointDirectory(redis, keys);
	}

	/** Saves the agent; an expected version that is not blank must be the stored one. */
	long save(Agent agent, String expectedVersion, Instant now) {
		List<?> result = (List<?>) this.script.run(now, "save", agent.id(),
				Map.of("profile", json(agent), "levels", json(agent.levels()), "endpoint", agent.endpoint(), "team",
						agent.team(), "expectedVersion", expectedVersion));
		this.endpoints.changed();
		if ("stale".equals(result.get(0))) {
			throw new StaleAgentException(agent.id(), Long.parseLong(expectedVersion),
					Long.parseLong((String) result.get(1)));
		}
		if ("taken".equals(result.get(0))) {
			throw new IllegalArgumentException(
					"endpoint " + agent.endpoint() + " already belongs to agent " + result.get(1));
		}
		if ("1".equals(result.get(1))) {
			this.events.publishEvent(this.script.becameReady(agent.id(), now, result.get(3)));
		}
		if ("1".equals(result.get(4))) {
			this.events.publishEvent(new AgentPhoneChanged(agent.id(), agent.endpoint(), now));
		}
		return Long.parseLong((String) result.get(2));
	}

	boolean delete(String agentId, long expectedVersion, Instant now) {
		Object result = this.script.run(now, "delete", agentId,
				Map.of("expectedVersion", Long.toString(expectedVersion)));
		this.endpoints.changed();
		if (Long.valueOf(-1).equals(result)) {
			throw new StaleAgentException(agentId, expectedVersion, version(agentId));
		}
		return Long.valueOf(1).equals(result);
	}

	boolean delete(String agentId, Instant now) {
		Object result = this.script.run(now, "delete", agentId, Map.of());
		this.endpoints.changed();
		return Long.valueOf(1).equals(result);
	}

	long version(String agentId) {
		List<String> fields = this.redis.hmget(this.keys.key("agent", agentId), "state", "version");
		if (fields.get(0) == null) {
			return 0;
		}
		return (fields.get(1) != null) ? Long.parseLong(fields.get(1)) : 1;
	}

	Optional<Agent> find(String agentId) {
		return Optional.ofNullable(this.redis.hget(this.keys.key("agent", agentId), "profile")).map(this::agent);
	}

	List<Agent> all() {
		return this.redis.smembers(this.keys.key("agents"))
			.stream()
			.map(this::find)
			.flatMap(Optional::stream)
			.sorted(Comparator.comparing(Agent::id))
			.toList();
	}

	Optional<String> idWithEndpoint(String endpoint) {
		return this.endpoints.agentId(endpoint);
	}

	private Agent agent(String json) {
		try {
			return JSON.readValue(json, Agent.class);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("unreadable agent profile in Redis: " + ex.getOriginalMessage(), ex);
		}
	}

	private static String json(Object value) {
		try {
			return JSON.writeValueAsString(value);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("cannot write " + value + " as JSON", ex);
		}
	}

}
