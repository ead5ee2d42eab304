package org.switchboard.ivr.simulate;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;

import org.switchboard.PublishedEvents;
import org.switchboard.SwitchboardTest;
import org.switchboard.TestUsers;
import org.switchboard.agent.AgentState;
import org.switchboard.agent.Agents;
import org.switchboard.fakeasterisk.AmiEvents;
import org.switchboard.fakeasterisk.FakeAsterisk;
import org.switchboard.fakeasterisk.FakeChannel;
import org.switchboard.call.CallEvent.IvrFinished;
import org.switchboard.ivr.TestCallWitness;
import org.switchboard.routing.WaitingLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code simulate} against a running Switchboard, run as the command runs: a test call
 * leaves no trace, {@code --live} is a real call, and a call that cannot be made says why
 * with its own exit code.
 */
@SwitchboardTest
class SimulateCommandTest {

	private static final String AGENT = "7701";

	private static final Instant NOW = SwitchboardTest.OFFICE_HOURS.instant();

	private static final Pattern CALL_ID = Pattern.compile("call (simulate\\.\\d+):");

	@Autowired
	FakeAsterisk asterisk;

	@Autowired
	Agents agents;

	@Autowired
	PublishedEvents events;

	@Autowired
	WaitingLine line;

	@Autowired
	MeterRegistry meters;

	@Autowired
	TestRestTemplate http;

	@Value("${switchboard.agi.port}")
	int agiPort;

	TestCallWitness witness;

	@BeforeEach
	void anIdleGermanSupportAgent() {
		this.witness = new TestCallWitness(this.events, this.line, this.agents, this.meters);
		this.witness.readyGermanSupportAgent(this.asterisk, AGENT);
		this.events.clear();
	}

	@AfterEach
	void agentLeaves() {
		this.agents.delete(AGENT);
	}

	@Test
	void testCallNamesTheAgentItWouldGetAndLeavesThemReadyWithNoRecordNoQueueEntryAndNoCount() {
		String kpis = kpis();
		double counted = this.witness.counted();

		Run run = simulate("--from", "+4930123456", "--to", "8000", "--digits", "2,2");

		assertThat(run.exit()).as(run.printed()).isEqualTo(SimulateCommand.DECIDED);
		assertThat(run.printed()).contains("test call simulate.")
			.contains("reserves no agent, joins no waiting line, leaves no record")
			.contains("prompt custom/choose-language (every language)")
			.contains("caller presses 2")
			.contains("prompt main-menu (de): custom/de/main-menu")
			.contains("decision: connect: agent " + AGENT + " would take the call now (a test call reserves nobody)")
			.contains("trace: window")
			.contains("SB_NEXT=connect")
			.contains("SB_QUEUE=support");
		this.witness.assertUntouched(AGENT);
		this.witness.assertNoTraceOf(run.callId());
		assertThat(this.witness.counted()).isEqualTo(counted);
		assertThat(kpis()).isEqualTo(kpis);
	}

	@Test
	void testCallAtAMomentTheLineIsClosedHearsItIsClosedAndLeavesAMessage() {
		Run run = simulate("--from", "+4930123456", "--to", "8000", "--digits", "2,1", "--at",
				"2026-12-24T17:30+01:00");

		assertThat(run.exit()).as(run.printed()).isEqualTo(SimulateCommand.DECIDED);
		assertThat(run.printed()).contains("at 2026-12-24T17:30+01:00")
			.contains("prompt closed-message (de): custom/de/closed")
			.contains("prompt closed-menu (de)")
			.contains("decision: voicemail: a message in mailbox 1000")
			.contains("SB_NEXT=voicemail");
		this.witness.assertNoTraceOf(run.callId());
	}

