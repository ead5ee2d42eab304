package org.switchboard.telephony;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import org.switchboard.SwitchboardTest;
import org.switchboard.fakeasterisk.AgiTranscript;
import org.switchboard.fakeasterisk.Caller;
import org.switchboard.fakeasterisk.FakeAgiCall;
import org.switchboard.fakeasterisk.FakeAsterisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The FastAGI server over TCP, driven by the fake Asterisk exactly as Asterisk 20 drives
 * it.
 */
@SwitchboardTest
@ExtendWith(OutputCaptureExtension.class)
class FastAgiServerTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@Autowired
	FakeAsterisk asterisk;

	@Autowired
	FastAgiServer server;

	@Autowired
	MeterRegistry meters;

	@Value("${switchboard.agi.port}")
	int agiPort;

	@Test
	void berlinCallerIsAnsweredHearsTheWelcomePressesOneAndTheScriptSetsSbNext() {
		AgiTranscript call = this.asterisk.call(this.agiPort, "ivr")
			.callerId("+4930123456")
			.dnid("8000")
			.extension("8000")
			.caller(Caller.presses("1").then(Caller.presses("1")))
			.start()
			.awaitEnd(TIMEOUT);

		assertThat(call.commands()).first().isEqualTo("ANSWER");
		assertThat(call.prompts()).first().isEqualTo("custom/choose-language");
		assertThat(call.lines()).contains("<< 200 result=49 endpos=8000");
		assertThat(call.variable("SB_NEXT")).isEqualTo("wait");
		assertThat(call.variable("SB_QUEUE")).isEqualTo("billing");
		assertThat(call.closedByScript()).isTrue();
		// the hand-off's variables in one round trip, none for a variable nothing reads
		assertThat(call.commands()).filteredOn((command) -> command.startsWith("EXEC \"MSet\""))
			.singleElement(InstanceOfAssertFactories.STRING)
			.matches("EXEC \"MSet\" \"SB_LANGUAGE=en,SB_COUNTRY=DE,SB_QUEUE=billing,SB_SKILLS=billing:2,"
					+ "SB_PRIORITY=0,SB_POSITION=[0-9]+,SB_NEXT=wait\"");
		assertThat(call.commands()).noneMatch((command) -> command.startsWith("SET VARIABLE \"SB_"))
			.noneMatch((command) -> command.contains("AJ_AGISTATUS"));
	}

	@Test
	void anAsteriskWithoutMSetGetsEachVariableByItself() {
		AgiTranscript call = this.asterisk.call(this.agiPort, "ivr")
			.callerId("+4930123456")
			.dnid("8000")
			.extension("8000")
			.missingApplications("MSet")
			.caller(Caller.presses("1").then(Caller.presses("1")))
			.start()
			.awaitEnd(TIMEOUT);

		assertThat(call.variable("SB_NEXT")).isEqualTo("wait");
		assertThat(call.variable("SB_QUEUE")).isEqualTo("billing");
		assertThat(call.variable("SB_SKILLS")).isEqualTo("billing:2");
		assertThat(call.commands()).contains("SET VARIABLE \"SB_LANGUAGE\" \"en\"",
				"SET VARIABLE \"SB_SKILLS\" \"billing:2\"", "SET VARIABLE \"SB_NEXT\" \"wait\"");
	}

	@Test
	void callerHangingUpMidScriptEndsTheSessionQuietly(CapturedOutput output) {
		double failedBefore = sessions("ivr", "failed");
		double allBefore = allSessions("ivr");

		AgiTranscript call = this.asterisk.call(this.agiPort, "ivr")
			.callerId("+4930123456")
			.dnid("8000")
			.caller(Caller.presses("1").then(Caller.hangsUp()))
			.start()
			.awaitEnd(TIMEOUT);

		assertThat(call.hungUp()).isTrue();
		assertThat(call.closedByScript()).isTrue();
		// after the hang-up, no channel command was tried: only variables may follow
		int hangup = call.lines().indexOf("<< HANGUP");
		assertThat(call.lines().subList(hangup + 1, call.lines().size())).noneMatch(
				(line) -> line.startsWith(">> STREAM") || line.startsWith(">> GET DATA") || line.startsWith(">> WAIT"));
		await().atMost(TIMEOUT).until(() -> allSessions("ivr") == allBefore + 1);
		assertThat(sessions("ivr", "failed")).isEqualTo(failedBefore);
		assertThat(output.getOut()).doesNotContain("ERROR").doesNotContain("4930123456");
	}

	@Test
	void peerOutsideTheAllowListIsRefusedBeforeAnyCommand(CapturedOutput output) throws Exception {
		double refusedBefore = this.meters.counter("switchboard.agi.refused", "reason", "peer-not-allowed").count();

		AgiTranscript call = this.asterisk.call(this.agiPort, "ivr")
			.localAddress(InetAddress.getByName("127.0.0.2"))
			.callerId("+4930123456")
			.dnid("8000")
			.start()
			.awaitEnd(TIMEOUT);

		assertThat(call.commands()).isEmpty();
		assertThat(this.meters.counter("switchboard.agi.refused", "reason", "peer-not-allowed").count())
			.isEqualTo(refusedBefore + 1);
		assertThat(output.getOut()).contains("Refused FastAGI connection from 127.0.0.2");
	}

	@Test
	void junkOnTheFastAgiPortIsDroppedAndRealCallsGoOnBeingServed() throws Exception {
		for (String junk : new String[] { "GET / HTTP/1.1\r\nHost: x\r\n\r\n", "agi_network: yes\n\u0000\u0001\n\n",
				"\n", "agi_request: agi://127.0.0.1/ivr\n" }) {
			try (java.net.Socket socket = new java.net.Socket("127.0.0.1", this.agiPort)) {
				socket.getOutputStream().write(junk.getBytes(java.nio.charset.StandardCharsets.UTF_8));
				socket.getOutputStream().flush();
			}
		}

		AgiTranscript call = this.asterisk.call(this.agiPort, "ivr")
			.callerId("+4930123456")
			.dnid("8000")
			.caller(Caller.presses("1").then(Caller.presses("1")))
			.start()
			.awaitEnd(TIMEOUT);
		assertThat(call.variable("SB_NEXT")).isIn("wait", "connect");
		await().atMost(TIMEOUT).until(() -> this.server.activeSessions() == 0);
	}

	@Test
	void unknownScriptLeavesSbNextEmptySoTheDialplanFallsBack() {
		AgiTranscript call = this.asterisk.call(this.agiPort, "no-such-script")
			.callerId("+4930123456")
			.dnid("8000")
			.start()
			.awaitEnd(TIMEOUT);

		assertThat(call.variable("SB_NEXT")).isNull();
		assertThat(call.closedByScript()).isTrue();
	}

	@Test
	void twoThousandCallersAreServedAtOnceEachOnItsOwnVirtualThread() {
		int callers = 2_000;
		List<FakeAgiCall> calls = new ArrayList<>();
		try {
			for (int i = 0; i < callers; i++) {
				calls.add(this.asterisk.call(this.agiPort, "ivr")
					.callerId("+4930123456")
					.dnid("8000")
					.uniqueId("1795335526." + (1000 + i))
					.channel("PJSIP/carrier-" + String.format("%08x", 1000 + i))
					.caller(Caller.waits())
					.start());
			}
			// every caller is inside the language menu at the same moment
			await().atMost(Duration.ofSeconds(60)).until(() -> this.server.activeSessions() >= callers);
		}
		finally {
			calls.forEach(FakeAgiCall::hangUpNow);
		}
		for (FakeAgiCall call : calls) {
			assertThat(call.awaitEnd(TIMEOUT).closedByScript()).isTrue();
		}
		await().atMost(TIMEOUT).until(() -> this.server.activeSessions() == 0);
	}

	private double allSessions(String script) {
		return this.meters.find("switchboard.agi.sessions")
			.tags("script", script)
			.timers()
			.stream()
			.mapToLong((timer) -> timer.count())
			.sum();
	}

	private double sessions(String script, String outcome) {
		var timer = this.meters.find("switchboard.agi.sessions").tags("script", script, "outcome", outcome).timer();
		return timer == null ? 0 : timer.count();
	}

}
