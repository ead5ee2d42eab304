package org.switchboard.routing;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;

import org.switchboard.SwitchboardTest;
import org.switchboard.agent.Agent;
import org.switchboard.agent.AgentState;
import org.switchboard.agent.Agents;
import org.switchboard.fakeasterisk.AgiTranscript;
import org.switchboard.fakeasterisk.AmiAction;
import org.switchboard.fakeasterisk.AmiEvents;
import org.switchboard.fakeasterisk.AnsweredDial;
import org.switchboard.fakeasterisk.FakeAgiCall;
import org.switchboard.fakeasterisk.FakeAsterisk;
import org.switchboard.fakeasterisk.FakeChannel;
import org.switchboard.fakeasterisk.FakeDial;
import org.switchboard.fakeasterisk.FakeEndpoint;
import org.switchboard.ivr.FlowRegistry;
import org.switchboard.ivr.IvrSettings;
import org.switchboard.redis.Keys;
import org.switchboard.schedule.Holidays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A routed caller through the fake Asterisk: straight to a free agent, or into the
 * waiting line and moved by AMI Redirect the moment an agent is free; an agent who does
 * not answer; a caller who gives up. Each test has its own line, skill and agents, so
 * they never meet.
 */
@SwitchboardTest
class RoutingEndToEndTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final AtomicInteger LINES = new AtomicInteger(7100);

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
	OverflowSweeper sweeper;

	@Autowired
	Clock clock;

	@Autowired
	Reconciliation reconciliation;

	@Autowired
	Holidays holidays;

	@Autowired
	UnifiedJedis redis;

	@Autowired
	Keys keys;

	@Autowired
	RedisLiveCalls calls;

	@Autowired
	TestRestTemplate http;

	@Value("${switchboard.agi.port}")
	int agiPort;

	@AfterEach
	void noRedirectHook() {
		this.asterisk.onRedirect((channel, context, exten) -> {
		});
	}

	@Test
	void callerIsConnectedAtOnceToTheFreeAgentWhoTalksThenWrapsUp() throws Exception {
		Route route = route();
		Agent agent = readyAgent(route, "9101", 3);

		AgiTranscript ivr = call(route);
		assertThat(ivr.variable("SB_NEXT")).isEqualTo("connect");
		assertThat(this.agents.status(agent.id()).orElseThrow().state()).isEqualTo(AgentState.RESERVED);

		FakeChannel caller = this.asterisk.channel(route.channel).orElseThrow();
		AgiTranscript connect = this.asterisk.resume(caller, this.agiPort, "connect").start().awaitEnd(TIMEOUT);
		assertThat(connect.variable("SB_TARGET")).isEqualTo("PJSIP/9101");
		assertThat(connect.variable("SB_RING_TIMEOUT")).isEqualTo("20");

		FakeDial dial = this.asterisk.dialTarget(caller).answer();
		await().atMost(TIMEOUT).until(() -> state(agent) == AgentState.ON_CALL);
		dial.agentHangsUp();
		await().atMost(TIMEOUT).until(() -> state(agent) == AgentState.WRAP_UP);

		// as the shipped dialplan runs it: the dial's outcome given as the argument
		AgiTranscript result = this.asterisk.resume(caller, this.agiPort, "dial-result")
			.args(dial.status())
			.start()
			.awaitEnd(TIMEOUT);
		assertThat(result.variable("SB_NEXT")).isEqualTo("hangup");
		assertThat(result.commands()).noneMatch((command) -> command.startsWith("GET VARIABLE"));
	}

	@Test
	void everyRoutedCallerIsTimedOnceOnThePrometheusPageUnderTheStepTheyTook() throws Exception {
		Route route = route();
		readyAgent(route, "9121", 3);
		double connected = decisions("connect");
		double waited = decisions("wait");

		assertThat(call(route).variable("SB_NEXT")).isEqualTo("connect");
		assertThat(decisions("connect")).isEqualTo(connected + 1);
		assertThat(decisions("wait")).isEqualTo(waited);

		assertThat(call(route.nextCaller()).variable("SB_NEXT")).isEqualTo("wait");
		assertThat(decisions("connect")).isEqualTo(connected + 1);
		assertThat(decisions("wait")).isEqualTo(waited + 1);
		assertThat(this.http.getForObject("/actuator/prometheus", String.class))
			.contains(
					"switchboard_routing_decision_seconds{application=\"switchboard\",step=\"wait\",quantile=\"0.95\"}")
			.contains("switchboard_routing_decision_seconds_max{application=\"switchboard\",step=\"wait\"}");
	}

	@Test
	void aCallerWhoHangsUpDuringTheConversationStillHasItsDialResultRunOnce() throws Exception {
		Route route = route();
		Agent agent = readyAgent(route, "9111", 3);
		assertThat(call(route).variable("SB_NEXT")).isEqualTo("connect");
		FakeChannel caller = this.asterisk.channel(route.channel).orElseThrow();
		this.asterisk.resume(caller, this.agiPort, "connect").start().awaitEnd(TIMEOUT);
		FakeChannel agentLeg = FakeChannel.of("PJSIP/9111-00000a11", "9111", "Agent").linkedTo(caller);
		AnsweredDial dial = this.asterisk.answeredDial(caller.at("switchboard-connect", "s", 9), agentLeg, Map.of());
		await().atMost(TIMEOUT).until(() -> state(agent) == AgentState.ON_CALL);

		// Dial's g does not go on when the caller hangs up: only the h extension runs
		Optional<FakeAgiCall> h = dial.callingHangsUp(this.agiPort);

		assertThat(h).as("the dialplan's h extension of switchboard-connect runs dial-result").isPresent();
		h.get().awaitEnd(TIMEOUT);
		assertThat(this.calls.handleTime(route.skill)).as("the call counted into its queue's handle time").isPresent();
	}

	@Test
	void waitingCallerIsRedirectedToTheAgentWhoBecomesReady() throws Exception {
		Route route = route();
		Agent agent = agent(route, "9201", 2);
		registered(agent);
		this.agents.login(agent.id());
		CompletableFuture<AgiTranscript> connected = new CompletableFuture<>();
		this.asterisk.onRedirect((channel, context, exten) -> {
			if (context.equals("switchboard-connect")) {
				connected.complete(this.asterisk.resume(channel, this.agiPort, "connect").start().awaitEnd(TIMEOUT));
			}
		});

		AgiTranscript ivr = call(route);
		assertThat(ivr.variable("SB_NEXT")).isEqualTo("wait");
		assertThat(ivr.variable("SB_POSITION")).isEqualTo("1");
		this.asterisk.park(this.asterisk.channel(route.channel).orElseThrow());

		this.agents.ready(agent.id());

		AmiAction redirect = await().atMost(TIMEOUT)
			.until(() -> this.asterisk.ami()
				.actions()
				.stream()
				.filter((action) -> action.name().equalsIgnoreCase("Redirect")
						&& route.channel.equals(action.get("Channel")))
				.findFirst()
				.orElse(null), (found) -> found != null);
		assertThat(redirect.get("Context")).isEqualTo("switchboard-connect");
		assertThat(connected.get().variable("SB_TARGET")).isEqualTo("PJSIP/9201");
		assertThat(this.line.position(route.callId)).isEmpty();
	}

	@Test
	void agentWhoDoesNotAnswerIsPausedAndTheCallGoesBackToTheLine() throws Exception {
		Route route = route();
		Agent agent = readyAgent(route, "9301", 2);

		assertThat(call(route).variable("SB_NEXT")).isEqualTo("connect");
		FakeChannel caller = this.asterisk.channel(route.channel).orElseThrow();
		this.asterisk.resume(caller, this.agiPort, "connect").start().awaitEnd(TIMEOUT);
		// a dialplan that passes no arguments: the script reads DIALSTATUS itself
		AgiTranscript result = this.asterisk.resume(caller, this.agiPort, "dial-result")
			.variable("DIALSTATUS", "NOANSWER")
			.start()
			.awaitEnd(TIMEOUT);

		assertThat(result.variable("SB_NEXT")).isEqualTo("wait");
		assertThat(this.agents.status(agent.id()).orElseThrow()).satisfies((status) -> {
			assertThat(status.state()).isEqualTo(AgentState.NOT_READY);
			assertThat(status.reason()).isEqualTo("ring-no-answer");
		});
		assertThat(this.line.position(route.callId)).hasValue(1);
	}

	@Test
	void callerWhoHangsUpWhileWaitingLeavesTheLine() throws Exception {
		Route route = route();

		assertThat(call(route).variable("SB_NEXT")).isEqualTo("wait");
		assertThat(this.line.position(route.callId)).hasValue(1);
		FakeChannel caller = this.asterisk.channel(route.channel).orElseThrow();
		this.asterisk.park(caller);

		this.asterisk.callerHangsUp(route.channel);

		await().atMost(TIMEOUT).until(() -> this.line.position(route.callId).isEmpty());
		assertThat(this.line.size(route.skill)).isZero();
	}

	@Test
	void whatHappenedWhileTheAmiLinkWasDownIsHealedOnReconnect() throws Exception {
		Route talking = route();
		Agent agent = readyAgent(talking, "9501", 2);
		assertThat(call(talking).variable("SB_NEXT")).isEqualTo("connect");
		FakeChannel caller = this.asterisk.channel(talking.channel).orElseThrow();
		this.asterisk.resume(caller, this.agiPort, "connect").start().awaitEnd(TIMEOUT);
		this.asterisk.dialTarget(caller).answer();
		await().atMost(TIMEOUT).until(() -> state(agent) == AgentState.ON_CALL);
		Route waiting = route();
		assertThat(call(waiting).variable("SB_NEXT")).isEqualTo("wait");
		this.asterisk.park(this.asterisk.channel(waiting.channel).orElseThrow());

		// both calls end while Switchboard cannot hear it
		this.asterisk.ami().stop();
		this.asterisk.callerHangsUp(waiting.channel);
		this.asterisk.callerHangsUp(talking.channel);
		this.asterisk.ami().restart();

		await().atMost(TIMEOUT).until(() -> state(agent) == AgentState.WRAP_UP);
		await().atMost(TIMEOUT).until(() -> this.line.position(waiting.callId).isEmpty());
	}

	@Test
	void aCountryAtItsQuotaHoldsItsNextCallerWithAnAgentFreeUntilItsFirstCallerHangsUp() throws Exception {
		// New Zealand: open all day, at most one call with an agent at once
		schedule("NZ", "quota: {maxConcurrent: 1}", "kiwi: 1", "");
		Route route = route();
		Agent first = readyAgent(route, "9601", 2, Map.of("kiwi", 3));
		Agent second = readyAgent(route, "9602", 2, Map.of("kiwi", 3));
		this.asterisk.onRedirect(this::connectOnRedirect);

		assertThat(call(route, "+6493001234").variable("SB_NEXT")).isEqualTo("connect");
		Route next = route.nextCaller();
		AgiTranscript waiting = call(next, "+6493005678");

		assertThat(waiting.variable("SB_NEXT")).isEqualTo("wait");
		assertThat(state(second)).isEqualTo(AgentState.READY);
		this.asterisk.park(this.asterisk.channel(next.channel).orElseThrow());

		this.asterisk.callerHangsUp(route.channel);

		await().atMost(TIMEOUT).until(() -> redirected(next.channel));
		// the first agent, freed by the hang-up, may be the one who takes it
		assertThat(Set.of(first, second)).anySatisfy(
				(agent) -> assertThat(this.agents.status(agent.id()).orElseThrow().callId()).isEqualTo(next.callId));
	}

	@Test
	void followTheSunHandsAWaitingCallToTheOtherCountrysTeamOnceItsOverflowStepIsDue() throws Exception {
		// Japan's own team is not in; after 30 s Australia's open team may take its calls
		schedule("AU", "", "english: 2", "");
		schedule("JP", "", "japanese: 2", "overflow: [{after: 30s, country: AU}]");
		Route route = route();
		Agent sydney = readyAgent(route, "9701", 2, Map.of("english", 3));
		this.asterisk.onRedirect(this::connectOnRedirect);

		AgiTranscript ivr = call(route, "+81312345678");
		assertThat(ivr.variable("SB_NEXT")).isEqualTo("wait");
		this.asterisk.park(this.asterisk.channel(route.channel).orElseThrow());
		assertThat(state(sydney)).isEqualTo(AgentState.READY);

		this.sweeper.widen(route.callId, this.clock.instant().plusSeconds(31));

		await().atMost(TIMEOUT).until(() -> redirected(route.channel));
		assertThat(this.agents.status(sydney.id()).orElseThrow().callId()).isEqualTo(route.callId);
	}

	@Test
	void theOpenWindowsSkillsAreNeededOnTopOfTheIvrs() throws Exception {
		schedule("KR", "", "korean: 3", "");
		Route route = route();
		readyAgent(route, "9801", 5, Map.of("korean", 2));
		Agent speaker = readyAgent(route, "9802", 2, Map.of("korean", 4));

		assertThat(call(route, "+82221234567").variable("SB_NEXT")).isEqualTo("connect");
		assertThat(state(speaker)).isEqualTo(AgentState.RESERVED);
	}

	@Test
	void anAgentWhoDialsAFeatureCodeFromASecondLineStaysOnTheCallAndGetsNoSecondCall() throws Exception {
		Route route = route();
		Agent agent = readyAgent(route, "9631", 2);
		assertThat(call(route).variable("SB_NEXT")).isEqualTo("connect");
		FakeChannel caller = this.asterisk.channel(route.channel).orElseThrow();
		this.asterisk.resume(caller, this.agiPort, "connect").start().awaitEnd(TIMEOUT);
		FakeDial dial = this.asterisk.dialTarget(caller).answer();
		await().atMost(TIMEOUT).until(() -> state(agent) == AgentState.ON_CALL);

		// *50 from the phone's second line: a channel of its own in switchboard-agents,
		// which hangs up (cause 16) after the confirmation while the first call goes on
		AgiTranscript featureCode = this.asterisk.phoneDials("9631", "*50", this.agiPort).awaitEnd(TIMEOUT);
		assertThat(featureCode.variable("SB_NEXT")).as("accepted: ready after this call").isEqualTo("hangup");
		await().during(Duration.ofMillis(500)).atMost(TIMEOUT).until(() -> state(agent) == AgentState.ON_CALL);

		Route second = route.nextCaller();
		assertThat(call(second).variable("SB_NEXT")).as("no second call while on the first").isEqualTo("wait");

		dial.agentHangsUp();
		await().atMost(TIMEOUT).until(() -> state(agent) == AgentState.WRAP_UP);
	}

	@Test
	void anInternalCallFromAnAgentsSecondLineChangesNeitherTheAgentNorTheColleagueTheyCall() throws Exception {
		Route route = route();
		Agent agent = readyAgent(route, "9641", 2);
		Agent colleague = new Agent("1641", "Agent 1641", "PJSIP/1641", Map.of("elsewhere", 2), Set.of("en"),
				"support");
		this.agents.save(colleague);
		registered(colleague);
		this.agents.login(colleague.id());
		this.agents.ready(colleague.id());
		assertThat(call(route).variable("SB_NEXT")).isEqualTo("connect");
		FakeChannel caller = this.asterisk.channel(route.channel).orElseThrow();
		this.asterisk.resume(caller, this.agiPort, "connect").start().awaitEnd(TIMEOUT);
		FakeDial dial = this.asterisk.dialTarget(caller).answer();
		await().atMost(TIMEOUT).until(() -> state(agent) == AgentState.ON_CALL);

		// 1641 from the phone's second line, answered by the colleague, who hangs up
		FakeDial internal = this.asterisk.phoneCalls("9641", "1641").answer();
		await().during(Duration.ofMillis(300)).atMost(TIMEOUT).until(() -> state(colleague) == AgentState.READY);
		internal.agentHangsUp();

		await().during(Duration.ofMillis(500))
			.atMost(TIMEOUT)
			.until(() -> state(agent) == AgentState.ON_CALL && state(colleague) == AgentState.READY);
		dial.agentHangsUp();
		await().atMost(TIMEOUT).until(() -> state(agent) == AgentState.WRAP_UP);
	}

	@Test
	void aDialThatFindsNoReachablePhoneMarksItUnreachableAndTheCallerGoesBackFirst() throws Exception {
		Route route = route();
		Agent agent = readyAgent(route, "9731", 2);
		assertThat(call(route).variable("SB_NEXT")).isEqualTo("connect");
		FakeChannel caller = this.asterisk.channel(route.channel).orElseThrow();
		this.asterisk.resume(caller, this.agiPort, "connect").start().awaitEnd(TIMEOUT);
		// the phone went away while its events were lost: Asterisk knows, Switchboard not
		this.asterisk.ami().endpoint(FakeEndpoint.unregistered("9731"));

		FakeDial dial = this.asterisk.dialTarget(caller);
		assertThat(dial.status()).isEqualTo("CHANUNAVAIL");
		assertThat(dial.agentLeg()).isEmpty();
		AgiTranscript result = this.asterisk.resume(caller, this.agiPort, "dial-result")
			.args(dial.status())
			.start()
			.awaitEnd(TIMEOUT);

		assertThat(result.variable("SB_NEXT")).isEqualTo("wait");
		assertThat(this.agents.status(agent.id()).orElseThrow()).satisfies((status) -> {
			assertThat(status.reachable()).isFalse();
			assertThat(status.state()).isEqualTo(AgentState.READY);
			assertThat(status.misses()).isZero();
		});
		assertThat(this.line.position(route.callId)).hasValue(1);
	}

	@Test
	void aNewAgentWhosePhoneRegisteredBeforeIsReachableAtOnce() throws Exception {
		Route route = route();
		// registered before Switchboard knew the agent: no event will come for it
		this.asterisk.ami().endpoint(FakeEndpoint.registered("9861", "sip:9861@127.0.0.1:5091"));

		Agent agent = agent(route, "9861", 2);

		assertThat(this.agents.status(agent.id()).orElseThrow().reachable()).isTrue();
		this.agents.login(agent.id());
		this.agents.ready(agent.id());
		assertThat(call(route).variable("SB_NEXT")).isEqualTo("connect");
		assertThat(state(agent)).isEqualTo(AgentState.RESERVED);
	}

	@Test
	void aNewAgentWhosePhoneHasNotRegisteredGetsNoCallUntilItsContactIsReachable() throws Exception {
		Route route = route();
		Agent agent = agent(route, "9831", 2);
		this.agents.login(agent.id());
		this.agents.ready(agent.id());
		assertThat(this.agents.status(agent.id()).orElseThrow().reachable()).isFalse();
		this.asterisk.onRedirect(this::connectOnRedirect);

		assertThat(call(route).variable("SB_NEXT")).isEqualTo("wait");
		this.asterisk.park(this.asterisk.channel(route.channel).orElseThrow());

		this.asterisk.phoneRegisters("9831", "sip:9831@127.0.0.1:5091");
		await().atMost(TIMEOUT).until(() -> redirected(route.channel));
		assertThat(this.agents.status(agent.id()).orElseThrow().reachable()).isTrue();
	}

	@Test
	void thePeriodicReconciliationCorrectsAStaleReachablePhone() throws Exception {
		Route route = route();
		Agent agent = readyAgent(route, "9931", 2);
		// the phone went away while its events were lost
		this.asterisk.ami().endpoint(FakeEndpoint.unregistered("9931"));

		this.reconciliation.periodically();

		await().atMost(TIMEOUT).until(() -> !this.agents.status(agent.id()).orElseThrow().reachable());
		assertThat(call(route).variable("SB_NEXT")).isEqualTo("wait");
	}

	/**
	 * Stores a schedule open every day 06:00-22:00 UTC (the test clock starts at 10:00 on
	 * a Monday) with these skills and extra fields.
	 */
	private void schedule(String country, String quota, String skills, String overflow) {
		TestLines.storeSchedule(this.redis, this.keys, this.holidays, """
				country: %s
				timeZone: Etc/UTC
				version: 1
				windows:
				  - {days: [MON, TUE, WED, THU, FRI, SAT, SUN], from: "06:00", to: "22:00", team: t-%s, skills: {%s}}
				%s
				%s
				closedAction: {type: announce-next-opening, then: hangup}
				""".formatted(country, country.toLowerCase(java.util.Locale.ROOT), skills, quota, overflow));
	}

	/** How many routing decisions the Prometheus page counts under this step so far. */
	private double decisions(String step) {
		String count = "switchboard_routing_decision_seconds_count{application=\"switchboard\",step=\"" + step + "\"} ";
		return this.http.getForObject("/actuator/prometheus", String.class)
			.lines()
			.filter((line) -> line.startsWith(count))
			.mapToDouble((line) -> Double.parseDouble(line.substring(count.length())))
			.sum();
	}

	private void connectOnRedirect(FakeChannel channel, String context, String exten) {
		if (context.equals("switchboard-connect")) {
			this.asterisk.resume(channel, this.agiPort, "connect").start();
		}
	}

	private boolean redirected(String channel) {
		return this.asterisk.ami()
			.actions()
			.stream()
			.anyMatch((action) -> action.name().equalsIgnoreCase("Redirect") && channel.equals(action.get("Channel"))
					&& "switchboard-connect".equals(action.get("Context")));
	}

	/** A line of its own with a flow that routes straight to a skill of its own. */
	private Route route() throws Exception {
		int number = LINES.incrementAndGet();
		String skill = "rt" + number;
		TestLines.installFlow(this.ivr, this.flows, "route-" + number + ".yml", """
				name: route-%d
				lines: ["%d"]
				languages: [en]
				start: hold
				nodes:
				  hold: {type: play, prompts: [custom/en/please-hold], next: agent}
				  agent: {type: route, skills: {%s: 2}, queue: %s, priority: 0}
				""".formatted(number, number, skill, skill));
		String id = UUID.randomUUID().toString().substring(0, 8);
		return new Route(String.valueOf(number), skill, "1795" + number + "." + id.hashCode(), "PJSIP/carrier-" + id);
	}

	private AgiTranscript call(Route route) {
		// a country with no schedule: these tests are about the line, not opening hours
		return call(route, "+442071234567");
	}

	private AgiTranscript call(Route route, String callerId) {
		return this.asterisk.call(this.agiPort, "ivr")
			.callerId(callerId)
			.dnid(route.line)
			.extension(route.line)
			.channel(route.channel)
			.uniqueId(route.callId)
			.start()
			.awaitEnd(TIMEOUT);
	}

	private Agent readyAgent(Route route, String id, int level) {
		return readyAgent(route, id, level, Map.of());
	}

	private Agent readyAgent(Route route, String id, int level, Map<String, Integer> more) {
		Map<String, Integer> skills = new java.util.HashMap<>(more);
		skills.put(route.skill, level);
		Agent agent = new Agent(id, "Agent " + id, "PJSIP/" + id, skills, Set.of("en"), "support");
		this.agents.save(agent);
		registered(agent);
		this.agents.login(agent.id());
		this.agents.ready(agent.id());
		return agent;
	}

	/** An agent whose phone has not registered yet. */
	private Agent agent(Route route, String id, int level) {
		Agent agent = new Agent(id, "Agent " + id, "PJSIP/" + id, Map.of(route.skill, level), Set.of("en"), "support");
		this.agents.save(agent);
		return agent;
	}

	/** The agent's phone registers, and Switchboard has heard it. */
	private void registered(Agent agent) {
		this.asterisk.phoneRegisters(agent.id(), "sip:" + agent.id() + "@127.0.0.1:5091");
		await().atMost(TIMEOUT).until(() -> this.agents.status(agent.id()).orElseThrow().reachable());
	}

	private AgentState state(Agent agent) {
		return this.agents.status(agent.id()).orElseThrow().state();
	}

	private record Route(String line, String skill, String callId, String channel) {

		/** Another caller on the same line. */
		Route nextCaller() {
			String id = UUID.randomUUID().toString().substring(0, 8);
			return new Route(this.line, this.skill, "1795" + this.line + "." + id.hashCode(), "PJSIP/carrier-" + id);
		}

	}

}
