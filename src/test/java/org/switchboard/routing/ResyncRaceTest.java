package org.switchboard.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;

import org.switchboard.SwitchboardTest;
import org.switchboard.agent.Agent;
import org.switchboard.agent.AgentState;
import org.switchboard.agent.Agents;
import org.switchboard.fakeasterisk.AgiTranscript;
import org.switchboard.fakeasterisk.AmiEvents;
import org.switchboard.fakeasterisk.FakeAsterisk;
import org.switchboard.fakeasterisk.FakeChannel;
import org.switchboard.ivr.FlowRegistry;
import org.switchboard.ivr.IvrSettings;
import org.switchboard.call.AsteriskEvent.AsteriskResynced;
import org.switchboard.call.AsteriskSnapshot;
import org.switchboard.call.CallControl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A resync's lists may predate what was heard while they came in: what began after they
 * were asked for is not taken for gone.
 */
@SwitchboardTest
class ResyncRaceTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@Autowired
	FakeAsterisk asterisk;

	@Autowired
	Agents agents;

	@Autowired
	FlowRegistry flows;

	@Autowired
	IvrSettings ivr;

	@Autowired
	CallControl control;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	Clock clock;

	@Value("${switchboard.agi.port}")
	int agiPort;

	/**
	 * A resync is heard after it was asked for, the more so when the event dispatcher is
	 * busy: a call routed and an agent put on a call in between are not in its lists, and
	 * must not be taken for gone.
	 */
	@Test
	void aResyncAskedForBeforeACallLeavesTheCallAndItsAgentAlone() throws Exception {
		TestLines.installFlow(this.ivr, this.flows, "resync-race.yml", """
				name: resync-race
				lines: ["7994"]
				languages: [en]
				start: agent
				nodes:
				  agent: {type: route, skills: {resyncrace: 1}, queue: resyncrace}
				""");
		this.agents
			.save(new Agent("race-1", "Agent R", "PJSIP/race-1", Map.of("resyncrace", 2), Set.of("en"), "support"));
		// the agent's phone registers, as Switchboard hears from Asterisk
		this.asterisk.phoneRegisters("race-1", "sip:race-1@127.0.0.1:5091");
		await().atMost(Duration.ofSeconds(10)).until(() -> this.agents.status("race-1").orElseThrow().reachable());
		this.agents.login("race-1");
		this.agents.ready("race-1");
		await().atMost(TIMEOUT).until(this.control::connected);
		Instant asked = this.clock.instant();
		AsteriskSnapshot lists = this.control.snapshot();

		AgiTranscript ivr = this.asterisk.call(this.agiPort, "ivr")
			.callerId("+442071234567")
			.dnid("7994")
			.channel("PJSIP/carrier-race-1")
			.uniqueId("1795999401.1")
			.start()
			.awaitEnd(TIMEOUT);
		assertThat(ivr.variable("SB_NEXT")).isEqualTo("connect");
		this.events.publishEvent(new AsteriskResynced(asked, lists));
		assertThat(state("race-1")).as("reserved for a call routed after the lists").isEqualTo(AgentState.RESERVED);

		FakeChannel caller = this.asterisk.channel("PJSIP/carrier-race-1").orElseThrow();
		this.asterisk.resume(caller, this.agiPort, "connect").start().awaitEnd(TIMEOUT);
		FakeChannel agentLeg = FakeChannel.of("PJSIP/race-1-00000001", "race-1", "Agent R").linkedTo(caller);
		this.asterisk.ami().push(AmiEvents.dialBegin(caller, agentLeg, "PJSIP/race-1"));
		this.asterisk.ami().push(AmiEvents.dialEnd(caller, agentLeg, "ANSWER"));
		await().atMost(TIMEOUT).until(() -> state("race-1") == AgentState.ON_CALL);
		this.events.publishEvent(new AsteriskResynced(asked, lists));
		assertThat(state("race-1")).as("on a call begun after the lists").isEqualTo(AgentState.ON_CALL);

		this.asterisk.ami().push(AmiEvents.hangup(agentLeg, 16, "Normal Clearing"));
		await().atMost(TIMEOUT).until(() -> state("race-1") == AgentState.WRAP_UP);
		this.asterisk.callerHangsUp("PJSIP/carrier-race-1");
	}

	private AgentState state(String agentId) {
		return this.agents.status(agentId).orElseThrow().state();
	}

}
