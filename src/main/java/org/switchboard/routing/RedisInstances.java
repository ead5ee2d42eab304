package org.switchboard.routing;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.PipelineBase;
import redis.clients.jedis.UnifiedJedis;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import org.switchboard.redis.Keys;

/**
 * The Switchboard instances of the site that are alive: each refreshes its own entry
 * every {@link #BEAT} ({@code instances}, a sorted set by last beat), and one not heard
 * of for three beats is taken for gone. A stopping instance asks whether any other is
 * left to take its waiting callers over.
 */
@Component
class RedisInstances {

	private static final Logger log = LoggerFactory.getLogger(RedisInstances.class);

	static final Duration BEAT = Duration.ofSeconds(2);

	private static final Duration GONE_AFTER = BEAT.multipliedBy(3);

	private final UnifiedJedis redis;

	private final String key;

	private final Clock clock;

	private final String self = UUID.randomUUID().toString();

	RedisInstances(UnifiedJedis redis, Keys keys, Clock clock) {
		this.redis = redis;
		this.key = keys.key("instances");
		this.clock = clock;
	}

	@Scheduled(fixedDelay = 2, timeUnit = TimeUnit.SECONDS)
	void beat() {
		long now = this.clock.millis();
		try (PipelineBase pipeline = this.redis.pipelined()) {
			pipeline.zadd(this.key, now, this.self);
			pipeline.zremrangeByScore(this.key, 0, now - GONE_AFTER.toMillis() * 10);
		}
		catch (RuntimeException ex) {
			log.debug("Instance beat not written: {}", ex.getMessage());
		}
	}

	/** This instance stops: it no longer counts as alive. */
	void leave() {
		try {
			this.redis.zrem(this.key, this.self);
		}
		catch (RuntimeException ex) {
			log.debug("Instance entry not removed: {}", ex.getMessage());
		}
	}

	/**
	 * Whether another instance of the site beat lately; when Redis cannot say, it is
	 * taken to be so (the dialplan's next AGI still finds the fallback route).
	 */
	boolean othersAlive() {
		try {
			return this.redis.zrangeByScore(this.key, this.clock.millis() - GONE_AFTER.toMillis(), Double.MAX_VALUE)
				.stream()
				.anyMatch((instance) -> !instance.equals(this.self));
		}
		catch (RuntimeException ex) {
			log.warn("Other instances unknown ({}): waiting callers are left to the dialplan", ex.getMessage());
			return true;
		}
	}

}
