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
 * {@code priority}, {@code arrived} and {@code agent}; it expires a day after it was
 * opened, so a call whose end was missed cannot leak.
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
	void opened(CallNeeds needs, String channel) {
		String key = key(needs.callId());
		this.redis.hset(key, Map.of("channel", channel, "queue", needs.queue(), "skills", needs.group(), "priority",
				Integer.toString(needs.priority()), "arrived", Long.toString(needs.arrivedAt().toEpochMilli())));
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
	}

	private String index() {
		return this.keys.key("calls");
	}

	private String key(String callId) {
		return this.keys.key("call", callId);
	}

}
