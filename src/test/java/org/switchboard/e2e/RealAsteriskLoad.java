package org.switchboard.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.switchboard.SwitchboardTest;
import org.switchboard.e2e.Scenarios.Answering;
import org.switchboard.e2e.Scenarios.Key;
import org.switchboard.load.ChildRedis;
import org.switchboard.load.SwitchboardProcess;
import org.switchboard.load.ThreadCpu;

/**
 * Whole calls at a steady rate through a real Asterisk with the project's configuration:
 * the IVR by DTMF (SIP INFO), an agent's phone answers, a short talk, the caller hangs
 * up. It reports the CPU time Switchboard and Asterisk each spent over the same calls,
 * and their ratio. A {@code main}, not a test: {@code mvn -B verify} never runs it.
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.switchboard.e2e.RealAsteriskLoad rate=5 calls=600
 * </pre>
 *
 * Options ({@code key=value}): {@code rate} (calls/s, 5), {@code calls} (600, measured),
 * {@code warmup} (300 calls before them, not measured, as a service that has been running
 * meets its calls), {@code agents} (40), {@code talk} (s after the last key, 3),
 * {@code profile} (true: a JFR profile of the measured calls), {@code jvm} (more options
 * for Switchboard's JVM, space-separated), {@code asterisk} (the binary, else as the
 * suite finds it).
 */
public final class RealAsteriskLoad {

	private RealAsteriskLoad() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new HashMap<>();
		for (String arg : args) {
			options.put(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
		}
		double rate = Double.parseDouble(options.getOrDefault("rate", "5"));
		int calls = Integer.parseInt(options.getOrDefault("calls", "600"));
		int agents = Integer.parseInt(options.getOrDefault("agents", "40"));
		// from the last key: about a second to reach the agent, then the talk
		Duration talk = Duration.ofSeconds(Long.parseLong(options.getOrDefault("talk", "3")));
		Path binary = options.containsKey("asterisk") ? Path.of(options.get("asterisk"))
				: RealAsterisk.find().orElseThrow(() -> new IllegalStateException("no Asterisk: asterisk=<binary>"));

		Path project = Path.of("").toAbsolutePath();
		Path work = Files.createTempDirectory(Files.createDirectories(project.resolve("target/e2e")), "load-");
		Path sounds = Files.createDirectories(work.resolve("sounds"));
		Process render = new ProcessBuilder("bash", "prompts/render.sh", sounds.toString()).inheritIO().start();
		if (render.waitFor() != 0) {
			throw new IllegalStateException("prompts/render.sh failed");
		}
		int agiPort = SwitchboardTest.Initializer.freePort();
		try (ChildRedis redis = ChildRedis.start(work)) {
			RealAsterisk asterisk = RealAsterisk.configure(binary, project, work, sounds, "127.0.0.1:" + agiPort, "",
					RealAsterisk.freeUdpPort(), agents);
			asterisk.start();
			Map<String, String> settings = new LinkedHashMap<>();
			settings.put("switchboard.redis.url", redis.url());
			settings.put("switchboard.ami.port", Integer.toString(asterisk.amiPort()));
			settings.put("switchboard.ami.secret", asterisk.amiSecret());
			settings.put("switchboard.ivr.flows-dir", project.resolve("config/flows").toString());
			settings.put("switchboard.schedule.seed-dir", project.resolve("config/schedules").toString());
			settings.put("switchboard.agent.wrap-up", "1s");
			settings.put("switchboard.agent.reaper-interval", "1s");
			List<String> jvm = new java.util.ArrayList<>(List.of("-Xmx512m"));
			if (options.containsKey("jvm")) {
				jvm.addAll(List.of(options.get("jvm").split(" ")));
			}
			try (SwitchboardProcess switchboard = SwitchboardProcess.start(jvm, settings,
					SwitchboardTest.Initializer.freePort(), agiPort, work.resolve("switchboard.log"))) {
				int warmup = Integer.parseInt(options.getOrDefault("warmup", "300"));
				boolean profile = Boolean.parseBoolean(options.getOrDefault("profile", "false"));
				run(switchboard, asterisk, work, new Load(rate, calls, warmup, agents, talk, profile));
			}
			finally {
				asterisk.stop();
			}
		}
	}

