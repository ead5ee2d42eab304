package org.switchboard.admin;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.PipelineBase;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import org.switchboard.common.BatchWriter;
import org.switchboard.redis.Keys;
import org.switchboard.routing.RoutingEvent.CallRouted;

/**
 * The country of each routed call, for the live view's per-country lines: heard from
 * routing's {@link CallRouted} on whichever instance routed it and kept in Redis
 * ({@code sb:{site}:live:country:<call>}, for a day) so every instance shows the same.
 * The countries are written together every {@link #WRITE_INTERVAL} (the view is that much
 * late), and held while Redis is away.
 */
@Component
class RedisCallCountries implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(RedisCallCountries.class);

	static final Duration WRITE_INTERVAL = Duration.ofMillis(100);

	private static final long KEEP_SECONDS = 24 * 3600;

	/**
	 * The most countries held while Redis is away; a waiting call's is shown "unknown".
	 */
	private static final int MOST_HELD = 10_000;

	private final UnifiedJedis redis;

	private final Keys keys;

	private final BatchWriter<Routed> writer;

	private record Routed(String callId, String country) {

	}

	RedisCallCountries(UnifiedJedis redis, Keys keys) {
		this.redis = redis;
		this.keys = keys;
		this.writer = new BatchWriter<>("Countries of routed calls", this::write, MOST_HELD,
				(lost) -> log.debug("Country of call {} not kept for the live view: too many held", lost.callId()));
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(this.writer::flush, WRITE_INTERVAL);
	}

	/** What is held goes before the connection pool closes. */
	@PreDestroy
	void flush() {
		this.writer.flush();
	}

	@EventListener
	void routed(CallRouted routed) {
		routed.country().ifPresent((country) -> this.writer.hold(new Routed(routed.callId(), country)));
	}

	Optional<String> country(String callId) {
		return Optional.ofNullable(this.redis.get(key(callId)));
	}

	private void write(List<Routed> routed) {
		try (PipelineBase pipeline = this.redis.pipelined()) {
			for (Routed call : routed) {
				pipeline.set(key(call.callId()), call.country(), SetParams.setParams().ex(KEEP_SECONDS));
			}
			pipeline.sync();
		}
	}

	private String key(String callId) {
		return this.keys.key("live", "country", callId);
	}

}
