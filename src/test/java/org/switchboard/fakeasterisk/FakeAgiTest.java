package org.switchboard.fakeasterisk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs raw FastAGI scripts against the fake and checks every byte against the Asterisk 20
 * capture.
 */
class FakeAgiTest {

	private static final Duration WAIT = Duration.ofSeconds(5);

	private ServerSocket server;

	@BeforeEach
	void listen() throws IOException {
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.server.setSoTimeout(5000);
	}

	@AfterEach
	void close() throws IOException {
		this.server.close();
	}

	@Test
	void sendsTheEnvironmentBlockInAsteriskOrder() throws IOException {
		FakeAgiCall call = dial().callerId("+4930123456")
			.callerIdName("Lab Caller")
			.dnid("8000")
			.extension("8000")
			.context("switchboard-inbound")
			.language("en")
			.channel("PJSIP/carrier-00000001")
			.uniqueId("1795335526.0")
			.priority(2)
			.args("ready", "second")
			.start();
		try (Script script = accept()) {
			assertThat(script.env()).containsExactly("agi_network: yes", "agi_network_script: ivr",
					"agi_request: agi://127.0.0.1:" + port() + "/ivr", "agi_channel: PJSIP/carrier-00000001",
					"agi_language: en", "agi_type: PJSIP", "agi_uniqueid: 1795335526.0", "agi_version: 20.20.1",
					"agi_callerid: +4930123456", "agi_calleridname: Lab Caller", "agi_callingpres: 0",
					"agi_callingani2: 0", "agi_callington: 0", "agi_callingtns: 0", "agi_dnid: 8000",
					"agi_rdnis: unknown", "agi_context: switchboard-inbound", "agi_extension: 8000", "agi_priority: 2",
					"agi_enhanced: 0.0", "agi_accountcode: ", "agi_threadid: " + (140133993305792L + port()),
					"agi_arg_1: ready", "agi_arg_2: second");
		}
		assertThat(call.awaitEnd(WAIT).closedByScript()).isTrue();
	}

	@Test
	void missingSoundFailsItsCommandWithoutAHangUpAndTheSessionEndsAsFailure() throws IOException {
		FakeAgiCall call = dial().missingSounds("custom/de/main-menu").caller(Caller.presses("12")).start();
		try (Script script = accept()) {
			script.env();
			assertThat(script.send("STREAM FILE custom/de/main-menu \"123\"")).isEqualTo("200 result=-1 endpos=0");
			assertThat(script.send("CHANNEL STATUS")).isEqualTo("200 result=6");
			assertThat(script.send("GET DATA custom/de/main-menu 100 2")).isEqualTo("200 result=-1");
			assertThat(script.send("GET DATA \"\" 100 2")).isEqualTo("200 result=12");
		}
		AgiTranscript transcript = call.awaitEnd(WAIT);
		assertThat(transcript.hungUp()).isFalse();
		assertThat(transcript.lines().subList(0, 8)).doesNotContain("<< HANGUP");
		assertThat(transcript.agiStatus()).isEqualTo("FAILURE");
	}

	@Test
	void callerBargesInOnlyWithAnEscapeDigit() throws IOException {
		FakeAgiCall call = dial().caller(Caller.presses("1").then(Caller.presses("5"))).start();
		try (Script script = accept()) {
			script.env();
			assertThat(script.send("STREAM FILE welcome \"123\"")).isEqualTo("200 result=49 endpos=8000");
			assertThat(script.send("STREAM FILE menu \"123\"")).isEqualTo("200 result=0 endpos=16000");
			assertThat(script.send("WAIT FOR DIGIT 100")).isEqualTo("200 result=53");
			assertThat(script.send("WAIT FOR DIGIT 100")).isEqualTo("200 result=0");
		}
		assertThat(call.awaitEnd(WAIT).prompts()).containsExactly("welcome", "menu");
	}

