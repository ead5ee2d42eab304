package org.switchboard.callrecord;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One whole call through the fake Asterisk (IVR, a free agent, a hold, the agent hangs
 * up, the survey, the caller hangs up, wrap-up) ends as one record whose talk and hold
 * times are those between the AMI events, some heard twice, with the caller's rating;
 * then the API and the Prometheus page show it.
 */
@SwitchboardTest
class CallRecordEndToEndTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	/** The survey is on for this line in the tests' settings. */
	private static final String SURVEY_LINE = "7999";

	@Autowired
	FakeAsterisk asterisk;

	@Autowired
	Agents agents;

	@Autowired
	FlowRegistry flows;

	@Autowired
	IvrSettings ivr;

	@Autowired
	TestRestTemplate http;

	@Autowired
	Clock clock;

	@Value("${switchboard.agi.port}")
	int agiPort;

	@Test
	void answeredCallWithAHoldAndASurveyIsRecordedWithTheAmiTimes() throws Exception {
		Instant from = this.clock.instant().minusSeconds(1);
		String callId = "1795" + SURVEY_LINE + "." + Math.abs(UUID.randomUUID().hashCode());
		String channel = "PJSIP/carrier-" + UUID.randomUUID().toString().substring(0, 8);
		Agent agent = new Agent("e2e-" + callId, "Agent", "PJSIP/9901", Map.of("csat", 2), Set.of("en"), "support");
		this.agents.save(agent);
		// the agent's phone registers, as Switchboard hears from Asterisk
		this.asterisk.phoneRegisters("9901", "sip:9901@127.0.0.1:5091");
		await().atMost(Duration.ofSeconds(10)).until(() -> this.agents.status(agent.id()).orElseThrow().reachable());
		this.agents.login(agent.id());
		this.agents.ready(agent.id());
		flow();

		AgiTranscript ivr = this.asterisk.call(this.agiPort, "ivr")
			.callerId("+442071234567")
			.dnid(SURVEY_LINE)
			.extension(SURVEY_LINE)
			.channel(channel)
			.uniqueId(callId)
			.start()
			.awaitEnd(TIMEOUT);
		assertThat(ivr.variable("SB_NEXT")).isEqualTo("connect");
		FakeChannel caller = this.asterisk.channel(channel).orElseThrow();
		this.asterisk.resume(caller, this.agiPort, "connect").start().awaitEnd(TIMEOUT);

		// the conversation, stamped by "Asterisk" at exact instants just past
		Instant answered = this.clock.instant().plusMillis(100);
		Instant held = answered.plusMillis(200);
		Instant unheld = held.plusMillis(300);
		Instant agentHungUp = answered.plusMillis(1000);
		await().atMost(TIMEOUT).until(() -> this.clock.instant().isAfter(agentHungUp));
		FakeChannel agentLeg = FakeChannel.of("PJSIP/9901-0000e2e1", "9901", "Agent").linkedTo(caller);
		this.asterisk.ami().push(AmiEvents.newchannel(agentLeg).stampedAt(answered.minusMillis(50)));
		this.asterisk.ami().push(AmiEvents.dialBegin(caller, agentLeg, "9901").stampedAt(answered.minusMillis(50)));
		this.asterisk.ami().push(AmiEvents.dialEnd(caller, agentLeg, "ANSWER").stampedAt(answered));
		this.asterisk.ami().push(AmiEvents.bridgeEnter("b-" + callId, 1, agentLeg).stampedAt(answered));
		this.asterisk.ami().push(AmiEvents.bridgeEnter("b-" + callId, 2, caller).stampedAt(answered));
		await().atMost(TIMEOUT).until(() -> state(agent) == AgentState.ON_CALL);
		this.asterisk.ami().push(AmiEvents.hold(agentLeg).stampedAt(held));
		this.asterisk.ami().push(AmiEvents.musicOnHoldStart(caller).stampedAt(held));
		// heard twice (as after a replay): counts once
		this.asterisk.ami().push(AmiEvents.hold(agentLeg).stampedAt(held));
		this.asterisk.ami().push(AmiEvents.dialEnd(caller, agentLeg, "ANSWER").stampedAt(answered));
		this.asterisk.ami().push(AmiEvents.unhold(agentLeg).stampedAt(unheld));
		this.asterisk.ami().push(AmiEvents.musicOnHoldStop(caller).stampedAt(unheld));
		this.asterisk.ami().push(AmiEvents.hangupRequest(agentLeg, 16).stampedAt(agentHungUp));
		this.asterisk.ami().push(AmiEvents.bridgeLeave("b-" + callId, 1, agentLeg).stampedAt(agentHungUp));
		this.asterisk.ami().push(AmiEvents.bridgeLeave("b-" + callId, 0, caller).stampedAt(agentHungUp));
		this.asterisk.ami().push(AmiEvents.hangup(agentLeg, 16, "Normal Clearing").stampedAt(agentHungUp));
		await().atMost(TIMEOUT).until(() -> state(agent) == AgentState.WRAP_UP);

		AgiTranscript result = this.asterisk.resume(caller, this.agiPort, "dial-result")
			.variable("DIALSTATUS", "ANSWER")
			.start()
			.awaitEnd(TIMEOUT);
		assertThat(result.variable("SB_NEXT")).isEqualTo("survey");
		AgiTranscript survey = this.asterisk.resume(caller, this.agiPort, "survey")
			.caller(Caller.presses("4"))
			.start()
			.awaitEnd(TIMEOUT);
		assertThat(survey.variable("SB_CSAT")).isEqualTo("4");
		this.asterisk.callerHangsUp(channel);
		this.agents.ready(agent.id());

		Map<String, Object> record = await().atMost(TIMEOUT)
			.until(() -> record(from, callId), (found) -> found != null);

		assertThat(record.get("outcome")).isEqualTo("answered");
		assertThat(record.get("agentId")).isEqualTo(agent.id());
		assertThat(record.get("line")).isEqualTo(SURVEY_LINE);
		assertThat(record.get("caller")).isEqualTo("+44********67");
		assertThat(record.get("csat")).isEqualTo(4);
		assertThat(record.get("queue")).isEqualTo("csat-e2e");
		@SuppressWarnings("unchecked")
		Map<String, Object> durations = (Map<String, Object>) record.get("durations");
		assertThat(seconds(durations.get("holdSeconds"))).isEqualTo(Duration.ofMillis(300));
		// answered to the agent's hang-up, less the hold
		assertThat(seconds(durations.get("talkSeconds"))).isEqualTo(Duration.ofMillis(700));
		Duration wrapUp = seconds(durations.get("wrapUpSeconds"));
		assertThat(wrapUp).isPositive();
		assertThat(seconds(durations.get("handleSeconds"))).isEqualTo(Duration.ofMillis(1000).plus(wrapUp));

		String page = this.http.getForObject("/actuator/prometheus", String.class);
		assertThat(page)
			.contains("switchboard_calls_total{application=\"switchboard\",country=\"GB\",outcome=\"answered\"}")
			.contains(
					"switchboard_calls_talk_seconds_count{application=\"switchboard\",country=\"GB\",queue=\"csat-e2e\"}")
			.contains(
					"switchboard_calls_hold_seconds_bucket{application=\"switchboard\",country=\"GB\",queue=\"csat-e2e\"")
			.contains(
					"switchboard_calls_handle_seconds_bucket{application=\"switchboard\",country=\"GB\",queue=\"csat-e2e\",le=\"20.0\"}")
			.contains("switchboard_queue_waiting{application=\"switchboard\",queue=\"csat-e2e\"}")
			.contains("switchboard_agents{application=\"switchboard\",state=\"ready\"}")
			.contains("switchboard_routing_decision_seconds_count{application=\"switchboard\",step=\"connect\"}")
			.contains(
					"switchboard_ivr_node_exits_total{application=\"switchboard\",exit=\"end\",flow=\"csat-e2e\",node=\"agent\"}")
			.doesNotContain("2071234567")
			.doesNotContain(callId);
	}

	@Test
	void anAgentWhoDidNotAnswerIsOnTheRecordAndCountedAndTheNextAgentTakesTheCall() throws Exception {
		Instant from = this.clock.instant().minusSeconds(1);
		installFlow("rna-e2e", "7983", "{type: route, skills: {rna-e2e: 1}, queue: rna-e2e, priority: 0}");
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		Agent missing = readyAgent("rna-a-" + suffix, "9904");
		String callId = ivrCall("7983");
		FakeChannel caller = this.asterisk.channel(channelOf(callId)).orElseThrow();
		AgiTranscript connect = this.asterisk.resume(caller, this.agiPort, "connect").start().awaitEnd(TIMEOUT);
		assertThat(connect.variable("SB_AGENT")).isEqualTo(missing.id());
		Agent answering = readyAgent("rna-b-" + suffix, "9905");

		// the first agent's phone rings out
		FakeChannel missedLeg = FakeChannel.of("PJSIP/9904-0000e2e4", "9904", "Agent").linkedTo(caller);
		this.asterisk.ami().push(AmiEvents.newchannel(missedLeg));
		this.asterisk.ami().push(AmiEvents.dialBegin(caller, missedLeg, "9904"));
		this.asterisk.ami().push(AmiEvents.dialEnd(caller, missedLeg, "NOANSWER"));
		this.asterisk.ami().push(AmiEvents.hangup(missedLeg, 16, "Normal Clearing"));
		AgiTranscript missed = this.asterisk.resume(caller, this.agiPort, "dial-result")
			.variable("DIALSTATUS", "NOANSWER")
			.start()
			.awaitEnd(TIMEOUT);
		assertThat(missed.variable("SB_NEXT")).isEqualTo("connect");
		AgiTranscript next = this.asterisk.resume(caller, this.agiPort, "connect").start().awaitEnd(TIMEOUT);
		assertThat(next.variable("SB_AGENT")).isEqualTo(answering.id());

		// the second answers, talks and hangs up
		FakeChannel agentLeg = FakeChannel.of("PJSIP/9905-0000e2e5", "9905", "Agent").linkedTo(caller);
		this.asterisk.ami().push(AmiEvents.newchannel(agentLeg));
		this.asterisk.ami().push(AmiEvents.dialBegin(caller, agentLeg, "9905"));
		this.asterisk.ami().push(AmiEvents.dialEnd(caller, agentLeg, "ANSWER"));
		this.asterisk.ami().push(AmiEvents.bridgeEnter("b-" + callId, 1, agentLeg));
		this.asterisk.ami().push(AmiEvents.bridgeEnter("b-" + callId, 2, caller));
		await().atMost(TIMEOUT).until(() -> state(answering) == AgentState.ON_CALL);
		this.asterisk.ami().push(AmiEvents.bridgeLeave("b-" + callId, 1, agentLeg));
		this.asterisk.ami().push(AmiEvents.bridgeLeave("b-" + callId, 0, caller));
		this.asterisk.ami().push(AmiEvents.hangup(agentLeg, 16, "Normal Clearing"));
		await().atMost(TIMEOUT).until(() -> state(answering) == AgentState.WRAP_UP);
		this.asterisk.resume(caller, this.agiPort, "dial-result")
			.variable("DIALSTATUS", "ANSWER")
			.start()
			.awaitEnd(TIMEOUT);
		this.asterisk.callerHangsUp(channelOf(callId));
		this.agents.ready(answering.id());

		Map<String, Object> record = await().atMost(TIMEOUT)
			.until(() -> record(from, callId), (found) -> found != null);

		assertThat(record.get("outcome")).isEqualTo("answered");
		assertThat(record.get("agentId")).isEqualTo(answering.id());
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> rings = (List<Map<String, Object>>) record.get("ringNoAnswer");
		assertThat(rings).singleElement().satisfies((ring) -> {
			assertThat(ring.get("agentId")).isEqualTo(missing.id());
			assertThat(ring.get("status")).isEqualTo("NOANSWER");
			assertThat(seconds(ring.get("ringSeconds"))).isBetween(Duration.ZERO, TIMEOUT);
		});
		@SuppressWarnings("unchecked")
		Map<String, Object> durations = (Map<String, Object>) record.get("durations");
		assertThat(seconds(durations.get("ringSeconds"))).as("the unanswered ring counts")
			.isGreaterThanOrEqualTo(seconds(rings.get(0).get("ringSeconds")));
		String page = this.http.getForObject("/actuator/prometheus", String.class);
		assertThat(page)
			.contains("switchboard_calls_ring_no_answer_total{application=\"switchboard\",country=\"GB\","
					+ "queue=\"rna-e2e\"} 1.0")
			.contains("switchboard_agents_missed_total{application=\"switchboard\"}");
	}

	@Test
	void aCallerWhoLeftAMessageIsRecordedAsVoicemailAndOneWhoHungUpBeforeTheBeepIsNot() throws Exception {
		Instant from = this.clock.instant().minusSeconds(1);
		installFlow("vm-e2e", "7996", "{type: voicemail, mailbox: \"1000@switchboard\"}");
		String spoke = ivrCall("7996");
		String silent = ivrCall("7996");

		String data = this.asterisk.voicemail(channelOf(spoke), Duration.ofSeconds(5));
		this.asterisk.voicemail(channelOf(silent), Duration.ZERO);

		assertThat(data).as("VoiceMail's argument").isEqualTo("1000@switchboard,u");
		assertThat(outcome(from, spoke)).isEqualTo("voicemail");
		assertThat(outcome(from, silent)).isEqualTo("abandoned-in-ivr");
	}

	@Test
	void aWaitingCallerWhoseTickFoundNoSwitchboardIsRecordedAsFallbackNotAsAnAbandon() throws Exception {
		Instant from = this.clock.instant().minusSeconds(1);
		installFlow("fb-e2e", "7995", "{type: route, skills: {nobody-e2e: 1}, queue: fb-e2e, priority: 0}");
		String callId = ivrCall("7995");
		String channel = channelOf(callId);
		this.asterisk.park(this.asterisk.channel(channel).orElseThrow());

		this.asterisk.fallsBack(channel, "FAILURE");
		this.asterisk.callerHangsUp(channel);

		assertThat(outcome(from, callId)).isEqualTo("fallback");
	}

	@Test
	void aWaitingCallerCutOffByAnAsteriskRestartIsRecordedAsFailed() throws Exception {
		Instant from = this.clock.instant().minusSeconds(1);
		installFlow("restart-e2e", "7984", "{type: route, skills: {nobody-e2e: 1}, queue: restart-e2e, priority: 0}");
		String callId = ivrCall("7984");
		String channel = channelOf(callId);
		this.asterisk.park(this.asterisk.channel(channel).orElseThrow());

		// "core restart now": Asterisk ends every channel, then says it shuts down
		this.asterisk.callerHangsUp(channel);
		this.asterisk.ami().push(AmiEvents.shutdown(true));

		assertThat(outcome(from, callId)).isEqualTo("failed");
	}

	@Test
	void aWaitingCallerCutOffByAnAsteriskStoppingNowIsFailedEvenWhenTheLinkDropsBeforeItsShutdown() throws Exception {
		Instant from = this.clock.instant().minusSeconds(1);
		installFlow("stop-e2e", "7989", "{type: route, skills: {nobody-e2e: 1}, queue: stop-e2e, priority: 0}");
		String callId = ivrCall("7989");
		String channel = channelOf(callId);
		this.asterisk.park(this.asterisk.channel(channel).orElseThrow());

		// "core stop now" as a real Asterisk 20 did it: each channel ended with the
		// shutdown reason, then the link went before any Shutdown event reached us
		this.asterisk.endsChannelStoppingNow(channel);

		assertThat(outcome(from, callId)).isEqualTo("failed");
	}

	@Test
	void anAgentPhonesFeatureCodeLeavesNoRecord() {
		Instant from = this.clock.instant().minusSeconds(1);
		String callId = "1795" + "050." + Math.abs(UUID.randomUUID().hashCode());
		String channel = "PJSIP/9903-" + UUID.randomUUID().toString().substring(0, 8);
		this.asterisk.call(this.agiPort, "agent")
			.callerId("9903")
			.extension("*50")
			.args("ready")
			.channel(channel)
			.uniqueId(callId)
			.start()
			.awaitEnd(TIMEOUT);
		this.asterisk.callerHangsUp(channel);

		await().during(Duration.ofSeconds(1)).atMost(TIMEOUT).until(() -> record(from, callId) == null);
	}

	@Test
	void badQueryParametersAreNamedIn400s() {
		ResponseEntity<String> from = TestUsers.admin(this.http)
			.getForEntity("/api/calls?from=yesterday", String.class);
		ResponseEntity<String> groupBy = TestUsers.admin(this.http)
			.getForEntity("/api/kpis?groupBy=planet", String.class);
		ResponseEntity<String> outcome = TestUsers.admin(this.http)
			.getForEntity("/api/calls?outcome=lost", String.class);
		ResponseEntity<String> limit = TestUsers.admin(this.http).getForEntity("/api/calls?limit=0", String.class);

		assertThat(from.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(from.getBody()).contains("from: not an ISO instant");
		assertThat(groupBy.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(groupBy.getBody()).contains("groupBy: one of country, queue, agent");
		assertThat(outcome.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(outcome.getBody()).contains("outcome: not an outcome");
		assertThat(limit.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(limit.getBody()).contains("limit: outside 1..1000");
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> record(Instant from, String callId) {
		Map<String, Object> page = TestUsers.admin(this.http)
			.getForObject("/api/calls?from={from}&to={to}&limit=1000", Map.class, from,
					this.clock.instant().plusSeconds(1));
		List<Map<String, Object>> calls = (List<Map<String, Object>>) page.get("calls");
		return calls.stream().filter((call) -> callId.equals(call.get("callId"))).findFirst().orElse(null);
	}

	private void flow() throws Exception {
		Files.writeString(this.ivr.flowsDir().resolve("csat-e2e.yml"), """
				name: csat-e2e
				lines: ["%s"]
				languages: [en]
				start: agent
				nodes:
				  agent: {type: route, skills: {csat: 2}, queue: csat-e2e, priority: 0}
				""".formatted(SURVEY_LINE));
		assertThat(this.flows.reload().rejected()).doesNotContainKey("csat-e2e.yml");
	}

	private void installFlow(String name, String line, String node) throws Exception {
		Files.writeString(this.ivr.flowsDir().resolve(name + ".yml"), """
				name: %s
				lines: ["%s"]
				languages: [en]
				start: only
				nodes:
				  only: %s
				""".formatted(name, line, node));
		assertThat(this.flows.reload().rejected()).doesNotContainKey(name + ".yml");
	}

	/** A caller's call on this line through the IVR; answers its call id. */
	private String ivrCall(String line) {
		String callId = "1795" + line + "." + Math.abs(UUID.randomUUID().hashCode());
		this.asterisk.call(this.agiPort, "ivr")
			.callerId("+442071234567")
			.dnid(line)
			.extension(line)
			.channel("PJSIP/carrier-" + callId)
			.uniqueId(callId)
			.start()
			.awaitEnd(TIMEOUT);
		return callId;
	}

	private static String channelOf(String callId) {
		return "PJSIP/carrier-" + callId;
	}

	private String outcome(Instant from, String callId) {
		return (String) await().atMost(TIMEOUT)
			.until(() -> record(from, callId), (found) -> found != null)
			.get("outcome");
	}

	/** A ready agent with the skill {@code rna-e2e} whose phone has registered. */
	private Agent readyAgent(String id, String phone) {
		Agent agent = new Agent(id, "Agent", "PJSIP/" + phone, Map.of("rna-e2e", 1), Set.of("en"), "support");
		this.agents.save(agent);
		this.asterisk.phoneRegisters(phone, "sip:" + phone + "@127.0.0.1:5091");
		await().atMost(TIMEOUT).until(() -> this.agents.status(id).orElseThrow().reachable());
		this.agents.login(id);
		this.agents.ready(id);
		return agent;
	}

	private AgentState state(Agent agent) {
		return this.agents.status(agent.id()).orElseThrow().state();
	}

	/** A duration of a record as the API gives it: a number of seconds. */
	private static Duration seconds(Object seconds) {
		return Duration.ofMillis(Math.round(((Number) seconds).doubleValue() * 1000));
	}

}
