package org.switchboard.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import redis.clients.jedis.UnifiedJedis;

import org.springframework.stereotype.Component;

import org.switchboard.redis.Keys;

/**
 * The calls routing is looking after, shared by every instance: which channel a call is
 * on (to move it with Redirect), what it needs, and which agent is reserved for it. Hash
 * {@code sb:{site}:call:<id>} with fields {@code channel}, {@code queue}, {@code skills},
 * {@code priority}, {@code arrived}, {@code country}, {@code flow} (the IVR's skills) and
 * {@code agent}; it expires a day after it was opened, so a call whose end was missed
 * cannot leak. The sorted set {@code overflow:due} holds waiting calls by the time their
 * needs widen next.
 */
@Component
class RedisLiveCalls {

	private static final Duration KEEP = Duration.ofDays(1);

	private final UnifiedJedis redis;

	private final Keys keys;

	RedisLiveCalls(UnifiedJedis redis, Keys keys) {
		this.redis = redis;
		this.keys = keys;
	}

	/**
	 * Remembers the call's channel and needs, so it can be moved and put back in line
	 * later.
	 */
	void opened(CallNeeds needs, String channel, Optional<String> country, Map<String, Integer> flowSkills) {
		String key = key(needs.callId());
		this.redis.hset(key,
				Map.of("channel", channel, "queue", needs.queue(), "skills", needs.group(), "priority",
						Integer.toString(needs.priority()), "arrived", Long.toString(needs.arrivedAt().toEpochMilli()),
						"country", country.orElse(""), "flow",
						new CallNeeds(needs.callId(), needs.queue(), flowSkills, 0, needs.arrivedAt()).group()));
		this.redis.expire(key, KEEP.toSeconds());
		this.redis.sadd(index(), needs.callId());
	}

	/** Every call routing looks after now. */
	java.util.Set<String> all() {
		return this.redis.smembers(index());
	}

	/**
	 * What the call needs, with its first arrival: a call put back in line keeps its
	 * place in time.
	 */
	Optional<CallNeeds> needs(String callId) {
		Map<String, String> call = this.redis.hgetAll(key(callId));
		if (!call.containsKey("queue")) {
			return Optional.empty();
		}
		return Optional.of(new CallNeeds(callId, call.get("queue"), CallNeeds.skillsOf(call.get("skills")),
				Integer.parseInt(call.get("priority")), Instant.ofEpochMilli(Long.parseLong(call.get("arrived")))));
	}

	/** The country whose schedule and quota apply to the call, if known. */
	Optional<String> country(String callId) {
		return Optional.ofNullable(this.redis.hget(key(callId), "country")).filter((country) -> !country.isEmpty());
	}

	/** The skills the IVR asked for, before the window's were added. */
	Map<String, Integer> flowSkills(String callId) {
		String flow = this.redis.hget(key(callId), "flow");
		return (flow != null) ? CallNeeds.skillsOf(flow) : Map.of();
	}

	/** The call's needs are to widen again at this instant. */
	void widenAt(String callId, Instant at) {
		this.redis.zadd(this.keys.key("overflow", "due"), at.toEpochMilli(), callId);
	}

	/**
	 * The calls whose needs are due to widen, each taken off the due set by exactly one
	 * instance.
	 */
	java.util.List<String> dueToWiden(Instant now, int most) {
		String due = this.keys.key("overflow", "due");
		return this.redis.zrangeByScore(due, 0, now.toEpochMilli(), 0, most)
			.stream()
			.filter((callId) -> this.redis.zrem(due, callId) == 1)
			.toList();
	}

	boolean known(String callId) {
		return this.redis.exists(key(callId));
	}

	Optional<String> channel(String callId) {
		return Optional.ofNullable(this.redis.hget(key(callId), "channel"));
	}

	void assign(String callId, String agentId) {
		this.redis.hset(key(callId), "agent", agentId);
	}

	Optional<String> agent(String callId) {
		return Optional.ofNullable(this.redis.hget(key(callId), "agent"));
	}

	void unassign(String callId) {
		this.redis.hdel(key(callId), "agent");
	}

	void closed(String callId) {
		this.redis.del(key(callId));
		this.redis.srem(index(), callId);
		this.redis.zrem(this.keys.key("overflow", "due"), callId);
	}

	private String index() {
		return this.keys.key("calls");
	}

	private String key(String callId) {
		return this.keys.key("call", callId);
	}

}