	@Test
	void getDataReturnsTheDigitsThemselvesAndSaysWhenItTimedOut() throws IOException {
		FakeAgiCall call = dial()
			.caller(Caller.presses("12#").then(Caller.presses("7")).then(Caller.silence()).then(Caller.presses("345")))
			.start();
		try (Script script = accept()) {
			script.env();
			assertThat(script.send("GET DATA menu 3000 4")).isEqualTo("200 result=12");
			assertThat(script.send("GET DATA menu 3000 4")).isEqualTo("200 result=7 (timeout)");
			assertThat(script.send("GET DATA menu 3000 4")).isEqualTo("200 result= (timeout)");
			assertThat(script.send("GET DATA menu 3000 2")).isEqualTo("200 result=34");
			assertThat(script.send("GET DATA menu 3000 1")).isEqualTo("200 result=5");
			assertThat(script.send("GET DATA menu 3000 1")).isEqualTo("200 result= (timeout)");
		}
		assertThat(call.awaitEnd(WAIT).hungUp()).isFalse();
	}

	@Test
	void hangUpDuringGetDataGivesItsResultThenASeparateHangupAndADeadChannel() throws IOException {
		FakeAgiCall call = dial().caller(Caller.hangsUp()).start();
		try (Script script = accept()) {
			script.env();
			assertThat(script.send("VERBOSE \"before blocking command\" 1")).isEqualTo("200 result=1");
			long sent = System.nanoTime();
			assertThat(script.send("GET DATA demo-congrats 10000 4")).isEqualTo("200 result=-1");
			boolean hangupAlreadyThere = script.pending();
			if (System.nanoTime() - sent < TimeUnit.MILLISECONDS.toNanos(40)) {
				assertThat(hangupAlreadyThere).as("HANGUP comes as a later, separate write").isFalse();
			}
			assertThat(script.line()).isEqualTo("HANGUP");
			assertThat(script.send("GET VARIABLE CHANNEL(state)")).isEqualTo("200 result=1 (Up)");
			assertThat(script.send("STREAM FILE beep \"\""))
				.isEqualTo("511 Command Not Permitted on a dead channel or intercept routine");
			assertThat(script.send("GET DATA beep 1000 1"))
				.isEqualTo("511 Command Not Permitted on a dead channel or intercept routine");
			assertThat(script.send("SET VARIABLE AFTER_HANGUP yes")).isEqualTo("200 result=1");
			assertThat(script.send("EXEC Playback beep")).isEqualTo("200 result=0");
			script.halfClose();
			assertThat(script.line()).isEqualTo("HANGUP");
			assertThat(script.line()).as("Asterisk closes after the final HANGUP").isNull();
		}
		AgiTranscript transcript = call.awaitEnd(WAIT);
		assertThat(transcript.hungUp()).isTrue();
		assertThat(transcript.closedByScript()).isTrue();
		assertThat(transcript.variable("AFTER_HANGUP")).isEqualTo("yes");
		assertThat(transcript.lines()).containsSubsequence(">> GET DATA demo-congrats 10000 4", "<< 200 result=-1",
				"<< HANGUP", ">> GET VARIABLE CHANNEL(state)", "<< 200 result=1 (Up)");
	}

	@Test
	void hangUpDuringStreamFileAddsTheEndPosition() throws IOException {
		FakeAgiCall call = dial().caller(Caller.hangsUp()).start();
		try (Script script = accept()) {
			script.env();
			assertThat(script.send("STREAM FILE demo-instruct \"123\"")).isEqualTo("200 result=-1 endpos=8000");
			assertThat(script.line()).isEqualTo("HANGUP");
		}
		assertThat(call.awaitEnd(WAIT).hungUp()).isTrue();
	}

	@Test
	void callerWhoHangsUpWhileTheScriptIsIdleSendsHangupAtOnce() throws IOException {
		FakeAgiCall call = dial().caller(Caller.hangsUpAfter(1)).start();
		try (Script script = accept()) {
			script.env();
			assertThat(script.send("VERBOSE \"now idle\" 1")).isEqualTo("200 result=1");
			assertThat(script.line()).isEqualTo("HANGUP");
			assertThat(script.send("GET DATA beep 1000 1"))
				.isEqualTo("511 Command Not Permitted on a dead channel or intercept routine");
		}
		assertThat(call.awaitEnd(WAIT).hungUp()).isTrue();
	}

