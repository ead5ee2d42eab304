package org.switchboard.ivr;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

import org.switchboard.redis.Keys;
import org.switchboard.redis.TestRedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The announcements callers hear, read from a Redis of the test's own that it can stop.
 */
class RedisEmergencyAnnouncementsTest {

	private static final Announcement STORM = new Announcement("DE",
			Map.of("de", "custom/de/storm", "en", "custom/en/storm"), true, Instant.parse("2026-11-23T10:00:00Z"));

	private TestRedis.Own own;

	private JedisPooled redis;

	private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());

	private RedisEmergencyAnnouncements here;

	private RedisEmergencyAnnouncements otherInstance;

	@BeforeEach
	void aRedisOfItsOwn() throws IOException {
		this.own = TestRedis.startOwn();
		this.redis = this.own.client();
		Keys keys = new Keys("announce-test");
		this.here = new RedisEmergencyAnnouncements(this.redis, keys, this.json);
		this.otherInstance = new RedisEmergencyAnnouncements(this.redis, keys, this.json);
	}

	@AfterEach
	void stop() throws IOException {
		this.own.close();
	}

	@Test
	void anEditIsHeardAtOnceHereAndWithinASecondOnTheOtherInstances() {
		assertThat(this.otherInstance.activeFor(Optional.of("DE"))).isEmpty();

		this.here.put(STORM);

		assertThat(this.here.activeFor(Optional.of("DE"))).containsExactly(STORM);
		assertThat(this.here.activeFor(Optional.of("FR"))).isEmpty();
		await().atMost(Duration.ofSeconds(3))
			.until(() -> this.otherInstance.activeFor(Optional.of("DE")).equals(java.util.List.of(STORM)));

		this.here.remove("DE");
		assertThat(this.here.activeFor(Optional.of("DE"))).isEmpty();
		await().atMost(Duration.ofSeconds(3)).until(() -> this.otherInstance.activeFor(Optional.of("DE")).isEmpty());
	}

	@Test
	void whileRedisIsAwayCallersStillHearTheLastAnnouncementsRead() throws IOException, InterruptedException {
		this.here.put(STORM);
		assertThat(this.here.activeFor(Optional.of("DE"))).containsExactly(STORM);

		this.own.server().stop();
		Thread.sleep(RedisEmergencyAnnouncements.FRESH.toMillis() + 200);

		assertThat(this.here.activeFor(Optional.of("DE"))).as("Redis gone: the last copy").containsExactly(STORM);
		assertThat(this.otherInstance.activeFor(Optional.of("DE"))).as("never read: none, and the call goes on")
			.isEmpty();
	}

}
