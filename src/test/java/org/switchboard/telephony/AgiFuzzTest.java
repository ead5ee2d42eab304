package org.switchboard.telephony;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import org.switchboard.PublishedEvents;
import org.switchboard.SwitchboardTest;
import org.switchboard.fakeasterisk.AgiTranscript;
import org.switchboard.fakeasterisk.AmiEvent;
import org.switchboard.fakeasterisk.AmiEvents;
import org.switchboard.fakeasterisk.FakeAsterisk;
import org.switchboard.fakeasterisk.FakeChannel;
import org.switchboard.call.AsteriskEvent.PhoneChannelEnded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * Random and malformed FastAGI traffic against the real scripts: environments with
 * missing, junk and oversized fields, and replies that are errors, junk, dead-channel
 * answers or a dropped socket. Every session must end by itself (no script waits forever
 * on a peer that answered), none may die of an unexpected exception, and a proper call
 * afterwards is served as usual. The seed is fixed so a failure can be replayed; set
 * {@code -Dswitchboard.fuzz.seed=n} to try others.
 */
@SwitchboardTest
class AgiFuzzTest {

	private static final long SEED = Long.getLong("switchboard.fuzz.seed", 7_2026L);

	private static final int SESSIONS = 300;

	private static final int MOST_COMMANDS = 40;

	/**
	 * Longer than any prompt timeout of the shipped flows: silence this long is a hang.
	 */
	private static final int STUCK_MILLIS = 15_000;

	private static final String[] SCRIPTS = { "ivr", "ivr", "ivr", "connect", "dial-result", "tick", "survey", "agent",
			"callback", "no-such-script", "", "../ivr", "ivr?x=1" };

	private static final String[] LINES = { "8000", "8500", "7000", "+493023125099", "+4970000123", "unknown", "", "0",
			"99999999999999999999", "+", "*", "8000;x", "s" };

	@Autowired
	FakeAsterisk asterisk;

	@Autowired
	MeterRegistry meters;

	@Autowired
	PublishedEvents events;

	@Value("${switchboard.agi.port}")
	int agiPort;

	/** Channel and unique id of every fuzzed call, to hang them up as Asterisk would. */
	private final List<String[]> calls = new ArrayList<>();

	/**
	 * Every call ends with a Hangup event, as on a real Asterisk, so no fuzzed call stays
	 * in a waiting line the other test classes share.
	 */
	@AfterEach
	void hangUpTheFuzzedCalls() {
		for (String[] call : this.calls) {
			this.asterisk.ami()
				.push(AmiEvent.of("Hangup")
					.with("Channel", call[0])
					.with("Uniqueid", call[1])
					.with("Linkedid", call[1])
					.with("Cause", "16")
					.with("Cause-txt", "Normal Clearing"));
		}
		FakeChannel last = FakeChannel.of("PJSIP/fuzz-last-00000001", "+4930123456", "Last");
		this.asterisk.ami().push(AmiEvents.hangup(last, 16, "Normal Clearing"));
		this.events.await(PhoneChannelEnded.class, (ended) -> last.name().equals(ended.channel()),
				Duration.ofSeconds(30));
	}