	@Test
	void hangUpNowEndsACommandTheCallerKeepsWaitingIn() throws IOException {
		FakeAgiCall call = dial().caller(Caller.waits()).start();
		try (Script script = accept()) {
			script.env();
			script.write("GET DATA menu 10000 4");
			call.awaitCommand("GET DATA", WAIT);
			call.hangUpNow();
			assertThat(script.line()).isEqualTo("200 result=-1");
			assertThat(script.line()).isEqualTo("HANGUP");
		}
		assertThat(call.awaitEnd(WAIT).hungUp()).isTrue();
	}

	@Test
	void keysPressedWhileWaitingEndTheCommand() throws IOException {
		FakeAgiCall call = dial().caller(Caller.waits()).start();
		try (Script script = accept()) {
			script.env();
			script.write("GET DATA menu 10000 2");
			call.awaitCommand("GET DATA", WAIT);
			call.press("42");
			assertThat(script.line()).isEqualTo("200 result=42");
		}
		call.awaitEnd(WAIT);
	}

	@Test
	void answersOtherCommandsAsResAgiDoes() throws IOException {
		FakeAgiCall call = dial().context("switchboard-inbound")
			.extension("8000")
			.priority(3)
			.variable("SB_CALL_ID", "x-1")
			.start();
		try (Script script = accept()) {
			script.env();
			assertThat(script.send("ANSWER")).isEqualTo("200 result=0");
			assertThat(script.send("CHANNEL STATUS")).isEqualTo("200 result=6");
			assertThat(script.send("NOOP")).isEqualTo("200 result=0");
			assertThat(script.send("GET VARIABLE NOTSET")).isEqualTo("200 result=0");
			assertThat(script.send("GET VARIABLE SB_CALL_ID")).isEqualTo("200 result=1 (x-1)");
			assertThat(script.send("SET VARIABLE EMPTY \"\"")).isEqualTo("200 result=1");
			assertThat(script.send("GET VARIABLE EMPTY")).isEqualTo("200 result=1 ()");
			assertThat(script.send("SET VARIABLE QUOTED \"say \\\"hi\\\" (now)\"")).isEqualTo("200 result=1");
			assertThat(script.send("GET VARIABLE QUOTED")).isEqualTo("200 result=1 (say \"hi\" (now))");
			assertThat(script.send("SET VARIABLE BACKSLASH \"a\\\\b\"")).isEqualTo("200 result=1");
			assertThat(script.send("GET VARIABLE BACKSLASH")).isEqualTo("200 result=1 (a\\b)");
			assertThat(script.send("GET FULL VARIABLE \"${SB_CALL_ID}|${CONTEXT}|${EXTEN}|${PRIORITY}|${NOTSET}\""))
				.isEqualTo("200 result=1 (x-1|switchboard-inbound|8000|3|)");
			assertThat(script.send("SET VARIABLE UNQUOTED hello world"))
				.isEqualTo("520-Invalid command syntax.  Proper usage follows:");
			assertThat(script.line()).isEqualTo("Sets a variable to the current channel.");
			assertThat(script.line()).isEqualTo("520 End of proper usage.");
			assertThat(script.send("EXEC Set \"EXECVAR=a b,c\"")).isEqualTo("200 result=0");
			assertThat(script.send("GET VARIABLE EXECVAR")).isEqualTo("200 result=1 (a b,c)");
			assertThat(script.send("EXEC MSet \"ONE=1,TWO=a=b,NOPAIR\"")).isEqualTo("200 result=0");
			assertThat(script.send("GET VARIABLE ONE")).isEqualTo("200 result=1 (1)");
			assertThat(script.send("GET VARIABLE TWO")).isEqualTo("200 result=1 (a=b)");
			assertThat(script.send("GET VARIABLE NOPAIR")).isEqualTo("200 result=0");
			assertThat(script.send("EXEC NoSuchApp foo")).isEqualTo("200 result=-2");
			assertThat(script.send("FOO BAR")).isEqualTo("510 Invalid or unknown command");
			assertThat(script.send("")).isEqualTo("510 Invalid or unknown command");
			assertThat(script.send("HANGUP")).isEqualTo("200 result=1");
			assertThat(script.line()).isEqualTo("HANGUP");
			assertThat(script.send("ANSWER"))
				.isEqualTo("511 Command Not Permitted on a dead channel or intercept routine");
		}
		AgiTranscript transcript = call.awaitEnd(WAIT);
		assertThat(transcript.variables()).containsEntry("EMPTY", "")
			.containsEntry("EXECVAR", "a b,c")
			.doesNotContainKey("UNQUOTED");
		assertThat(transcript.hungUp()).isTrue();
	}

