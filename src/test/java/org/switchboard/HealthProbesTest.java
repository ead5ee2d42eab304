package org.switchboard;

import java.io.IOException;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import org.switchboard.Actuator.Answer;
import org.switchboard.redis.TestRedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kubernetes' probes and the AMI component, on a Switchboard of the test's own: on a
 * Redis the test stops, with an AMI link configured to a port where nothing listens.
 */
class HealthProbesTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final String adminPassword = UUID.randomUUID().toString();

	private final int agiPort = SwitchboardTest.Initializer.freePort();

	private TestRedis.Own redis;

	private ConfigurableApplicationContext switchboard;

	private Actuator actuator;

	@BeforeEach
	void start() throws IOException {
		this.redis = TestRedis.startOwn();
		int nothingListens = SwitchboardTest.Initializer.freePort();
		this.switchboard = new SpringApplicationBuilder(SwitchboardApplication.class).run(
				"--switchboard.site=health-" + UUID.randomUUID().toString().substring(0, 8),
				"--switchboard.redis.url=redis://127.0.0.1:" + this.redis.server().ports().get(0),
				"--switchboard.redis.timeout=500ms", "--server.port=0", "--switchboard.agi.port=" + this.agiPort,
				"--switchboard.ami.port=" + nothingListens, "--switchboard.ami.secret=configured",
				"--switchboard.admin.password=" + this.adminPassword);
		int port = Integer.parseInt(this.switchboard.getEnvironment().getProperty("local.server.port"));
		this.actuator = new Actuator(port, this.adminPassword);
	}

	@AfterEach
	void stop() throws IOException {
		this.switchboard.close();
		this.redis.close();
	}

	@Test
	void anAmiLinkConfiguredButUnreachableIsDownWhileReadinessStaysUpWithFastAgiListening() {
		await().atMost(TIMEOUT).untilAsserted(() -> {
			Answer health = this.actuator.admin("/actuator/health");
			assertThat(health.status()).isEqualTo(503);
			assertThat(health.component("ami")).isEqualTo("DOWN");
			assertThat(health.json().at("/components/ami/details/lastError").asText()).contains("Connection refused");
		});

		Answer readiness = this.actuator.admin("/actuator/health/readiness");
		assertThat(readiness.status()).isEqualTo(200);
		assertThat(readiness.json().path("status").asText()).isEqualTo("UP");
		assertThat(readiness.component("agi")).isEqualTo("UP");
		assertThat(readiness.json().at("/components/agi/details/port").asInt()).isEqualTo(this.agiPort);
		assertThat(readiness.component("redis")).isEqualTo("UP");
		assertThat(readiness.component("ami")).as("AMI is no part of readiness").isEmpty();
	}

	@Test
	void readinessIsDownWhileRedisIsAwayAndLivenessStaysUp() throws IOException {
		assertThat(this.actuator.anonymous("/actuator/health/readiness").status()).isEqualTo(200);

		this.redis.server().stop();

		Answer readiness = this.actuator.anonymous("/actuator/health/readiness");
		assertThat(readiness.status()).isEqualTo(503);
		assertThat(readiness.json().path("status").asText()).isEqualTo("DOWN");
		assertThat(this.actuator.admin("/actuator/health/readiness").component("redis")).isEqualTo("DOWN");
		Answer liveness = this.actuator.anonymous("/actuator/health/liveness");
		assertThat(liveness.status()).isEqualTo(200);
		assertThat(liveness.json().path("status").asText()).isEqualTo("UP");
	}

}