	@Test
	void randomEnvironmentsAndRepliesNeverHangNorCrashAScript() throws Exception {
		Random random = new Random(SEED);
		double failedBefore = failedSessions();
		List<String> stuck = new ArrayList<>();
		for (int i = 0; i < SESSIONS; i++) {
			String problem = session(random, i);
			if (problem != null) {
				stuck.add(problem);
			}
		}

		assertThat(stuck).as("seed %d", SEED).isEmpty();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(activeSessions()).isZero());
		assertThat(failedSessions() - failedBefore).as("AGI sessions ended by an unexpected exception, seed %d", SEED)
			.isZero();
		AgiTranscript proper = this.asterisk.call(this.agiPort, "ivr")
			.callerId("+442071234567")
			.dnid("8000")
			.channel("PJSIP/fuzz-proper-1")
			.uniqueId("1790000001.1")
			.start()
			.awaitEnd(Duration.ofSeconds(10));
		assertThat(proper.commands()).isNotEmpty();
		assertThat(proper.closedByScript()).isTrue();
		this.asterisk.callerHangsUp("PJSIP/fuzz-proper-1");
	}

	/** One fuzzed session; what went wrong, or null. */
	private String session(Random random, int number) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.agiPort)) {
			socket.setSoTimeout(STUCK_MILLIS);
			OutputStream out = socket.getOutputStream();
			BufferedReader in = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			boolean complete = random.nextInt(20) != 0;
			out.write(environment(random, number, complete).getBytes(StandardCharsets.UTF_8));
			out.flush();
			if (!complete) {
				// half an environment, then Asterisk goes away
				return null;
			}
			for (int command = 0; command < MOST_COMMANDS; command++) {
				String line;
				try {
					line = in.readLine();
				}
				catch (SocketTimeoutException ex) {
					return "session " + number + " sent nothing for " + STUCK_MILLIS + " ms after " + command
							+ " commands";
				}
				catch (IOException ex) {
					return null;
				}
				if (line == null) {
					return null;
				}
				String reply = reply(random, line);
				if (reply == null) {
					return null;
				}
				try {
					out.write(reply.getBytes(StandardCharsets.UTF_8));
					out.flush();
				}
				catch (IOException ex) {
					return null;
				}
			}
			return null;
		}
	}

	private String environment(Random random, int number, boolean complete) {
		String script = pick(random, SCRIPTS);
		String line = pick(random, LINES);
		String channel = "PJSIP/fuzz-" + value(random, "" + number);
		String uniqueId = value(random, "1790000000." + number);
		if (!uniqueId.isEmpty()) {
			this.calls.add(new String[] { channel, uniqueId });
		}
		StringBuilder env = new StringBuilder();
		List<String> fields = new ArrayList<>(List.of("agi_network: yes", "agi_network_script: " + script,
				"agi_request: agi://127.0.0.1/" + script, "agi_channel: " + channel,
				"agi_language: " + value(random, "en"), "agi_type: PJSIP", "agi_uniqueid: " + uniqueId,
				"agi_version: 20.5.0", "agi_callerid: " + value(random, "+4930" + random.nextInt(10_000_000)),
				"agi_calleridname: " + value(random, "Fuzz"), "agi_callingpres: 0", "agi_dnid: " + value(random, line),
				"agi_rdnis: unknown", "agi_context: " + value(random, "switchboard-inbound"),
				"agi_extension: " + value(random, line), "agi_priority: " + value(random, "2"), "agi_enhanced: 0.0",
				"agi_accountcode: ", "agi_threadid: " + random.nextLong()));
		if (random.nextBoolean()) {
			fields.add("agi_arg_1: " + value(random, pick(random, "ready", "login", "pause", "logout", "7001")));
		}
		if (random.nextInt(4) == 0) {
			fields.add("agi_arg_2: " + value(random, "x"));
		}
		for (int i = fields.size() - 1; i > 0; i--) {
			if (random.nextInt(10) == 0) {
				fields.remove(i);
			}
		}
		if (random.nextInt(5) == 0) {
			fields.add(random.nextInt(fields.size() + 1), junk(random));
		}
		int end = complete ? fields.size() : random.nextInt(fields.size());
		for (String field : fields.subList(0, end)) {
			env.append(field).append('\n');
		}
		if (complete) {
			env.append('\n');
		}
		return env.toString();
	}

	/** A normal value most of the time, else something Asterisk would never send. */
	private static String value(Random random, String normal) {
		return switch (random.nextInt(12)) {
			case 0 -> "";
			case 1 -> "x".repeat(2_000 + random.nextInt(8_000));
			case 2 -> junk(random);
			case 3 -> "-1";
			case 4 -> "unknown";
			default -> normal;
		};
	}

	/** One line of printable and unprintable junk, without a line break. */
	private static String junk(Random random) {
		StringBuilder junk = new StringBuilder();
		int length = 1 + random.nextInt(200);
		for (int i = 0; i < length; i++) {
			char next = (char) (1 + random.nextInt(0x2FFF));
			if (next != '\n' && next != '\r' && !Character.isSurrogate(next)) {
				junk.append(next);
			}
		}
		return junk.toString();
	}

	/** What "Asterisk" answers to a command; null to drop the connection. */
	private static String reply(Random random, String command) {
		int dice = random.nextInt(100);
		if (dice < 45) {
			return plausible(random, command);
		}
		if (dice < 55) {
			return "200 result=-1\n";
		}
		if (dice < 62) {
			return "511 Command Not Permitted on a dead channel or intercept routine\n";
		}
		if (dice < 67) {
			return "510 Invalid or unknown command\n";
		}
		if (dice < 71) {
			return "520-Invalid command syntax.  Proper usage follows:\nUsage: junk\n520 End of proper usage.\n";
		}
		if (dice < 76) {
			return "HANGUP\n200 result=-1\n";
		}
		if (dice < 84) {
			return junk(random) + "\n";
		}
		if (dice < 88) {
			return "200 result=" + junk(random) + "\n";
		}
		if (dice < 92) {
			return "\n";
		}
		return null;
	}

	/** A reply Asterisk could give to this command. */
	private static String plausible(Random random, String command) {
		String name = command.toUpperCase(java.util.Locale.ROOT);
		if (name.startsWith("GET DATA")) {
			return "200 result=" + digits(random) + (random.nextBoolean() ? " (timeout)" : "") + "\n";
		}
		if (name.startsWith("GET VARIABLE") || name.startsWith("GET FULL VARIABLE")) {
			return random.nextBoolean() ? "200 result=0\n"
					: "200 result=1 (" + pick(random, "ANSWER", "NOANSWER", "BUSY", "CHANUNAVAIL", "", "junk") + ")\n";
		}
		if (name.startsWith("STREAM FILE") || name.startsWith("WAIT FOR DIGIT") || name.startsWith("GET OPTION")
				|| name.startsWith("CONTROL STREAM FILE") || name.startsWith("SAY")) {
			int key = new int[] { 0, 0, '1', '2', '9', '#', '*', 'A' }[random.nextInt(8)];
			return "200 result=" + key + " endpos=" + random.nextInt(100_000) + "\n";
		}
		if (name.startsWith("CHANNEL STATUS")) {
			return "200 result=" + random.nextInt(8) + "\n";
		}
		return "200 result=" + pick(random, "0", "1") + "\n";
	}

	private static String digits(Random random) {
		StringBuilder digits = new StringBuilder();
		int length = random.nextInt(25);
		for (int i = 0; i < length; i++) {
			digits.append("0123456789*#".charAt(random.nextInt(12)));
		}
		return digits.toString();
	}

	private double failedSessions() {
		return this.meters.find("switchboard.agi.sessions")
			.tag("outcome", "failed")
			.timers()
			.stream()
			.mapToDouble(Timer::count)
			.sum();
	}

	private double activeSessions() {
		return this.meters.get("switchboard.agi.sessions.active").gauge().value();
	}

	@SafeVarargs
	private static <T> T pick(Random random, T... choices) {
		if (choices.length == 0) {
			fail("nothing to pick");
		}
		return choices[random.nextInt(choices.length)];
	}

}