	private static void run(SwitchboardProcess switchboard, RealAsterisk asterisk, Path work, Load load)
			throws Exception {
		int agents = load.agents();
		Api api = new Api(switchboard);
		long version = api.get("/api/schedules/DE").path("version").asLong();
		api.write("PUT", "/api/schedules/DE", "application/yaml",
				CallsToAgentsIT.alwaysOpen("DE").replace("version: CURRENT", "version: " + version));
		StringBuilder csv = new StringBuilder("SEQUENTIAL\n");
		for (int agent = 2001; agent < 2001 + agents; agent++) {
			String id = "load-" + agent;
			api.write("PUT", "/api/agents/" + id, "application/json",
					"{\"name\":\"Load " + agent + "\",\"endpoint\":\"PJSIP/" + agent
							+ "\",\"team\":\"load\",\"skills\":{\"german\":2,\"support\":2}}",
					"If-None-Match", "*");
			csv.append(agent).append('\n');
		}
		Path agentsCsv = Files.writeString(work.resolve("agents.csv"), csv);
		Sipp phones = Sipp.run(work, "phones", asterisk, "127.0.0.1", RealAsterisk.freeUdpPort(),
				Scenarios.registration("[field0]", "loadphone", asterisk.loadPassword()),
				// the caller ends each call; many phones of one SIPp process do not hang
				// up
				// reliably themselves (their own BYE met 481 under load)
				Scenarios.answering("agent", Answering.after(Duration.ofMillis(300), Duration.ofMinutes(5))),
				List.of("-inf", agentsCsv.toString(), "-m", Integer.toString(agents), "-r", "50", "-l",
						Integer.toString(agents)),
				false);
		E2e.awaitThat("every phone reachable", Duration.ofSeconds(60), () -> {
			int reachable = 0;
			for (JsonNode agent : api.get("/api/agents")) {
				reachable += agent.path("status").path("reachable").asBoolean() ? 1 : 0;
			}
			return reachable == agents;
		});
		for (int agent = 2001; agent < 2001 + agents; agent++) {
			api.write("POST", "/api/agents/load-" + agent + "/state", "application/json", "{\"action\":\"login\"}");
			api.write("POST", "/api/agents/load-" + agent + "/state", "application/json", "{\"action\":\"ready\"}");
		}
		Thread.sleep(3000);

		if (load.warmup() > 0) {
			System.out.printf("warm-up: %d calls at %.1f/s, not measured%n", load.warmup(), load.rate());
			calls(asterisk, work, load, load.warmup(), "warmup");
			Thread.sleep(3000);
		}
		long switchboardBefore = switchboard.cpuNanos();
		ThreadCpu threadsBefore = ThreadCpu.of(switchboard.pid());
		long asteriskBefore = asterisk.cpuNanos();
		Path recording = work
			.resolve((System.getProperty("profiler") != null) ? "switchboard.collapsed" : "switchboard.jfr");
		if (load.profile()) {
			switchboard.startRecording(recording);
		}
		Instant started = Instant.now();
		Sipp callers = calls(asterisk, work, load, load.calls(), "callers");
		Duration took = Duration.between(started, Instant.now());
		double switchboardCpu = (switchboard.cpuNanos() - switchboardBefore) / 1e9;
		ThreadCpu threads = ThreadCpu.of(switchboard.pid())
			.minus(threadsBefore, switchboard.cpuNanos() - switchboardBefore);
		double asteriskCpu = (asterisk.cpuNanos() - asteriskBefore) / 1e9;
		if (load.profile()) {
			switchboard.stopRecording();
			System.out.println("profile of the measured calls: " + recording);
		}
		phones.close();
		Thread.sleep(5000);
		int calls = load.calls();
		int answered = 0;
		// the API answers at most 1000 records a page
		for (int offset = 0;; offset += 1000) {
			JsonNode page = api.get("/api/calls?from=" + started + "&offset=" + offset + "&limit=1000").path("calls");
			for (JsonNode record : page) {
				answered += record.path("outcome").asText().equals("answered") ? 1 : 0;
			}
			if (page.size() < 1000) {
				break;
			}
		}
		String scraped = switchboard.get("/actuator/prometheus");
		double sessions = switchboard.meter(scraped, "switchboard_agi_sessions_seconds_count", "");
		System.out.printf("AGI sessions: %.1f per call%n", sessions / (calls + load.warmup()));
		System.out.printf(
				"calls %d at %.1f/s over %ds after %d warm-up calls: %d completed by SIPp, %d records answered%n"
						+ "CPU: Switchboard %.1f s (%.1f ms/call), Asterisk %.1f s (%.1f ms/call), ratio %.3f%n"
						+ "Switchboard by thread: %s%n",
				calls, load.rate(), took.toSeconds(), load.warmup(), callers.successfulCalls(), answered,
				switchboardCpu, switchboardCpu * 1000 / calls, asteriskCpu, asteriskCpu * 1000 / calls,
				switchboardCpu / asteriskCpu, threads.perCall(calls));
	}

	/** SIPp callers: so many calls at the load's rate, until the last has ended. */
	private static Sipp calls(RealAsterisk asterisk, Path work, Load load, int calls, String name) throws Exception {
		List<Key> keys = List.of(Key.info(Duration.ofSeconds(2), '2'), Key.info(Duration.ofSeconds(3), '2'));
		Sipp callers = Sipp.run(work, name, asterisk, RealAsterisk.CARRIER_ADDRESS, RealAsterisk.freeUdpPort(),
				Scenarios.caller(CallsToAgentsIT.GERMAN_CALLER, keys, load.talk().plusSeconds(1), null, work)
					.replace("[service]", "8000"),
				null,
				List.of("-r", Double.toString(load.rate()), "-rp", "1000", "-m", Integer.toString(calls), "-l", "2000"),
				false);
		callers.await(Duration.ofSeconds((long) (calls / load.rate()) + 300));
		return callers;
	}

	/** What to run: calls/s, measured calls, warm-up calls before them, agents, talk. */
	private record Load(double rate, int calls, int warmup, int agents, Duration talk, boolean profile) {
	}

}
