package org.switchboard.routing;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import org.switchboard.SwitchboardTest;
import org.switchboard.agent.Agent;
import org.switchboard.agent.Agents;
import org.switchboard.fakeasterisk.AgiTranscript;
import org.switchboard.fakeasterisk.FakeAsterisk;
import org.switchboard.ivr.FlowRegistry;
import org.switchboard.ivr.IvrSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The AMI link breaks while a caller waits in the dialplan: Switchboard logs in again
 * within 5 s (backoff from 100 ms in the tests), the caller is still in line and on the
 * channel, and is Redirected to the agent who becomes ready after the link is back.
 */
@SwitchboardTest
class AmiDropTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@Autowired
	FakeAsterisk asterisk;

	@Autowired
	Agents agents;

	@Autowired
	WaitingLine line;

	@Autowired
	FlowRegistry flows;

	@Autowired
	IvrSettings ivr;

	@Autowired
	org.switchboard.call.CallControl control;

	@Value("${switchboard.agi.port}")
	int agiPort;

	@AfterEach
	void restore() {
		this.asterisk.onRedirect((channel, context, exten) -> {
		});
		this.asterisk.ami().restart();
	}

	@Test
	void aWaitingCallerStaysConnectedThroughALinkDropAndIsMovedAfterIt() throws Exception {
		TestLines.installFlow(this.ivr, this.flows, "ami-drop.yml", """
				name: ami-drop
				lines: ["7981"]
				languages: [en]
				start: agent
				nodes:
				  agent: {type: route, skills: {amidrop: 1}, queue: amidrop}
				""");
		AgiTranscript waiting = this.asterisk.call(this.agiPort, "ivr")
			.callerId("+442071234567")
			.dnid("7981")
			.channel("PJSIP/carrier-amidrop-1")
			.uniqueId("1795999381.1")
			.start()
			.awaitEnd(TIMEOUT);
		assertThat(waiting.variable("SB_NEXT")).isEqualTo("wait");
		this.asterisk.park(this.asterisk.channel("PJSIP/carrier-amidrop-1").orElseThrow());
		CompletableFuture<AgiTranscript> connected = new CompletableFuture<>();
		this.asterisk.onRedirect((channel, context, exten) -> {
			// only this test's caller: other tests' callers share the fake Asterisk
			if (context.equals("switchboard-connect") && channel.name().equals("PJSIP/carrier-amidrop-1")) {
				connected.complete(this.asterisk.resume(channel, this.agiPort, "connect").start().awaitEnd(TIMEOUT));
			}
		});
		int logins = this.asterisk.ami().loginCount();

		this.asterisk.ami().dropClients();

		await().atMost(Duration.ofSeconds(5)).until(() -> this.asterisk.ami().loginCount() > logins);
		// the link counts as back once logged in and the state re-read; a Redirect sent
		// in
		// between would fail and the agent would wait for the caller's next tick
		await().atMost(Duration.ofSeconds(5)).until(this.control::connected);
		assertThat(this.asterisk.channel("PJSIP/carrier-amidrop-1")).as("the caller's channel").isPresent();
		assertThat(this.line.position("1795999381.1")).hasValue(1);
		this.agents
			.save(new Agent("amidrop-1", "Agent D", "PJSIP/amidrop-1", Map.of("amidrop", 2), Set.of("en"), "support"));
		// the agent's phone registers, as Switchboard hears from Asterisk
		this.asterisk.phoneRegisters("amidrop-1", "sip:amidrop-1@127.0.0.1:5091");
		await().atMost(Duration.ofSeconds(10)).until(() -> this.agents.status("amidrop-1").orElseThrow().reachable());
		this.agents.login("amidrop-1");
		this.agents.ready("amidrop-1");

		assertThat(connected.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).variable("SB_TARGET"))
			.isEqualTo("PJSIP/amidrop-1");
		assertThat(this.line.size("amidrop")).isZero();
		this.asterisk.callerHangsUp("PJSIP/carrier-amidrop-1");
	}

}
