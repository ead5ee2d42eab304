package org.switchboard.redis;

import redis.clients.jedis.UnifiedJedis;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code redis} health component: a PING over the shared pool, with its round trip.
 */
@Component
class RedisHealthIndicator implements HealthIndicator {

	private final UnifiedJedis redis;

	private final Keys keys;

	RedisHealthIndicator(UnifiedJedis redis, Keys keys) {
		this.redis = redis;
		this.keys = keys;
	}

	@Override
	public Health health() {
		long started = System.nanoTime();
		try {
			String pong = this.redis.ping();
			long micros = (System.nanoTime() - started) / 1_000;
			return Health.up()
				.withDetail("ping", pong)
				.withDetail("roundTripMicros", micros)
				.withDetail("keyPrefix", this.keys.prefix())
				.build();
		}
		catch (RuntimeException ex) {
			return Health.down().withDetail("error", ex.getClass().getSimpleName() + ": " + ex.getMessage()).build();
		}
	}

}
