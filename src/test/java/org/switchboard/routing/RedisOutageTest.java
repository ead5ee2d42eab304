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
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ShutdownParams;
import redis.embedded.RedisServer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import org.switchboard.SwitchboardApplication;
import org.switchboard.SwitchboardTest;
import org.switchboard.agent.Agent;
import org.switchboard.agent.AgentState;
import org.switchboard.agent.Agents;
import org.switchboard.call.CallControl;
import org.switchboard.callrecord.CallRecord;
import org.switchboard.callrecord.CallRecords;
import org.switchboard.fakeasterisk.AgiTranscript;
import org.switchboard.fakeasterisk.AmiEvents;
import org.switchboard.fakeasterisk.EventFilter;
import org.switchboard.fakeasterisk.FakeAsterisk;
import org.switchboard.fakeasterisk.FakeChannel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis stops while calls come in, on an instance and a Redis of its own (the shared
 * Redis is never touched): every call still ends its IVR session promptly with no
 * {@code SB_NEXT}, so the dialplan's fallback route takes it, never dead air; the records
 * of those calls are held and written once Redis is back, none lost; and new calls are
 * routed as usual again. An agent whose call ended while Redis was down goes to wrap-up
 * once it is back, and that call's record is written.
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

	private Path data;

	@BeforeEach
	void anInstanceWithARedisOfItsOwn() throws IOException {
		this.redisPort = SwitchboardTest.Initializer.freePort();
		this.data = Files.createTempDirectory("switchboard-outage-redis");
		this.redis = redis(this.redisPort, this.data);
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
					"--switchboard.agent.wrap-up=1s", "--switchboard.agent.reaper-interval=200ms",
					"--switchboard.ami.ping-interval=1s", "--switchboard.ivr.flows-dir=" + this.flows);
		// the fake counts the client as logged in before the instance's link is up, and
		// an instance whose link is not up cannot Redirect: wait for the link itself
		await().atMost(TIMEOUT).until(this.app.getBean(CallControl.class)::connected);
	}

	@AfterEach
	void stopAll() throws IOException {
		this.app.close();
		this.asterisk.close();
		if (this.redis.isActive()) {
			this.redis.stop();
		}
		for (Path dir : List.of(this.flows, this.data)) {
			try (var files = Files.list(dir)) {
				for (Path file : files.toList()) {
					Files.delete(file);
				}
			}
			Files.delete(dir);
		}
	}

	@Test
	void callsGetTheFallbackRouteWhileRedisIsDownAndTheirRecordsAreWrittenWhenItIsBack() throws Exception {
		Agents agents = this.app.getBean(Agents.class);
		agents.save(new Agent("out-1", "Agent 1", "PJSIP/out-1", Map.of("outage", 3), Set.of("en"), "support"));
		agents.reachable("out-1", true);
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
		// what was heard of the calls is held until their shared log can be written
		await().atMost(TIMEOUT)
			.until(() -> meters.get("switchboard.callrecord.events.pending").gauge().value() >= CALLS);

		this.redis = redis(this.redisPort, this.data);
		this.redis.start();

		CallRecords records = this.app.getBean(CallRecords.class);
		await().atMost(TIMEOUT).untilAsserted(() -> {
			List<String> written = records.arrivedBetween(from, SwitchboardTest.OFFICE_HOURS.instant().plusSeconds(1))
				.stream()
				.map(CallRecord::callId)
				.toList();
			for (int i = 0; i < CALLS; i++) {
				assertThat(written).contains("1797400." + i);
			}
		});
		assertThat(meters.get("switchboard.callrecord.events.pending").gauge().value()).isZero();
		assertThat(meters.get("switchboard.callrecord.pending").gauge().value()).isZero();
		// and Redis serves routing again
		agents.save(new Agent("out-2", "Agent 2", "PJSIP/out-2", Map.of("outage", 3), Set.of("en"), "support"));
		agents.reachable("out-2", true);
		agents.login("out-2");
		agents.ready("out-2");
		assertThat(call("1797400.99", "PJSIP/carrier-out-99").variable("SB_NEXT")).isEqualTo("connect");
	}

	@Test
	void anAgentWhoseCallEndedWhileRedisWasDownIsInWrapUpWhenItIsBackAndTheCallIsRecorded() throws Exception {
		Agents agents = this.app.getBean(Agents.class);
		agents.save(new Agent("out-3", "Agent 3", "PJSIP/out-3", Map.of("outage", 3), Set.of("en"), "support"));
		agents.reachable("out-3", true);
		agents.login("out-3");
		agents.ready("out-3");
		Instant from = SwitchboardTest.OFFICE_HOURS.instant().minusSeconds(1);
		assertThat(call("1797400.50", "PJSIP/carrier-out-50").variable("SB_NEXT")).isEqualTo("connect");
		FakeChannel caller = this.asterisk.channel("PJSIP/carrier-out-50").orElseThrow();
		this.asterisk.resume(caller, this.agiPort, "connect").start().awaitEnd(TIMEOUT);
		FakeChannel agentLeg = FakeChannel.of("PJSIP/out-3-00000001", "out-3", "Agent 3").linkedTo(caller);
		this.asterisk.ami().channels(agentLeg);
		this.asterisk.ami().push(AmiEvents.dialBegin(caller, agentLeg, "PJSIP/out-3"));
		this.asterisk.ami().push(AmiEvents.dialEnd(caller, agentLeg, "ANSWER"));
		await().atMost(TIMEOUT).until(() -> state(agents, "out-3") == AgentState.ON_CALL);

		// a Redis that keeps its data across the restart: only the hang-up is missed
		try (Jedis direct = new Jedis("127.0.0.1", this.redisPort)) {
			direct.shutdown(ShutdownParams.shutdownParams().save());
		}
		catch (RuntimeException ex) {
			// SHUTDOWN closes the connection without a reply
		}
		this.redis.stop();
		this.asterisk.ami().channels();
		this.asterisk.ami().push(AmiEvents.hangup(agentLeg, 16, "Normal Clearing"));
		AgiTranscript result = this.asterisk.resume(caller, this.agiPort, "dial-result")
			.variable("DIALSTATUS", "ANSWER")
			.start()
			.awaitEnd(TIMEOUT);
		assertThat(result.closedByScript()).isTrue();
		this.asterisk.callerHangsUp("PJSIP/carrier-out-50");

		this.redis = redis(this.redisPort, this.data);
		this.redis.start();

		await().atMost(TIMEOUT).until(() -> state(agents, "out-3") != AgentState.ON_CALL);
		CallRecords records = this.app.getBean(CallRecords.class);
		CallRecord record = await().atMost(TIMEOUT)
			.until(() -> records.arrivedBetween(from, SwitchboardTest.OFFICE_HOURS.instant().plusSeconds(1))
				.stream()
				.filter((written) -> written.callId().equals("1797400.50"))
				.findFirst()
				.orElse(null), (written) -> written != null);
		assertThat(record.outcome().wire()).isEqualTo("answered");
		assertThat(record.agentId()).isEqualTo("out-3");
	}

	private static AgentState state(Agents agents, String id) {
		return agents.status(id).orElseThrow().state();
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

	private static RedisServer redis(int port, Path data) throws IOException {
		return RedisServer.newRedisServer()
			.bind("127.0.0.1")
			.port(port)
			.setting("dir " + data)
			.setting("save \"\"")
			.setting("appendonly no")
			.onShutdownForceStop(true)
			.build();
	}

}
