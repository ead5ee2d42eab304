package org.switchboard.schedule;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.UnifiedJedis;

import org.springframework.context.ApplicationEventPublisher;

import org.switchboard.redis.Keys;

/**
 * Hears every instance's publishes on the Redis channel {@code schedule-changes}, on a
 * thread of its own, and turns each into a {@link ScheduleChanged} event; reconnects when
 * the link drops, and then forgets every copy, as what was published meanwhile went
 * unheard.
 */
class RedisScheduleChannel {

	private static final Logger log = LoggerFactory.getLogger(RedisSchedules.class);

	private final UnifiedJedis redis;

	private final Keys keys;

	private final ApplicationEventPublisher events;

	private final Runnable forgetAll;

	private final Consumer<String> forget;

	private final CountDownLatch subscribed = new CountDownLatch(1);

	private volatile boolean running;

	private volatile JedisPubSub subscription;

	RedisScheduleChannel(UnifiedJedis redis, Keys keys, ApplicationEventPublisher events, Runnable forgetAll,
			Consumer<String> forget) {
		this.redis = redis;
		this.keys = keys;
		this.events = events;
		this.forgetAll = forgetAll;
		this.forget = forget;
	}

	/** Subscribes, waiting up to 5 s for the subscription to stand. */
	void start() {
		this.running = true;
		subscribe();
		// changes published before the subscription stands would go unheard
		try {
			if (!this.subscribed.await(5, TimeUnit.SECONDS)) {
				log.warn("Schedule change channel not subscribed after 5s; listening goes on trying");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	void stop() {
		this.running = false;
		JedisPubSub listening = this.subscription;
		if (listening != null && listening.isSubscribed()) {
			listening.unsubscribe();
		}
	}

	private void subscribe() {
		String channel = this.keys.prefix() + "schedule-changes";
		Thread.ofVirtual().name("schedule-changes").start(() -> {
			while (true) {
				JedisPubSub listener = new RedisChangeListener();
				this.subscription = listener;
				try {
					this.redis.subscribe(listener, channel);
				}
				catch (RuntimeException ex) {
					log.warn("Schedule change channel lost, listening again in 1s: {}", ex.toString());
				}
				if (!this.running && this.subscription == listener && !listener.isSubscribed()) {
					return;
				}
				sleep(Duration.ofSeconds(1));
			}
		});
	}

	/** Turns {@code <CC> <version>} messages into {@link ScheduleChanged} events. */
	private final class RedisChangeListener extends JedisPubSub {

		@Override
		public void onSubscribe(String channel, int subscribedChannels) {
			// what was published while the channel was down went unheard
			RedisScheduleChannel.this.forgetAll.run();
			RedisScheduleChannel.this.subscribed.countDown();
		}

		@Override
		public void onMessage(String channel, String message) {
			String[] parts = message.split(" ", 2);
			RedisScheduleChannel.this.forget.accept(parts[0]);
			RedisScheduleChannel.this.events.publishEvent(new ScheduleChanged(parts[0], Long.parseLong(parts[1])));
		}

	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