	@Test
	void recordsCommandsAndPromptsInOrder() throws IOException {
		FakeAgiCall call = dial().start();
		try (Script script = accept()) {
			script.env();
			script.send("ANSWER");
			script.send("STREAM FILE welcome \"\"");
			script.send("EXEC Playback \"hello&world,noanswer\"");
			script.send("GET DATA menu 3000 1");
			script.send("CONTROL STREAM FILE news \"#\" 3000");
			script.send("SET VARIABLE SB_NEXT \"connect\"");
		}
		AgiTranscript transcript = call.awaitEnd(WAIT);
		assertThat(transcript.commands()).containsExactly("ANSWER", "STREAM FILE welcome \"\"",
				"EXEC Playback \"hello&world,noanswer\"", "GET DATA menu 3000 1", "CONTROL STREAM FILE news \"#\" 3000",
				"SET VARIABLE SB_NEXT \"connect\"");
		assertThat(transcript.prompts()).containsExactly("welcome", "hello", "world", "menu", "news");
		assertThat(transcript.variable("SB_NEXT")).isEqualTo("connect");
		assertThat(transcript.lines()).startsWith(">> ANSWER", "<< 200 result=0");
	}

	@Test
	void canDropTheLinkWithoutHangupForFaultTests() throws IOException {
		FakeAgiCall call = dial().dropConnectionAfter(1).start();
		try (Script script = accept()) {
			script.env();
			assertThat(script.send("ANSWER")).isEqualTo("200 result=0");
			String afterDrop;
			try {
				afterDrop = script.line();
			}
			catch (SocketException ex) {
				afterDrop = null;
			}
			assertThat(afterDrop).isNull();
		}
		AgiTranscript transcript = call.awaitEnd(WAIT);
		assertThat(transcript.closedByScript()).isFalse();
		assertThat(transcript.lines()).doesNotContain("<< HANGUP");
	}

	@Test
	void dialsFromTheChosenLocalAddress() throws IOException {
		FakeAgiCall call = dial().localAddress(InetAddress.getByName("127.0.0.2")).start();
		try (Script script = accept()) {
			assertThat(script.socket.getInetAddress().getHostAddress()).isEqualTo("127.0.0.2");
		}
		call.awaitEnd(WAIT);
	}

	private FakeAgi dial() {
		return FakeAgi.call("127.0.0.1", port(), "ivr");
	}

	private int port() {
		return this.server.getLocalPort();
	}

	private Script accept() throws IOException {
		Socket socket = this.server.accept();
		socket.setSoTimeout(5000);
		return new Script(socket);
	}

	/**
	 * The FastAGI script's end of one connection, reading byte by byte so that nothing is
	 * buffered ahead.
	 */
	private static final class Script implements AutoCloseable {

		private final Socket socket;

		private final InputStream in;

		private final OutputStream out;

		Script(Socket socket) throws IOException {
			this.socket = socket;
			this.in = socket.getInputStream();
			this.out = socket.getOutputStream();
		}

		List<String> env() throws IOException {
			List<String> env = new ArrayList<>();
			for (String line = line(); !line.isEmpty(); line = line()) {
				env.add(line);
			}
			return env;
		}

		String send(String command) throws IOException {
			write(command);
			return line();
		}

		void write(String command) throws IOException {
			this.out.write((command + "\n").getBytes(StandardCharsets.UTF_8));
			this.out.flush();
		}

		/** The next line without its LF, or null at the end of the stream. */
		String line() throws IOException {
			ByteArrayOutputStream line = new ByteArrayOutputStream();
			int b;
			while ((b = this.in.read()) != -1 && b != '\n') {
				line.write(b);
			}
			return (b == -1 && line.size() == 0) ? null : line.toString(StandardCharsets.UTF_8);
		}

		boolean pending() throws IOException {
			return this.in.available() > 0;
		}

		void halfClose() throws IOException {
			this.socket.shutdownOutput();
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

}
