package org.switchboard;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import org.switchboard.fakeasterisk.Caller;
import org.switchboard.fakeasterisk.FakeAsterisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What operations see: health per component and the Prometheus page. */
@SwitchboardTest
class HealthAndMetricsTest {

	@Autowired
	TestRestTemplate http;

	@Autowired
	FakeAsterisk asterisk;

	@Value("${switchboard.agi.port}")
	int agiPort;

	@Test
	void healthShowsAdminsRedisAmiAndAgiComponentsAllUp() {
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			ResponseEntity<String> health = TestUsers.admin(this.http).getForEntity("/actuator/health", String.class);
			assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
			assertThat(health.getBody()).contains("\"redis\":{\"status\":\"UP\"")
				.contains("\"ami\":{\"status\":\"UP\"")
				.contains("\"agi\":{\"status\":\"UP\"");
		});
	}

	@Test
	void anonymousCallersGetTheStatusAlone() {
		ResponseEntity<String> health = this.http.getForEntity("/actuator/health", String.class);

		assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(health.getBody()).contains("\"status\":\"UP\"")
			.doesNotContain("components")
			.doesNotContain("redis")
			.doesNotContain("127.0.0.1");
	}

	@Test
	void prometheusShowsSwitchboardMetersWithoutPhoneNumbers() {
		this.asterisk.call(this.agiPort, "ivr")
			.callerId("+4930123456")
			.dnid("8000")
			.caller(Caller.presses("1").then(Caller.presses("1")))
			.start()
			.awaitEnd(Duration.ofSeconds(10));

		String page = this.http.getForObject("/actuator/prometheus", String.class);

		assertThat(page).contains(
				"switchboard_agi_sessions_seconds_count{application=\"switchboard\",outcome=\"completed\",script=\"ivr\"}")
			.contains("switchboard_agi_sessions_active")
			.contains("switchboard_agi_refused_total")
			.contains("switchboard_ami_connected")
			.doesNotContain("4930123456")
			.doesNotContain("8000\"");
	}

}