	@Test
	void liveCallIsRoutedForRealAndReservesTheAgent() {
		Run run = simulate("--live", "--from", "+4930123456", "--to", "8000", "--digits", "2,2");

		assertThat(run.exit()).as(run.printed()).isEqualTo(SimulateCommand.DECIDED);
		assertThat(run.printed()).contains("live call simulate.")
			.contains("a real call: it may reserve an agent")
			.contains("prompt: custom/de/main-menu")
			.contains("SB_NEXT=connect");
		try {
			assertThat(this.agents.status(AGENT).orElseThrow().state()).isEqualTo(AgentState.RESERVED);
			assertThat(this.agents.status(AGENT).orElseThrow().callId()).isEqualTo(run.callId());
			this.events.await(IvrFinished.class, (completed) -> completed.callId().equals(run.callId()),
					Duration.ofSeconds(5));
		}
		finally {
			// the simulated caller hangs up, so the agent is freed as after any call
			this.asterisk.ami()
				.push(AmiEvents.hangup(new FakeChannel("PJSIP/simulator-00000001", run.callId(), run.callId(),
						"+4930123456", "Simulated Caller", "<unknown>", "<unknown>", "switchboard-inbound", "8000", 2,
						FakeChannel.State.UP), 16));
			await().atMost(Duration.ofSeconds(10))
				.until(() -> this.agents.status(AGENT).orElseThrow().state() != AgentState.RESERVED);
		}
	}

	@Test
	void saysItCannotReachSwitchboardNamingHostAndPort() {
		int nobody = SwitchboardTest.Initializer.freePort();

		Run run = simulate("--from", "+4930123456", "--to", "8000", "--port", String.valueOf(nobody), "--timeout",
				"2s");

		assertThat(run.exit()).isEqualTo(SimulateCommand.UNREACHABLE);
		assertThat(run.printed()).contains("cannot reach Switchboard at 127.0.0.1:" + nobody)
			.doesNotContain("decision:");
	}

	@Test
	void saysNoFlowAnswersTheLineNamingIt() {
		Run run = simulate("--from", "+4930123456", "--to", "9999");

		assertThat(run.exit()).isEqualTo(SimulateCommand.NO_FLOW);
		assertThat(run.printed()).contains("no flow answers line 9999").doesNotContain("decision:");
		this.witness.assertNoTraceOf(run.callId());
	}

	@Test
	void liveCallToALineNoFlowAnswersSaysSoToo() {
		Run run = simulate("--live", "--from", "+4930123456", "--to", "9999");

		assertThat(run.exit()).isEqualTo(SimulateCommand.NO_FLOW);
		assertThat(run.printed()).contains("no flow answers line 9999");
	}

	@Test
	void wrongCommandLinesAreRefusedWithTheUsage() {
		assertThat(simulate("--from", "+4930123456", "--to", "8000", "--colour", "red").printed())
			.contains("unknown option: --colour")
			.contains("usage: simulate");
		assertThat(simulate("--from", "+4930123456", "--to", "8000", "--at", "tomorrow").printed())
			.contains("--at is not a date-time with an offset: 'tomorrow'");
		assertThat(simulate("--from", "+4930123456", "--to", "8000", "--script", "tick").printed())
			.contains("--script tick needs --live");
		assertThat(simulate("--from", "+4930123456", "--to", "8000", "--script", "tick").exit())
			.isEqualTo(SimulateCommand.USAGE_ERROR);
	}

	private Run simulate(String... args) {
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		String[] withPort = args;
		if (!String.join(" ", args).contains("--port")) {
			withPort = java.util.stream.Stream
				.concat(java.util.Arrays.stream(args),
						java.util.stream.Stream.of("--port", String.valueOf(this.agiPort)))
				.toArray(String[]::new);
		}
		int exit = SimulateCommand.run(withPort, new PrintStream(printed, true, StandardCharsets.UTF_8));
		return new Run(exit, printed.toString(StandardCharsets.UTF_8));
	}

	/** The KPIs of the hour before and after the start of this test class. */
	private String kpis() {
		return TestUsers.admin(this.http)
			.getForObject("/api/kpis?from=" + NOW.minusSeconds(3600) + "&to=" + NOW.plusSeconds(3600), String.class);
	}

	/** What the command answered and printed. */
	record Run(int exit, String printed) {

		String callId() {
			Matcher id = CALL_ID.matcher(this.printed);
			assertThat(id.find()).as(this.printed).isTrue();
			return id.group(1);
		}

	}

}
