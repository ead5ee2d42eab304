package org.switchboard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.switchboard.Actuator.Answer;
import org.switchboard.fakeasterisk.Caller;
import org.switchboard.fakeasterisk.FakeAgi;
import org.switchboard.fakeasterisk.FakeAgiCall;
import org.switchboard.load.SwitchboardProcess;
import org.switchboard.redis.Keys;
import org.switchboard.redis.TestRedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Switchboard as a newcomer first runs it, in a JVM of its own started as a shell's job
 * from the project directory: no Redis URL (so an embedded Redis), no Asterisk. Then it
 * is stopped as a terminal's Ctrl-C or a {@code kill} stops it.
 */
class FreshStartTest {

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(40);

	private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

	/** The exit codes of a JVM ended by SIGINT and by SIGTERM (128 + the signal). */
	private static final int CTRL_C = 130;

	private static final int SIGTERM = 143;

	@TempDir
	Path work;

	/** Started as a shell's job needs Linux's setsid and env --default-signal. */
	@BeforeAll
	static void onLinux() throws Exception {
		Process probe;
		try {
			probe = new ProcessBuilder("setsid", "env", "--default-signal=INT", "true").start();
		}
		catch (IOException ex) {
			probe = null;
		}
		assumeTrue(probe != null && probe.waitFor() == 0, "no setsid or env --default-signal to start a job with");
	}

	@Test
	void aFreshStartIsReadyWithAmiNotConfiguredAndCtrlCStopsItCleanlyAfterTheCallInTheIvrTheEmbeddedRedisLast()
			throws Exception {
		Path log = this.work.resolve("switchboard.log");
		try (SwitchboardProcess switchboard = SwitchboardProcess.startAsJob(Map.of(),
				SwitchboardTest.Initializer.freePort(), SwitchboardTest.Initializer.freePort(), log)) {
			Actuator actuator = new Actuator(switchboard.httpPort(), switchboard.adminPassword());
			Answer anonymous = actuator.anonymous("/actuator/health/readiness");
			assertThat(anonymous.status()).isEqualTo(200);
			assertThat(anonymous.json().path("status").asText()).isEqualTo("UP");
			assertThat(anonymous.json().has("components")).as("details for anonymous callers").isFalse();
			Answer health = actuator.admin("/actuator/health");
			assertThat(health.status()).isEqualTo(200);
			assertThat(health.component("ami")).isEqualTo("NOT_CONFIGURED");
			Answer readiness = actuator.admin("/actuator/health/readiness");
			assertThat(readiness.component("redis")).isEqualTo("UP");
			assertThat(readiness.component("agi")).isEqualTo("UP");
			assertThat(lines(Files.readString(log)).stream().filter((line) -> line.contains("SWITCHBOARD_AMI_SECRET")))
				.as("one line says how to connect an Asterisk")
				.singleElement()
				.asString()
				.contains("switchboard.ami.secret", "switchboard.ami.host", "manager.conf");
			List<ProcessHandle> embeddedRedis = switchboard.children();
			assertThat(embeddedRedis).isNotEmpty();
			// a caller in the IVR, choosing a language; then, open or closed, they ask
			// for
			// the opening hours (an invalid option when closed) and end the call
			FakeAgiCall caller = FakeAgi.call("127.0.0.1", switchboard.agiPort(), "ivr")
				.callerId("+4930123456")
				.dnid("8000")
				.caller(Caller.waits().then(Caller.presses("4")).then(Caller.presses("9")))
				.start();
			caller.awaitCommand("STREAM FILE", CALL_TIMEOUT);
			long started = Files.size(log);

			switchboard.signalGroup("INT");

			// FastAGI takes no new call, and lets this one finish on Redis as usual
			await().atMost(CALL_TIMEOUT).until(() -> since(log, started).contains("AgiServer shut down"));
			caller.press("1");
			assertThat(caller.awaitEnd(CALL_TIMEOUT).variable("SB_NEXT")).as("where the call goes next").isNotBlank();
			assertThat(switchboard.awaitExit(STOP_TIMEOUT)).isEqualTo(CTRL_C);
			List<String> stopping = lines(since(log, started));
			assertClean(stopping);
			assertThat(stopping.get(stopping.size() - 2)).as("the embedded Redis stops last")
				.containsPattern("Embedded Redis on 127.0.0.1:\\d+ stopped");
			assertThat(embeddedRedis).noneMatch(ProcessHandle::isAlive);
		}
	}

	@Test
	void sigtermWritesWhatIsHeldBeforeItStops() throws Exception {
		Path log = this.work.resolve("switchboard.log");
		String site = "stop-" + UUID.randomUUID().toString().substring(0, 8);
		try (SwitchboardProcess switchboard = SwitchboardProcess.startAsJob(
				Map.of("switchboard.site", site, "switchboard.redis.url", TestRedis.url()),
				SwitchboardTest.Initializer.freePort(), SwitchboardTest.Initializer.freePort(), log)) {
			Actuator actuator = new Actuator(switchboard.httpPort(), switchboard.adminPassword());
			assertThat(actuator.admin("PUT", "/api/agents/9101",
					"{\"name\":\"Ada\",\"endpoint\":\"PJSIP/9101\",\"skills\":{\"support\":3},\"languages\":[\"en\"],"
							+ "\"team\":\"support\"}",
					"If-None-Match", "*")
				.status()).isEqualTo(201);
			long started = Files.size(log);
			// the change of state is held for the next write, a tenth of a second away
			assertThat(actuator.admin("POST", "/api/agents/9101/state", "{\"action\":\"login\"}").status())
				.isEqualTo(200);

			switchboard.terminate();

			assertThat(switchboard.awaitExit(STOP_TIMEOUT)).isEqualTo(SIGTERM);
			assertClean(lines(since(log, started)));
		}
		assertThat(TestRedis.client().zrange(new Keys(site).key("callrecord", "agent-states"), 0, -1))
			.as("the agent's change of state, kept for occupancy")
			.anySatisfy((change) -> assertThat(change).startsWith("9101 "));
	}

	/** No warning, error or stack trace, and the last line says it stopped. */
	private static void assertClean(List<String> stopping) {
		assertThat(stopping).noneMatch((line) -> line.contains(" WARN ") || line.contains("ERROR ")
				|| line.contains("Exception") || line.startsWith("\tat "));
		assertThat(stopping).last().asString().contains("Switchboard stopped");
	}

	private static String since(Path log, long offset) throws IOException {
		byte[] all = Files.readAllBytes(log);
		return new String(Arrays.copyOfRange(all, (int) offset, all.length), StandardCharsets.UTF_8);
	}

	private static List<String> lines(String text) {
		return text.lines().filter((line) -> !line.isBlank()).toList();
	}

}
