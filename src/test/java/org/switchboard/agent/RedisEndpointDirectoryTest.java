package org.switchboard.agent;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

import org.switchboard.TestClock;
import org.switchboard.redis.Keys;
import org.switchboard.redis.TestRedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Whose phone an AMI event is about, answered from each instance's copy of the endpoints:
 * two instances on one Redis of the test's own, which it stops.
 */
class RedisEndpointDirectoryTest {

	private TestRedis.Own own;

	private JedisPooled redis;

	private RedisAgents here;

	private RedisAgents otherInstance;

	@BeforeEach
	void aRedisOfItsOwn() throws IOException {
		this.own = TestRedis.startOwn();
		this.redis = this.own.client();
		Keys keys = new Keys("endpoints-test");
		TestClock clock = new TestClock(Instant.parse("2026-11-23T10:00:00Z"));
		AgentSettings settings = new AgentSettings(1, Map.of(), Duration.ofSeconds(5), Duration.ofSeconds(30));
		this.here = new RedisAgents(this.redis, keys, clock, (event) -> {
		}, settings);
		this.otherInstance = new RedisAgents(this.redis, keys, clock, (event) -> {
		}, settings);
	}

	@AfterEach
	void stop() throws IOException {
		this.own.close();
	}

	@Test
	void anEditOnThisInstanceIsKnownAtOnce() {
		this.here.save(agent("ada", "PJSIP/1001"));
		assertThat(this.here.idWithEndpoint("PJSIP/1001")).hasValue("ada");
		assertThat(this.here.idWithEndpoint("PJSIP/carrier")).isEmpty();

		this.here.save(agent("ada", "PJSIP/2002"));
		assertThat(this.here.idWithEndpoint("PJSIP/1001")).isEmpty();
		assertThat(this.here.idWithEndpoint("PJSIP/2002")).hasValue("ada");

		this.here.delete("ada");
		assertThat(this.here.idWithEndpoint("PJSIP/2002")).isEmpty();
	}

	@Test
	void anEditOnAnotherInstanceIsKnownWithinASecond() {
		this.here.save(agent("ada", "PJSIP/1001"));
		assertThat(this.otherInstance.idWithEndpoint("PJSIP/1001")).hasValue("ada");

		this.here.save(agent("ada", "PJSIP/2002"));
		this.here.save(agent("bob", "PJSIP/1001"));
		await().atMost(Duration.ofSeconds(3))
			.untilAsserted(() -> assertThat(this.otherInstance.idWithEndpoint("PJSIP/1001")).hasValue("bob"));
		assertThat(this.otherInstance.idWithEndpoint("PJSIP/2002")).hasValue("ada");

		this.here.delete("bob");
		await().atMost(Duration.ofSeconds(3))
			.untilAsserted(() -> assertThat(this.otherInstance.idWithEndpoint("PJSIP/1001")).isEmpty());
	}

	@Test
	void anAgentEditThatKeepsThePhoneLeavesTheCopiesAlone() {
		this.here.save(agent("ada", "PJSIP/1001"));
		String version = this.redis.get("sb:{endpoints-test}:agents:endpoints:version");

		this.here.save(new Agent("ada", "Ada L.", "PJSIP/1001", Map.of("billing", 5), Set.of("en"), "support"));

		assertThat(this.redis.get("sb:{endpoints-test}:agents:endpoints:version")).isEqualTo(version);
	}

	@Test
	void whileRedisIsAwayTheLastCopyAnswers() throws Exception {
		this.here.save(agent("ada", "PJSIP/1001"));
		assertThat(this.otherInstance.idWithEndpoint("PJSIP/1001")).hasValue("ada");

		this.own.server().stop();
		Thread.sleep(RedisEndpointDirectory.CHECK_EVERY.toMillis() + 200);

		assertThat(this.otherInstance.idWithEndpoint("PJSIP/1001")).hasValue("ada");
		assertThat(this.otherInstance.idWithEndpoint("PJSIP/carrier")).isEmpty();
		this.own.server().start();
	}

	private static Agent agent(String id, String endpoint) {
		return new Agent(id, "Agent " + id, endpoint, Map.of("billing", 2), Set.of("en"), "support");
	}

}
