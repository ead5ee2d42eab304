package org.switchboard.routing;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import redis.clients.jedis.UnifiedJedis;

import org.springframework.stereotype.Component;

import org.switchboard.redis.DueTimes;
import org.switchboard.redis.Keys;

/**
 * When each requested callback is next to be lined up: the sorted set
 * {@code callbacks:due} (call id by instant), shared by every instance.
 */
@Component
class RedisCallbackTimes {

	private final UnifiedJedis redis;

	private final String key;

	private volatile Consumer<Instant> listener = (at) -> {
	};

	RedisCallbackTimes(UnifiedJedis redis, Keys keys) {
		this.redis = redis;
		this.key = keys.key("callbacks", "due");
	}

	/** The callback is to be lined up (again) at this instant. */
	void callbackAt(String callId, Instant at) {
		this.redis.zadd(this.key, at.toEpochMilli(), callId);
		this.listener.accept(at);
	}

	/** Told the time of every callback set here, to line it up then. */
	void onCallbackDue(Consumer<Instant> listener) {
		this.listener = listener;
	}

	/** When the first callback is due; empty when none waits. */
	Optional<Instant> nextCallback() {
		return DueTimes.first(this.redis, this.key);
	}

	/**
	 * The callbacks to be lined up after {@code now}: waiting for an opening or a retry.
	 */
	List<String> laterCallbacks(Instant now) {
		return this.redis.zrangeByScore(this.key, "(" + now.toEpochMilli(), "+inf");
	}

	/** The callbacks due to be lined up, each taken by exactly one instance. */
	List<String> dueCallbacks(Instant now, int most) {
		return this.redis.zrangeByScore(this.key, 0, now.toEpochMilli(), 0, most)
			.stream()
			.filter((callId) -> this.redis.zrem(this.key, callId) == 1)
			.toList();
	}

}
