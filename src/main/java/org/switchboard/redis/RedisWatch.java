package org.switchboard.redis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Pings Redis every second and publishes {@link RedisRecovered} when it answers after it
 * did not: writes that failed meanwhile are not retried one by one, the features heal
 * their state from Asterisk's instead.
 */
@Component
class RedisWatch implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(RedisWatch.class);

	private static final Duration INTERVAL = Duration.ofSeconds(1);

	private final UnifiedJedis redis;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private Instant downSince;

	RedisWatch(UnifiedJedis redis, ApplicationEventPublisher events, Clock clock) {
		this.redis = redis;
		this.events = events;
		this.clock = clock;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(this::check, INTERVAL);
	}

	void check() {
		try {
			this.redis.ping();
		}
		catch (RuntimeException ex) {
			if (this.downSince == null) {
				this.downSince = this.clock.instant();
				log.warn("Redis does not answer: {}", ex.getMessage());
			}
			return;
		}
		if (this.downSince != null) {
			Instant now = this.clock.instant();
			Duration down = Duration.between(this.downSince, now);
			this.downSince = null;
			log.info("Redis answers again after {} ms", down.toMillis());
			this.events.publishEvent(new RedisRecovered(now, down));
		}
	}

}
