package org.switchboard.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;

import org.switchboard.SwitchboardTest;
import org.switchboard.TestUsers;
import org.switchboard.agent.Agent;
import org.switchboard.agent.AgentState;
import org.switchboard.agent.Agents;
import org.switchboard.fakeasterisk.AgiTranscript;
import org.switchboard.fakeasterisk.AmiEvents;
import org.switchboard.fakeasterisk.Caller;
import org.switchboard.fakeasterisk.FakeAsterisk;
import org.switchboard.fakeasterisk.FakeChannel;
import org.switchboard.ivr.FlowRegistry;
import org.switchboard.ivr.IvrSettings;
import org.switchboard.redis.Keys;
import org.switchboard.schedule.Holidays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A caller who hangs up at any step of the flow: after every AGI command of the IVR,
 * while waiting (also while the AMI link is down), once an agent is reserved, during the
 * connect script, while the agent's phone rings, while talking, during the dial-result
 * script and during the post-call survey. Each time the agent, the waiting line and the
 * country's quota (one call at a time) are released, which the next caller from the same
 * country notices by being connected at once, and the call record names the right outcome
 * (and the rating, if the caller gave one before hanging up).
 */
@SwitchboardTest
class HangUpAnywhereTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final AtomicInteger LINES = new AtomicInteger(7300);

	/** Chile: open all day, one call with an agent at a time. */
	private static final String CHILEAN = "+56221234567";

	/** A line with the post-call survey on in the tests' settings. */
	private static final String SURVEY_LINE = "7998";

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
	Holidays holidays;

	@Autowired
	UnifiedJedis redis;

	@Autowired
	Keys keys;

	@Autowired
	Clock clock;

	@Autowired
	TestRestTemplate http;

	@Autowired
	org.switchboard.call.CallControl control;

	@Value("${switchboard.agi.port}")
	int agiPort;

	private String lineNumber;

	private String skill;

	private Agent agent;

	@BeforeEach
	void aLineAQuotaAndOneReadyAgent() throws Exception {
		TestLines.storeSchedule(this.redis, this.keys, this.holidays,
				"""
						country: CL
						timeZone: Etc/UTC
						version: 1
						windows:
						  - {days: [MON, TUE, WED, THU, FRI, SAT, SUN], from: "00:00", to: "23:59", team: t-cl, skills: {general: 1}}
						quota: {maxConcurrent: 1}
						closedAction: {type: announce-next-opening, then: hangup}
						""");
		int number = LINES.incrementAndGet();
		this.lineNumber = String.valueOf(number);
		this.skill = "hang" + number;
		TestLines.installFlow(this.ivr, this.flows, "hang-" + number + ".yml", """
				name: hang-%d
				lines: ["%d"]
				languages: [en]
				start: hold
				nodes:
				  hold: {type: play, prompts: [custom/en/please-hold], next: agent}
				  agent: {type: route, skills: {%s: 2}, queue: %s}
				""".formatted(number, number, this.skill, this.skill));
		String id = "hang-" + number;
		this.agent = new Agent(id, "Agent " + id, "PJSIP/" + id, Map.of(this.skill, 3, "general", 2), Set.of("en"),
				"support");
		this.agents.save(this.agent);
		// the agent's phone registers, as Switchboard hears from Asterisk
		this.asterisk.phoneRegisters(id, "sip:" + id + "@127.0.0.1:5091");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.agents.status(this.agent.id()).orElseThrow().reachable());
		this.agents.login(id);
		this.agents.ready(id);
	}

	@Test
	void afterEveryCommandOfTheIvr() {
		CallIds first = newCall();
		int commands = call(first, Caller.silence()).commands().size();
		hangUp(first.channel);
		releasedAndNextCallerConnected();

		for (int after = 0; after < commands; after++) {
			Instant from = this.clock.instant().minusSeconds(1);
			CallIds call = newCall();
			AgiTranscript ivr = call(call, Caller.hangsUpAfter(after));

			releasedAndNextCallerConnected();
			Outcome expected = (ivr.variable("SB_NEXT") == null) ? Outcome.ABANDONED_IN_IVR
					: Outcome.ABANDONED_IN_QUEUE;
			assertThat(outcome(from, call.callId))
				.as("hung up after command %d of %d: %s", after, commands, ivr.commands())
				.isEqualTo(expected.wire());
		}
	}

	@Test
	void whileWaitingForAnAgent() {
		Instant from = this.clock.instant().minusSeconds(1);
		this.agents.pause(this.agent.id(), "coffee");
		CallIds call = newCall();
		assertThat(call(call, Caller.silence()).variable("SB_NEXT")).isEqualTo("wait");
		this.asterisk.park(this.asterisk.channel(call.channel).orElseThrow());

		this.asterisk.callerHangsUp(call.channel);

		await().atMost(TIMEOUT).until(() -> this.line.size(this.skill) == 0);
		this.agents.ready(this.agent.id());
		releasedAndNextCallerConnected();
		assertThat(outcome(from, call.callId)).isEqualTo("abandoned-in-queue");
	}

	/**
	 * The caller's Hangup is never heard: the link is down when it happens. The resync
	 * after the login finds the channel gone, which releases the call and closes its
	 * record.
	 */
	@Test
	void whileWaitingAndTheAmiLinkIsDown() {
		Instant from = this.clock.instant().minusSeconds(1);
		this.agents.pause(this.agent.id(), "coffee");
		CallIds call = newCall();
		assertThat(call(call, Caller.silence()).variable("SB_NEXT")).isEqualTo("wait");
		this.asterisk.park(this.asterisk.channel(call.channel).orElseThrow());
		int logins = this.asterisk.ami().loginCount();

		this.asterisk.ami().stop();
		this.asterisk.callerHangsUp(call.channel);
		this.asterisk.ami().restart();

		await().atMost(TIMEOUT).until(() -> this.asterisk.ami().loginCount() > logins);
		await().atMost(TIMEOUT).until(this.control::connected);
		await().atMost(TIMEOUT).until(() -> this.line.size(this.skill) == 0);
		this.agents.ready(this.agent.id());
		releasedAndNextCallerConnected();
		assertThat(outcome(from, call.callId)).isEqualTo("abandoned-in-queue");
	}

	@Test
	void withAnAgentReservedBeforeTheConnectScriptRuns() {
		Instant from = this.clock.instant().minusSeconds(1);
		CallIds call = connected();

		this.asterisk.callerHangsUp(call.channel);

		releasedAndNextCallerConnected();
		assertThat(outcome(from, call.callId)).isEqualTo("abandoned-in-queue");
	}

	/**
	 * The connect script's commands: its three variables in one {@code EXEC MSet}. The
	 * test hangs up before it and after it.
	 */
	private static final int CONNECT_COMMANDS = 1;

	@Test
	void duringTheConnectScript() {
		for (int after = 0; after <= CONNECT_COMMANDS; after++) {
			Instant from = this.clock.instant().minusSeconds(1);
			CallIds call = connected();
			FakeChannel caller = this.asterisk.channel(call.channel).orElseThrow();

			AgiTranscript connect = this.asterisk.resume(caller, this.agiPort, "connect")
				.caller(Caller.hangsUpAfter(after))
				.start()
				.awaitEnd(TIMEOUT);
			if (after == CONNECT_COMMANDS) {
				assertThat(connect.commands()).as("the connect script's commands").hasSize(CONNECT_COMMANDS);
			}

			releasedAndNextCallerConnected();
			assertThat(outcome(from, call.callId)).as("hung up after command %d", after)
				.isEqualTo("abandoned-in-queue");
		}
	}

	@Test
	void whileTheAgentsPhoneRings() {
		Instant from = this.clock.instant().minusSeconds(1);
		CallIds call = connected();
		FakeChannel caller = this.asterisk.channel(call.channel).orElseThrow();
		this.asterisk.resume(caller, this.agiPort, "connect").start().awaitEnd(TIMEOUT);
		FakeChannel agentLeg = FakeChannel.of(this.agent.endpoint() + "-00000001", this.agent.id(), "Agent")
			.linkedTo(caller);
		this.asterisk.ami().push(AmiEvents.dialBegin(caller, agentLeg, this.agent.endpoint()));

		this.asterisk.callerHangsUp(call.channel);
		this.asterisk.ami().push(AmiEvents.hangup(agentLeg, 26, "Answered elsewhere"));

		releasedAndNextCallerConnected();
		assertThat(outcome(from, call.callId)).isEqualTo("abandoned-in-queue");
	}

	@Test
	void whileTalkingToTheAgent() {
		Instant from = this.clock.instant().minusSeconds(1);
		CallIds call = connected();
		FakeChannel caller = this.asterisk.channel(call.channel).orElseThrow();
		this.asterisk.resume(caller, this.agiPort, "connect").start().awaitEnd(TIMEOUT);
		FakeChannel agentLeg = FakeChannel.of(this.agent.endpoint() + "-00000002", this.agent.id(), "Agent")
			.linkedTo(caller);
		this.asterisk.ami().push(AmiEvents.dialEnd(caller, agentLeg, "ANSWER"));
		await().atMost(TIMEOUT).until(() -> state() == AgentState.ON_CALL);

		this.asterisk.callerHangsUp(call.channel);
		this.asterisk.ami().push(AmiEvents.hangup(agentLeg, 16, "Normal Clearing"));

		await().atMost(TIMEOUT).until(() -> state() == AgentState.WRAP_UP);
		this.agents.ready(this.agent.id());
		releasedAndNextCallerConnected();
		assertThat(outcome(from, call.callId)).isEqualTo("answered");
	}

	@Test
	void duringTheDialResultScriptAfterTheTalk() {
		Talked first = talked(this.lineNumber);
		int commands = dialResult(first, Caller.silence()).commands().size();
		hangUp(first.ids.channel);
		this.agents.ready(this.agent.id());
		releasedAndNextCallerConnected();

		for (int after = 0; after < commands; after++) {
			Instant from = this.clock.instant().minusSeconds(1);
			Talked call = talked(this.lineNumber);

			AgiTranscript result = dialResult(call, Caller.hangsUpAfter(after));

			this.agents.ready(this.agent.id());
			releasedAndNextCallerConnected();
			Map<String, Object> record = record(from, call.ids.callId);
			assertThat(record.get("outcome")).as("hung up after command %d: %s", after, result.commands())
				.isEqualTo("answered");
			assertThat(record.get("csat")).isNull();
		}
	}

	@Test
	void duringTheDialResultScriptAfterTheAgentDidNotAnswer() {
		for (int after = 0; after < 3; after++) {
			Instant from = this.clock.instant().minusSeconds(1);
			CallIds call = connected();
			FakeChannel caller = this.asterisk.channel(call.channel).orElseThrow();
			this.asterisk.resume(caller, this.agiPort, "connect").start().awaitEnd(TIMEOUT);
			FakeChannel agentLeg = agentLeg(caller);
			this.asterisk.ami().push(AmiEvents.dialBegin(caller, agentLeg, this.agent.endpoint()));
			this.asterisk.ami().push(AmiEvents.dialEnd(caller, agentLeg, "NOANSWER"));
			this.asterisk.ami().push(AmiEvents.hangup(agentLeg, 16, "Normal Clearing"));

			AgiTranscript result = this.asterisk.resume(caller, this.agiPort, "dial-result")
				.variable("DIALSTATUS", "NOANSWER")
				.caller(Caller.hangsUpAfter(after))
				.start()
				.awaitEnd(TIMEOUT);

			// ring-no-answer: the agent is taken out, the caller who was put back in
			// line has left it
			await().atMost(TIMEOUT).until(() -> state() == AgentState.NOT_READY);
			await().atMost(TIMEOUT).until(() -> this.line.size(this.skill) == 0);
			this.agents.ready(this.agent.id());
			releasedAndNextCallerConnected();
			assertThat(outcome(from, call.callId)).as("hung up after command %d: %s", after, result.commands())
				.isEqualTo("abandoned-in-queue");
		}
	}

	@Test
	void duringThePostCallSurvey() throws Exception {
		TestLines.installFlow(this.ivr, this.flows, "hang-survey.yml", """
				name: hang-survey
				lines: ["%s"]
				languages: [en]
				start: agent
				nodes:
				  agent: {type: route, skills: {%s: 2}, queue: %s}
				""".formatted(SURVEY_LINE, this.skill, this.skill));
		// before the rating, while the survey listens, and after each command once the
		// caller has rated the call 4
		List<Caller> callers = new ArrayList<>(List.of(Caller.hangsUpAfter(0), Caller.hangsUp()));
		int commands = survey(Caller.presses("4")).survey().commands().size();
		for (int after = 0; after < commands; after++) {
			callers.add(Caller.presses("4").then(Caller.hangsUpAfter(after)));
		}
		for (Caller caller : callers) {
			Instant from = this.clock.instant().minusSeconds(1);
			Surveyed surveyed = survey(caller);
			AgiTranscript survey = surveyed.survey();
			Map<String, Object> record = record(from, surveyed.call().ids.callId);
			assertThat(record.get("outcome")).as("%s: %s", caller, survey.commands()).isEqualTo("answered");
			boolean rated = survey.variable("SB_CSAT") != null;
			assertThat(record.get("csat")).as("%s: %s", caller, survey.commands()).isEqualTo(rated ? 4 : null);
			assertThat(rated).as("%s rated", caller).isEqualTo(caller.steps().get(0) instanceof Caller.Presses);
		}
	}

	/**
	 * One whole survey of an answered call on the survey line, the caller hanging up at
	 * the end; the agent is ready again.
	 */
	private Surveyed survey(Caller caller) {
		Talked call = talked(SURVEY_LINE);
		assertThat(dialResult(call, Caller.silence()).variable("SB_NEXT")).isEqualTo("survey");
		AgiTranscript survey = this.asterisk.resume(call.caller, this.agiPort, "survey")
			.caller(caller)
			.start()
			.awaitEnd(TIMEOUT);
		hangUp(call.ids.channel);
		this.agents.ready(this.agent.id());
		releasedAndNextCallerConnected();
		return new Surveyed(call, survey);
	}

	private record Surveyed(Talked call, AgiTranscript survey) {
	}

	/**
	 * A caller on this line connected to the agent, who answered, talked and hung up
	 * first: the agent is in wrap-up, the caller back in the dialplan for dial-result.
	 */
	private Talked talked(String line) {
		CallIds call = newCall();
		assertThat(call(call, line, Caller.silence()).variable("SB_NEXT")).isEqualTo("connect");
		FakeChannel caller = this.asterisk.channel(call.channel).orElseThrow();
		this.asterisk.resume(caller, this.agiPort, "connect").start().awaitEnd(TIMEOUT);
		FakeChannel agentLeg = agentLeg(caller);
		this.asterisk.ami().push(AmiEvents.dialBegin(caller, agentLeg, this.agent.endpoint()));
		this.asterisk.ami().push(AmiEvents.dialEnd(caller, agentLeg, "ANSWER"));
		await().atMost(TIMEOUT).until(() -> state() == AgentState.ON_CALL);
		this.asterisk.ami().push(AmiEvents.hangup(agentLeg, 16, "Normal Clearing"));
		await().atMost(TIMEOUT).until(() -> state() == AgentState.WRAP_UP);
		return new Talked(call, this.asterisk.channel(call.channel).orElseThrow());
	}

	private AgiTranscript dialResult(Talked call, Caller caller) {
		return this.asterisk.resume(call.caller, this.agiPort, "dial-result")
			.variable("DIALSTATUS", "ANSWER")
			.caller(caller)
			.start()
			.awaitEnd(TIMEOUT);
	}

	private FakeChannel agentLeg(FakeChannel caller) {
		return FakeChannel.of(FakeChannel.nextName(this.agent.endpoint()), this.agent.id(), "Agent").linkedTo(caller);
	}

	/** A caller routed straight to the ready agent, still in the dialplan. */
	private CallIds connected() {
		CallIds call = newCall();
		assertThat(call(call, Caller.silence()).variable("SB_NEXT")).isEqualTo("connect");
		assertThat(state()).isEqualTo(AgentState.RESERVED);
		return call;
	}

	/**
	 * The agent is ready again, nobody waits, and the next Chilean caller is connected at
	 * once: the quota of one call is free. That caller then hangs up and is released too.
	 */
	private void releasedAndNextCallerConnected() {
		await().atMost(TIMEOUT).until(() -> state() == AgentState.READY);
		await().atMost(TIMEOUT).until(() -> this.line.size(this.skill) == 0);
		CallIds next = newCall();
		AgiTranscript ivr = call(next, Caller.silence());
		assertThat(ivr.variable("SB_NEXT")).as("the next caller").isEqualTo("connect");
		hangUp(next.channel);
		await().atMost(TIMEOUT).until(() -> state() == AgentState.READY);
	}

	private void hangUp(String channel) {
		if (this.asterisk.channel(channel).isPresent()) {
			this.asterisk.callerHangsUp(channel);
		}
	}

	private CallIds newCall() {
		String id = UUID.randomUUID().toString().substring(0, 8);
		CallIds call = new CallIds("1796" + this.lineNumber + "." + Math.abs(id.hashCode()), "PJSIP/carrier-" + id);
		return call;
	}

	private AgiTranscript call(CallIds call, Caller caller) {
		return call(call, this.lineNumber, caller);
	}

	private AgiTranscript call(CallIds call, String line, Caller caller) {
		return this.asterisk.call(this.agiPort, "ivr")
			.callerId(CHILEAN)
			.dnid(line)
			.extension(line)
			.channel(call.channel)
			.uniqueId(call.callId)
			.caller(caller)
			.start()
			.awaitEnd(TIMEOUT);
	}

	private AgentState state() {
		return this.agents.status(this.agent.id()).orElseThrow().state();
	}

	private String outcome(Instant from, String callId) {
		return (String) record(from, callId).get("outcome");
	}

	/** The call's record as /api/calls gives it, once it is written. */
	@SuppressWarnings("unchecked")
	private Map<String, Object> record(Instant from, String callId) {
		return await().atMost(TIMEOUT).until(() -> {
			Map<String, Object> page = TestUsers.admin(this.http)
				.getForObject("/api/calls?from={from}&to={to}&limit=1000", Map.class, from,
						this.clock.instant().plusSeconds(1));
			List<Map<String, Object>> calls = (List<Map<String, Object>>) page.get("calls");
			return calls.stream().filter((record) -> callId.equals(record.get("callId"))).findFirst().orElse(null);
		}, (record) -> record != null);
	}

	private record CallIds(String callId, String channel) {

	}

	private record Talked(CallIds ids, FakeChannel caller) {

	}

	private enum Outcome {

		ABANDONED_IN_IVR, ABANDONED_IN_QUEUE;

		String wire() {
			return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
		}

	}

}
