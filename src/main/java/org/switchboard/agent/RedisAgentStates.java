package org.switchboard.agent;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import redis.clients.jedis.PipelineBase;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

import org.springframework.context.ApplicationEventPublisher;

import org.switchboard.call.CallEvent;
import org.switchboard.agent.AgentEvent.AgentMissedCall;
import org.switchboard.agent.AgentEvent.AgentReservationExpired;
import org.switchboard.agent.AgentEvent.AgentStateChanged;
import org.switchboard.redis.Keys;

/**
 * The agents' state in Redis: each change is one script run, and what it changed is
 * published after it, ready last.
 */
class RedisAgentStates {

	private final UnifiedJedis redis;

	private final Keys keys;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final RedisAgentScript script;

	RedisAgentStates(UnifiedJedis redis, Keys keys, Clock clock, ApplicationEventPublisher events,
			RedisAgentScript script) {
		this.redis = redis;
		this.keys = keys;
		this.clock = clock;
		this.events = events;
		this.script = script;
	}

	/**
	 * How many agents are in each state, from the counts every change of state keeps
	 * (agent/lib.lua): one read, however many agents.
	 */
	Map<AgentState, Integer> countByState() {
		List<?> counts = (List<?>) this.script.run(this.clock.instant(), "count", "", Map.of());
		Map<AgentState, Integer> byState = new EnumMap<>(AgentState.class);
		for (int i = 0; i + 1 < counts.size(); i += 2) {
			int count = Integer.parseInt(String.valueOf(counts.get(i + 1)));
			if (count > 0) {
				byState.put(AgentState.valueOf(String.valueOf(counts.get(i))), count);
			}
		}
		return byState;
	}

	/** Every agent on a call, with their phone, in one read. */
	Map<String, String> onCallEndpoints() {
		List<?> pairs = (List<?>) this.script.run(this.clock.instant(), "on-call", "", Map.of());
		Map<String, String> endpoints = new java.util.LinkedHashMap<>();
		for (int i = 0; i + 1 < pairs.size(); i += 2) {
			endpoints.put(String.valueOf(pairs.get(i)), String.valueOf(pairs.get(i + 1)));
		}
		return endpoints;
	}

	/** Every agent a claim may take now (ready and reachable), longest ready first. */
	List<String> claimable() {
		return ((List<?>) this.script.run(this.clock.instant(), "claimable", "", Map.of())).stream()
			.map(String::valueOf)
			.toList();
	}

	Optional<AgentStatus> status(String agentId) {
		Map<String, String> fields = this.redis.hgetAll(this.keys.key("agent", agentId));
		if (fields.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(new AgentStatus(agentId, AgentState.valueOf(fields.get("state")), fields.get("reason"),
				"1".equals(fields.get("reachable")), instant(fields.get("readySince")),
				instant(fields.get("leaseUntil")), fields.get("call"), instant(fields.get("wrapUntil")),
				Integer.parseInt(fields.getOrDefault("misses", "0")), fields.get("pausePending")));
	}

	boolean ready(String agentId) {
		Instant now = this.clock.instant();
		Object result = this.script.run(now, "ready", agentId, Map.of());
		return "pending".equals(result) || applied(agentId, now, result);
	}

	boolean pause(String agentId, String reason) {
		if (reason == null || reason.isBlank() || reason.length() > 64) {
			throw new IllegalArgumentException("pause reason is not 1-64 characters: '" + reason + "'");
		}
		Instant now = this.clock.instant();
		Object result = this.script.run(now, "pause", agentId, Map.of("reason", reason.strip()));
		return "pending".equals(result) || applied(agentId, now, result);
	}

	boolean onCall(String agentId, String callId, String channel) {
		Instant now = this.clock.instant();
		return applied(agentId, now,
				this.script.run(now, "answer", agentId, Map.of("callId", callId, "channel", channel)));
	}

	boolean hungUp(String agentId, String channel, Instant wrapUpUntil) {
		Instant now = this.clock.instant();
		return applied(agentId, now, this.script.run(now, "hungup", agentId,
				Map.of("channel", channel, "wrapUpUntil", RedisAgentScript.ms(wrapUpUntil))));
	}

	boolean missed(String agentId) {
		Instant now = this.clock.instant();
		return applied(agentId, now, this.script.run(now, "missed", agentId, this.script.limits()));
	}

	boolean ringing(String agentId) {
		Object result = this.script.run(this.clock.instant(), "ringing", agentId, Map.of());
		if ("missing".equals(result)) {
			throw new NoSuchElementException("no agent: " + agentId);
		}
		return "rang".equals(result);
	}

	Agents.Expired releaseExpired() {
		Instant now = this.clock.instant();
		List<?> reply = (List<?>) this.script.run(now, "reap", "", this.script.limits());
		List<String> released = new ArrayList<>();
		for (Object row : (List<?>) reply.get(0)) {
			AgentChange change = AgentChange.of((List<?>) row);
			if (change.from() == AgentState.RESERVED) {
				this.events.publishEvent(new AgentReservationExpired(change.agentId(), change.callId(), now));
			}
			publish(change, now);
			released.add(change.agentId());
		}
		String next = String.valueOf(reply.get(1));
		return new Agents.Expired(released,
				next.isEmpty() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(Long.parseLong(next))));
	}

	/** Moves the agent to the change's target if their state is one it starts from. */
	boolean change(String agentId, StateChange change, String reason, Instant until) {
		Instant now = this.clock.instant();
		Map<String, Object> args = Map.of("target", change.target.name(), "reason", reason, "wrapUpUntil",
				(until != null) ? RedisAgentScript.ms(until) : "", "from",
				change.from.stream().map(AgentState::name).toList());
		return applied(agentId, now, this.script.run(now, "move", agentId, args));
	}

	private boolean applied(String agentId, Instant now, Object result) {
		if ("missing".equals(result)) {
			throw new NoSuchElementException("no agent: " + agentId);
		}
		if ("refused".equals(result)) {
			return false;
		}
		publish(AgentChange.of((List<?>) result), now);
		return true;
	}

	/**
	 * Reports a change; ready comes last, as its listeners may claim the agent at once.
	 */
	private void publish(AgentChange change, Instant now) {
		this.events
			.publishEvent(new AgentStateChanged(change.agentId(), change.from(), change.to(), change.reason(), now));
		if (change.from() == AgentState.WRAP_UP && change.to() != AgentState.WRAP_UP && change.callId() != null
				&& !change.callId().isEmpty()) {
			this.events.publishEvent(new CallEvent.WrapUpEnded(change.callId(), change.agentId(), now));
		}
		if (change.misses() != null) {
			this.events.publishEvent(new AgentMissedCall(change.agentId(), change.callId(), change.misses(), now));
		}
		if (change.indexed()) {
			this.events.publishEvent(this.script.becameReady(change.agentId(), now, change.took()));
		}
	}

	private static Instant instant(String ms) {
		return (ms != null && !ms.isEmpty()) ? Instant.ofEpochMilli(Long.parseLong(ms)) : null;
	}

}
