package org.switchboard.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import org.switchboard.call.CallEvent;
import org.switchboard.PublishedEvents;
import org.switchboard.SwitchboardTest;
import org.switchboard.agent.Agent;
import org.switchboard.agent.AgentState;
import org.switchboard.agent.Agents;
import org.switchboard.fakeasterisk.AgiTranscript;
import org.switchboard.fakeasterisk.AmiAction;
import org.switchboard.fakeasterisk.AnsweredDial;
import org.switchboard.fakeasterisk.Caller;
import org.switchboard.fakeasterisk.FakeAgiCall;
import org.switchboard.fakeasterisk.FakeAsterisk;
import org.switchboard.fakeasterisk.FakeChannel;
import org.switchboard.ivr.FlowRegistry;
import org.switchboard.ivr.IvrSettings;
import org.switchboard.redis.Keys;
import org.switchboard.schedule.Holidays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Callbacks through the fake Asterisk: the caller confirms the number, hangs up, and is
 * called back — the agent's phone rung with AMI Originate first, then the customer by the
 * dialplan; a customer who does not answer is tried again; a caller of a closed country
 * is called back when it opens; a waiting caller offered a callback keeps their place.
 */
@SwitchboardTest
class CallbackEndToEndTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final AtomicInteger LINES = new AtomicInteger(7400);

	@Autowired
	FakeAsterisk asterisk;

	@Autowired
	Agents agents;

	@Autowired
	WaitingLine line;

	@Autowired
	RedisLiveCalls calls;

	@Autowired
	Callbacks callbacks;

	@Autowired
	FlowRegistry flows;

	@Autowired
	IvrSettings ivr;

	@Autowired
	PublishedEvents events;

	@Autowired
	Clock clock;

	@Autowired
	Holidays holidays;

	@Autowired
	UnifiedJedis redis;

	@Autowired
	Keys keys;

	@Value("${switchboard.agi.port}")
	int agiPort;

	@BeforeEach
	void agentsAnswerTheirPhones() {
		this.asterisk.ami().answerEveryOriginate();
	}

	@Test
	void theAgentIsRungFirstThenTheCustomerAndANoAnswerIsTriedAgainUntilReached() throws Exception {
		Line line = line("callback");
		Agent first = readyAgent(line, "9951");

		AgiTranscript ivr = call(line, "+442071234567", Caller.presses("1"));

		assertThat(ivr.variable("SB_NEXT")).isEqualTo("hangup");
		assertThat(ivr.prompts()).contains("custom/en/callback-your-number", "custom/en/callback-confirmed");
		AmiAction originate = originateFor(line.callId, 1);
		assertThat(originate.get("Channel")).isEqualTo("PJSIP/9951");
		assertThat(originate.get("Context")).isEqualTo("switchboard-callback");
		assertThat(originate.getAll("Variable")).contains("SB_CALLBACK_NUMBER=+442071234567", "SB_CALL=" + line.callId);
		await().atMost(TIMEOUT).until(() -> state(first) == AgentState.ON_CALL);

		// the caller's own channel ends; the callback stays
		this.asterisk.callerHangsUp(line.channel);
		assertThat(this.calls.callbackNumber(line.callId)).hasValue("+442071234567");

		// the customer does not answer: tried again after the retry delay, with the next
		// free agent
		customerDialled(line, "PJSIP/9951-0000c001", "NOANSWER");
		assertThat(this.calls.attempts(line.callId)).isEqualTo(1);
		Agent second = readyAgent(line, "9952");
		assertThat(state(second)).as("not before the retry delay").isEqualTo(AgentState.READY);
		this.callbacks.lineUp(line.callId, this.clock.instant().plus(Duration.ofMinutes(5)));
		assertThat(originateFor(line.callId, 2).get("Channel")).isEqualTo("PJSIP/9952");

		customerDialled(line, "PJSIP/9952-0000c002", "ANSWER");

		CallEvent.CallbackFinished finished = this.events.await(CallEvent.CallbackFinished.class,
				(event) -> event.callId().equals(line.callId), TIMEOUT);
		assertThat(finished.completed()).isTrue();
		assertThat(finished.attempts()).isEqualTo(2);
		assertThat(this.calls.known(line.callId)).isFalse();
	}

	@Test
	void aCallbackCompletesWhenTheAgentHangsUpBeforeTheCustomer() throws Exception {
		Line line = line("callback");
		readyAgent(line, "9971");
		call(line, "+442071234567", Caller.presses("1"));
		assertThat(originateFor(line.callId, 1).get("Channel")).isEqualTo("PJSIP/9971");
		this.asterisk.callerHangsUp(line.channel);
		FakeChannel agentLeg = FakeChannel.of("PJSIP/9971-0000c071", "9971", "Agent 9971")
			.at("switchboard-callback", "s", 4);
		FakeChannel customer = FakeChannel.of("PJSIP/carrier-0000c072", "+442071234567", "");
		AnsweredDial dial = this.asterisk.answeredDial(agentLeg, customer, Map.of("SB_CALL", line.callId));

		// Dial's g does not go on when the agent's own channel hangs up: only h runs
		Optional<FakeAgiCall> h = dial.callingHangsUp(this.agiPort);

		assertThat(h).as("the dialplan's h extension of switchboard-callback runs dial-result").isPresent();
		h.get().awaitEnd(TIMEOUT);
		CallEvent.CallbackFinished finished = this.events.await(CallEvent.CallbackFinished.class,
				(event) -> event.callId().equals(line.callId), TIMEOUT);
		assertThat(finished.completed()).isTrue();
		assertThat(this.calls.known(line.callId)).isFalse();
	}

	@Test
	void aCallerOfAClosedCountryIsCalledBackWhenItOpens() throws Exception {
		// Norway's line opens at 23:00 UTC only and calls back after hours
		TestLines.storeSchedule(this.redis, this.keys, this.holidays,
				"""
						country: NO
						timeZone: Etc/UTC
						version: 1
						windows:
						  - {days: [MON, TUE, WED, THU, FRI, SAT, SUN], from: "23:00", to: "23:30", team: t-no, skills: {norwegian: 1}}
						closedAction: {type: announce-next-opening, then: callback}
						""");
		Line line = line("route");
		Agent agent = readyAgent(line, "9961");

		AgiTranscript ivr = call(line, "+4722123456", Caller.presses("1"));

		assertThat(ivr.prompts()).contains("custom/en/closed-until", "custom/en/callback-confirmed");
		assertThat(this.line.position(line.callId)).as("not in line while closed").isEmpty();
		assertThat(state(agent)).isEqualTo(AgentState.READY);

		Instant opening = this.clock.instant()
			.atZone(java.time.ZoneOffset.UTC)
			.toLocalDate()
			.atTime(23, 0, 30)
			.toInstant(java.time.ZoneOffset.UTC);
		this.callbacks.lineUp(line.callId, opening);

		assertThat(originateFor(line.callId, 1).get("Channel")).isEqualTo("PJSIP/9961");
	}

	@Test
	void theCallerHearsTheOfferThenTheirNumberAndTheQuestionAndOnlyThenTheThanks() throws Exception {
		Line line = line("callback");

		// silence, then a key that is no choice, then "1: this number is right"
		AgiTranscript ivr = call(line, "+442071234567",
				Caller.silence().then(Caller.presses("3")).then(Caller.presses("1")));

		assertThat(ivr.prompts()).containsExactly("custom/en/callback-intro", "custom/en/callback-your-number",
				"custom/en/callback-confirm", "custom/en/callback-no-input", "custom/en/callback-your-number",
				"custom/en/callback-confirm", "custom/en/callback-invalid-choice", "custom/en/callback-your-number",
				"custom/en/callback-confirm", "custom/en/callback-confirmed");
		assertThat(ivr.commands())
			.filteredOn((command) -> command.contains("SayDigits") && command.contains("442071234567"))
			.hasSize(3);
		assertThat(this.calls.callbackNumber(line.callId)).hasValue("+442071234567");
	}

	@Test
	void silenceWhenAskedToTypeANumberIsNotCalledAnInvalidNumber() throws Exception {
		Line line = line("callback");

		// "2: another number", then nothing, then too short a number: three tries
		AgiTranscript ivr = call(line, "+442071234567",
				Caller.presses("2").then(Caller.silence()).then(Caller.presses("12#")));

		assertThat(ivr.prompts()).containsExactly("custom/en/callback-intro", "custom/en/callback-your-number",
				"custom/en/callback-confirm", "custom/en/callback-enter-number", "custom/en/callback-no-input",
				"custom/en/callback-enter-number", "custom/en/callback-invalid-number", "custom/en/callback-failed");
	}

	@Test
	void aCallbackWaitingForItsCountryIsCalledAtOnceWhenTheScheduleOpensIt() throws Exception {
		String closed = """
				country: IS
				timeZone: Etc/UTC
				version: 1
				windows:
				  - {days: [MON, TUE, WED, THU, FRI, SAT, SUN], from: "23:00", to: "23:30", team: t-is, skills: {icelandic: 1}}
				closedAction: {type: announce-next-opening, then: callback}
				""";
		TestLines.storeSchedule(this.redis, this.keys, this.holidays, closed);
		Line line = line("route");
		readyAgent(line, "9962");
		AgiTranscript ivr = call(line, "+3545512345", Caller.presses("1"));
		assertThat(ivr.prompts()).contains("custom/en/callback-confirmed");

		// a supervisor opens the line now: the callback need not wait for 23:00
		TestLines.storeSchedule(this.redis, this.keys, this.holidays,
				closed.replace("from: \"23:00\", to: \"23:30\"", "from: \"00:00\", to: \"23:59\""));

		assertThat(originateFor(line.callId, 1).get("Channel")).isEqualTo("PJSIP/9962");
	}

	@Test
	void aWaitingCallerOfferedACallbackLeavesTheirNumberAndKeepsTheirPlace() throws Exception {
		Line line = line("route");

		AgiTranscript ivr = call(line, "+442071234567", Caller.silence());
		assertThat(ivr.variable("SB_NEXT")).isEqualTo("wait");
		FakeChannel caller = this.asterisk.channel(line.channel).orElseThrow();
		// the caller has waited two minutes already
		CallNeeds needs = this.line.find(line.callId).orElseThrow();
		this.line.enqueue(new CallNeeds(needs.callId(), needs.queue(), needs.skills(), needs.alternatives(),
				needs.priority(), needs.arrivedAt().minus(Duration.ofMinutes(2)), needs.quota()));

		AgiTranscript tick = this.asterisk.resume(caller, this.agiPort, "tick")
			.caller(Caller.presses("1").then(Caller.presses("1")))
			.start()
			.awaitEnd(TIMEOUT);

		assertThat(tick.prompts()).contains("queue-holdtime", "custom/en/callback-offer",
				"custom/en/callback-confirmed");
		assertThat(tick.variable("SB_EXPECTED_WAIT")).isEqualTo("180");
		assertThat(tick.variable("SB_NEXT")).isEqualTo("hangup");
		this.asterisk.callerHangsUp(line.channel);
		await().during(Duration.ofMillis(300)).atMost(TIMEOUT).until(() -> this.line.position(line.callId).isPresent());
		assertThat(this.line.position(line.callId)).hasValue(1);
		assertThat(this.calls.callbackNumber(line.callId)).hasValue("+442071234567");
	}

	private void customerDialled(Line line, String agentChannel, String status) {
		FakeChannel agentLeg = FakeChannel.of(agentChannel, agentChannel.substring(6, 10), "Agent");
		this.asterisk.call(this.agiPort, "dial-result")
			.channel(agentLeg.name())
			.context("switchboard-callback")
			.variable("SB_CALL", line.callId)
			.variable("DIALSTATUS", status)
			// as the shipped dialplan passes them
			.args(status, line.callId)
			.start()
			.awaitEnd(TIMEOUT);
	}

	private AmiAction originateFor(String callId, int nth) {
		return await().atMost(TIMEOUT)
			.until(() -> this.asterisk.ami()
				.actions()
				.stream()
				.filter((action) -> action.name().equalsIgnoreCase("Originate")
						&& action.getAll("Variable").contains("SB_CALL=" + callId))
				.skip(nth - 1)
				.findFirst()
				.orElse(null), (found) -> found != null);
	}

	private AgiTranscript call(Line line, String callerId, Caller caller) {
		return this.asterisk.call(this.agiPort, "ivr")
			.callerId(callerId)
			.dnid(line.number)
			.extension(line.number)
			.channel(line.channel)
			.uniqueId(line.callId)
			.caller(caller)
			.start()
			.awaitEnd(TIMEOUT);
	}

	/** A line of its own whose flow asks for a callback, or routes to a skill. */
	private Line line(String node) throws Exception {
		int number = LINES.incrementAndGet();
		String skill = "cb" + number;
		String last = node.equals("callback")
				? "{type: callback, queue: %s, skills: {%s: 1}, prompt: custom/en/callback-intro}".formatted(skill,
						skill)
				: "{type: route, queue: %s, skills: {%s: 1}, priority: 0}".formatted(skill, skill);
		TestLines.installFlow(this.ivr, this.flows, "callback-" + number + ".yml", """
				name: callback-%d
				lines: ["%d"]
				languages: [en]
				start: last
				nodes:
				  last: %s
				""".formatted(number, number, last));
		String id = UUID.randomUUID().toString().substring(0, 8);
		return new Line(String.valueOf(number), skill, "1796" + number + "." + Math.abs(id.hashCode()),
				"PJSIP/carrier-" + id);
	}

	private Agent readyAgent(Line line, String id) {
		Agent agent = new Agent(id, "Agent " + id, "PJSIP/" + id, Map.of(line.skill, 2, "norwegian", 1), Set.of("en"),
				"support");
		this.agents.save(agent);
		// the agent's phone registers, as Switchboard hears from Asterisk
		this.asterisk.phoneRegisters(id, "sip:" + id + "@127.0.0.1:5091");
		await().atMost(Duration.ofSeconds(10)).until(() -> this.agents.status(agent.id()).orElseThrow().reachable());
		this.agents.login(id);
		this.agents.ready(id);
		return agent;
	}

	private AgentState state(Agent agent) {
		return this.agents.status(agent.id()).orElseThrow().state();
	}

	private record Line(String number, String skill, String callId, String channel) {

		Line {
			number = number.toLowerCase(Locale.ROOT);
		}

	}

}
