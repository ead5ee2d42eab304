package org.switchboard.routing;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamEntry;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import org.switchboard.SwitchboardApplication;
import org.switchboard.SwitchboardTest;
import org.switchboard.call.CallControl;
import org.switchboard.agent.Agent;
import org.switchboard.agent.Agents;
import org.switchboard.fakeasterisk.AgiTranscript;
import org.switchboard.fakeasterisk.FakeAsterisk;
import org.switchboard.ivr.FlowRegistry;
import org.switchboard.ivr.IvrSettings;
import org.switchboard.redis.TestRedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * An instance stops while a caller it put in the waiting line is still waiting (in the
 * dialplan, not in an AGI session): its FastAGI port closes, so Asterisk's next AGI goes
 * to the other instance, and the other instance on the same Redis site Redirects the
 * caller when an agent frees up. How a stopping instance lets its running AGI sessions
 * finish is shown by {@code FastAgiServerLifecycleTest}.
 */
@SwitchboardTest
class GracefulShutdownTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@Autowired
	FakeAsterisk asterisk;

	@Autowired
	Agents agents;

	@Autowired
	WaitingLine line;

	@Autowired
	IvrSettings ivr;

	@Value("${switchboard.agi.port}")
	int agiPort;

	@Value("${switchboard.site}")
	String site;

	@Autowired
	UnifiedJedis redis;

	@AfterEach
	void noRedirectHook() {
		this.asterisk.onRedirect((channel, context, exten) -> {
		});
	}

	@Test
	void aCallerWaitingOnAStoppedInstanceIsConnectedByTheOther() throws Exception {
		Files.writeString(this.ivr.flowsDir().resolve("handover.yml"), """
				name: handover
				lines: ["7992"]
				languages: [en]
				start: agent
				nodes:
				  agent: {type: route, skills: {handover: 1}, queue: handover}
				""");
		int stoppingAgi = SwitchboardTest.Initializer.freePort();
		ConfigurableApplicationContext stopping = new SpringApplicationBuilder(SwitchboardApplication.class)
			.initializers(
					(context) -> context.getBeanFactory().registerSingleton("clock", SwitchboardTest.OFFICE_HOURS))
			.run("--switchboard.site=" + this.site, "--switchboard.redis.url=" + TestRedis.url(),
					"--switchboard.agi.port=" + stoppingAgi, "--server.port=0", "--switchboard.ami.enabled=false",
					"--switchboard.ivr.flows-dir=" + this.ivr.flowsDir());
		stopping.getBean(FlowRegistry.class).reload();
		AgiTranscript waiting = this.asterisk.call(stoppingAgi, "ivr")
			.callerId("+442071234567")
			.dnid("7992")
			.channel("PJSIP/carrier-handover-1")
			.uniqueId("1795999201.1")
			.start()
			.awaitEnd(TIMEOUT);
		assertThat(waiting.variable("SB_NEXT")).isEqualTo("wait");
		this.asterisk.park(this.asterisk.channel("PJSIP/carrier-handover-1").orElseThrow());
		CompletableFuture<AgiTranscript> connected = new CompletableFuture<>();
		this.asterisk.onRedirect((channel, context, exten) -> {
			if (context.equals("switchboard-connect")) {
				connected.complete(this.asterisk.resume(channel, this.agiPort, "connect").start().awaitEnd(TIMEOUT));
			}
		});

		stopping.close();

		assertThat(connected).as("another instance is alive: the caller stays in line").isNotDone();
		assertThatExceptionOfType(ConnectException.class).as("the stopped instance's FastAGI port")
			.isThrownBy(() -> connect(stoppingAgi));
		this.agents.save(
				new Agent("handover-1", "Agent H", "PJSIP/handover-1", Map.of("handover", 2), Set.of("en"), "support"));
		// the agent's phone registers, as Switchboard hears from Asterisk
		this.asterisk.phoneRegisters("handover-1", "sip:handover-1@127.0.0.1:5091");
		await().atMost(Duration.ofSeconds(10)).until(() -> this.agents.status("handover-1").orElseThrow().reachable());
		this.agents.login("handover-1");
		this.agents.ready("handover-1");

		assertThat(connected.get(TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS).variable("SB_TARGET"))
			.isEqualTo("PJSIP/handover-1");
		assertThat(this.line.size("handover")).isZero();
		this.asterisk.callerHangsUp("PJSIP/carrier-handover-1");
		await().atMost(TIMEOUT)
			.until(() -> this.agents.status("handover-1")
				.orElseThrow()
				.state() != org.switchboard.agent.AgentState.RESERVED);
	}

	@Test
	void theLastInstanceToStopSendsItsWaitingCallersToTheFallbackRouteAtOnceAndRecordsThem() throws Exception {
		Files.writeString(this.ivr.flowsDir().resolve("last-one.yml"), """
				name: last-one
				lines: ["7993"]
				languages: [en]
				start: agent
				nodes:
				  agent: {type: route, skills: {last-one: 1}, queue: last-one}
				""");
		// a site of its own: no other instance of it is alive
		String site = "last-" + UUID.randomUUID().toString().substring(0, 8);
		int stoppingAgi = SwitchboardTest.Initializer.freePort();
		ConfigurableApplicationContext stopping = new SpringApplicationBuilder(SwitchboardApplication.class)
			.initializers(
					(context) -> context.getBeanFactory().registerSingleton("clock", SwitchboardTest.OFFICE_HOURS))
			.run("--switchboard.site=" + site, "--switchboard.redis.url=" + TestRedis.url(),
					"--switchboard.agi.port=" + stoppingAgi, "--server.port=0", "--switchboard.ami.host=127.0.0.1",
					"--switchboard.ami.port=" + this.asterisk.ami().port(), "--switchboard.ami.username=switchboard",
					"--switchboard.ami.secret=" + SwitchboardTest.AMI_SECRET,
					"--switchboard.ami.reconnect-initial-delay=100ms", "--switchboard.callrecord.close-delay=300ms",
					"--switchboard.ivr.flows-dir=" + this.ivr.flowsDir());
		stopping.getBean(FlowRegistry.class).reload();
		// an instance that stops before its AMI link is up cannot Redirect anybody (it
		// says so and leaves the caller to their next tick): this test is about one that
		// can
		await().atMost(TIMEOUT).until(stopping.getBean(CallControl.class)::connected);
		AgiTranscript waiting = this.asterisk.call(stoppingAgi, "ivr")
			.callerId("+442071234567")
			.dnid("7993")
			.extension("7993")
			.channel("PJSIP/carrier-last-1")
			.uniqueId("1795999301.1")
			.start()
			.awaitEnd(TIMEOUT);
		assertThat(waiting.variable("SB_NEXT")).isEqualTo("wait");
		this.asterisk.park(this.asterisk.channel("PJSIP/carrier-last-1").orElseThrow());
		CompletableFuture<String> movedTo = new CompletableFuture<>();
		this.asterisk.onRedirect((channel, context, exten) -> movedTo.complete(context + "," + exten));

		stopping.close();

		assertThat(movedTo.getNow("not moved")).as("moved before the instance was down")
			.isEqualTo("switchboard-fallback,s");
		List<StreamEntry> records = this.redis.xrange("sb:{" + site + "}:callrecord:calls", (StreamEntryID) null,
				(StreamEntryID) null);
		assertThat(records).singleElement().satisfies((entry) -> {
			assertThat(entry.getFields()).containsEntry("call", "1795999301.1");
			assertThat(entry.getFields().get("record")).contains("\"outcome\":\"fallback\"");
		});
	}

	private static void connect(int port) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.getInputStream();
		}
	}

}
