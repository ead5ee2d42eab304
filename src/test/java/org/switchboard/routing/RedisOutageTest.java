package org.switchboard.routing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import org.switchboard.SwitchboardApplication;
import org.switchboard.SwitchboardTest;
import org.switchboard.agent.Agent;
import org.switchboard.agent.Agents;
import org.switchboard.callrecord.CallRecord;
import org.switchboard.callrecord.CallRecords;
import org.switchboard.fakeasterisk.AgiTranscript;
import org.switchboard.fakeasterisk.AmiEvents;
import org.switchboard.fakeasterisk.EventFilter;
import org.switchboard.fakeasterisk.FakeAsterisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis stops while calls come in, on an instance and a Redis of its own (the shared
 * Redis is never touched): every call still ends its IVR session promptly with no
 * {@code SB_NEXT}, so the dialplan's fallback route takes it, never dead air; the records
 * of those calls are held and written once Redis is back, none lost; and new calls are
 * routed as usual again.
 */
class RedisOutageTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final int CALLS = 20;

	private int redisPort;

	private RedisServer redis;

	private FakeAsterisk asterisk;

	private ConfigurableApplicationContext app;

	private int agiPort;

	private Path flows;

	@BeforeEach
	void anInstanceWithARedisOfItsOwn() throws IOException {
		this.redisPort = SwitchboardTest.Initializer.freePort();
		this.redis = redis(this.redisPort);
		this.redis.start();
		// the fake's event timestamps on the application's clock, as for every other test
		AmiEvents.clock(SwitchboardTest.OFFICE_HOURS);
		String secret = "outage-" + System.nanoTime();
		this.asterisk = FakeAsterisk.start("switchboard", secret);
		this.asterisk.ami().eventFilter(EventFilter.shipped());
		this.agiPort = SwitchboardTest.Initializer.freePort();
		this.flows = Files.createTempDirectory("switchboard-outage-flows");
		Files.writeString(this.flows.resolve("outage.yml"), """
				name: outage
				lines: ["7400"]
				languages: [en]
				start: hold
				nodes:
				  hold: {type: play, prompts: [custom/en/please-hold], next: agent}
				  agent: {type: route, skills: {outage: 2}, queue: outage}
				""");
		this.app = new SpringApplicationBuilder(SwitchboardApplication.class)
			.initializers(
					(context) -> context.getBeanFactory().registerSingleton("clock", SwitchboardTest.OFFICE_HOURS))
			.run("--switchboard.site=outage", "--switchboard.redis.url=redis://127.0.0.1:" + this.redisPort,
					"--switchboard.redis.timeout=500ms", "--switchboard.agi.port=" + this.agiPort, "--server.port=0",
					"--switchboard.ami.host=127.0.0.1", "--switchboard.ami.port=" + this.asterisk.ami().port(),
					"--switchboard.ami.username=switchboard", "--switchboard.ami.secret=" + secret,
					"--switchboard.callrecord.close-delay=300ms", "--switchboard.callrecord.retry-interval=200ms",
					"--switchboard.ivr.flows-dir=" + this.flows);
		await().atMost(TIMEOUT).until(() -> this.asterisk.ami().isClientConnected());
	}

	@AfterEach
	void stopAll() throws IOException {
		this.app.close();
		this.asterisk.close();
		if (this.redis.isActive()) {
			this.redis.stop();
		}
		try (var files = Files.list(this.flows)) {
			for (Path file : files.toList()) {
				Files.delete(file);
			}
		}
		Files.delete(this.flows);
	}

	@Test
	void callsGetTheFallbackRouteWhileRedisIsDownAndTheirRecordsAreWrittenWhenItIsBack() throws Exception {
		Agents agents = this.app.getBean(Agents.class);
		agents.save(new Agent("out-1", "Agent 1", "PJSIP/out-1", Map.of("outage", 3), Set.of("en"), "support"));
		agents.login("out-1");
		Instant from = SwitchboardTest.OFFICE_HOURS.instant().minusSeconds(1);

		this.redis.stop();
		List<CompletableFuture<AgiTranscript>> calls = new ArrayList<>();
		for (int i = 0; i < CALLS; i++) {
			int number = i;
			calls.add(CompletableFuture.supplyAsync(() -> call("1797400." + number, "PJSIP/carrier-out-" + number)));
		}
		for (CompletableFuture<AgiTranscript> call : calls) {
			AgiTranscript ivr = call.get();
			assertThat(ivr.closedByScript()).as("the script ended the session: AGISTATUS=SUCCESS").isTrue();
			assertThat(ivr.variable("SB_NEXT")).as("no SB_NEXT: the dialplan fallback takes the call").isNull();
		}
		// the dialplan fallback rang the fallback group; then the callers hang up
		for (int i = 0; i < CALLS; i++) {
			this.asterisk.callerHangsUp("PJSIP/carrier-out-" + i);
		}
		MeterRegistry meters = this.app.getBean(MeterRegistry.class);
		await().atMost(TIMEOUT).until(() -> meters.get("switchboard.callrecord.pending").gauge().value() >= CALLS);

		this.redis = redis(this.redisPort);
		this.redis.start();

		await().atMost(TIMEOUT).until(() -> meters.get("switchboard.callrecord.pending").gauge().value() == 0);
		CallRecords records = this.app.getBean(CallRecords.class);
		List<String> written = records.arrivedBetween(from, SwitchboardTest.OFFICE_HOURS.instant().plusSeconds(1))
			.stream()
			.map(CallRecord::callId)
			.toList();
		for (int i = 0; i < CALLS; i++) {
			assertThat(written).contains("1797400." + i);
		}
		// and Redis serves routing again
		agents.save(new Agent("out-2", "Agent 2", "PJSIP/out-2", Map.of("outage", 3), Set.of("en"), "support"));
		agents.login("out-2");
		agents.ready("out-2");
		assertThat(call("1797400.99", "PJSIP/carrier-out-99").variable("SB_NEXT")).isEqualTo("connect");
	}

	private AgiTranscript call(String callId, String channel) {
		return this.asterisk.call(this.agiPort, "ivr")
			.callerId("+442071234567")
			.dnid("7400")
			.extension("7400")
			.channel(channel)
			.uniqueId(callId)
			.start()
			.awaitEnd(TIMEOUT);
	}

	private static RedisServer redis(int port) throws IOException {
		return RedisServer.newRedisServer()
			.bind("127.0.0.1")
			.port(port)
			.setting("save \"\"")
			.setting("appendonly no")
			.onShutdownForceStop(true)
			.build();
	}

}
