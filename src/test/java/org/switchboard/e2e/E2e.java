package org.switchboard.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;

import org.switchboard.SwitchboardTest;
import org.switchboard.e2e.Scenarios.Answering;
import org.switchboard.e2e.Scenarios.Key;
import org.switchboard.load.ChildRedis;
import org.switchboard.load.SwitchboardProcess;

/**
 * The end-to-end world, started once per test run: a Redis, a real Asterisk with the
 * project's configuration, and Switchboard in a JVM of its own, each on free loopback
 * ports. When no Asterisk or SIPp is found the suite is skipped with a line that says so,
 * unless {@code SWITCHBOARD_E2E_REQUIRED=true} (as in CI), where that is a failure.
 */
final class E2e {

	/** The settings every Switchboard of the suite runs with, beside its ports. */
	private static final Map<String, String> SETTINGS = Map.of("switchboard.agent.wrap-up", "2s",
			"switchboard.agent.reaper-interval", "1s", "switchboard.routing.ring-timeout", "6s",
			"switchboard.callrecord.close-delay", "1s", "switchboard.callrecord.survey-lines", "+4930231250",
			"switchboard.ami.reconnect-max-delay", "1s");

	private static E2e world;

	private static String unavailable;

	final Path project;

	final Path work;

	final ChildRedis redis;

	final RealAsterisk asterisk;

	final int agiPort;

	final int agiPort2;

	final int carrierPort;

	private final List<SwitchboardProcess> switchboards = new ArrayList<>();

	private final Map<SwitchboardProcess, Path> logs = new LinkedHashMap<>();

	private final List<Sipp> running = new ArrayList<>();

	private final Map<String, Integer> phonePorts = new LinkedHashMap<>();

	private int nextPort;

	private int starts;

	private E2e(Path project, Path work, ChildRedis redis, RealAsterisk asterisk, int agiPort, int agiPort2,
			int carrierPort) {
		this.project = project;
		this.work = work;
		this.redis = redis;
		this.asterisk = asterisk;
		this.agiPort = agiPort;
		this.agiPort2 = agiPort2;
		this.carrierPort = carrierPort;
		this.nextPort = carrierPort + 2;
	}

	/** The world, started on first use; skips (or fails, in CI) when it cannot be. */
	static synchronized E2e world() {
		if (world == null && unavailable == null) {
			Optional<Path> asterisk = RealAsterisk.find();
			Optional<Path> sipp = Sipp.find();
			if (asterisk.isEmpty() || sipp.isEmpty()) {
				unavailable = "end-to-end suite SKIPPED: " + (asterisk.isEmpty()
						? "no Asterisk found (set SWITCHBOARD_ASTERISK to the asterisk binary, or build one with ../shared/asterisk/build.sh into /opt/asterisk-20.20.1)"
						: "no sipp on the PATH (Debian/Ubuntu: apt-get install sip-tester)");
			}
			else {
				try {
					world = start(asterisk.get());
				}
				catch (Exception ex) {
					throw new IllegalStateException("the end-to-end world did not start: " + ex.getMessage(), ex);
				}
			}
		}
		if (world == null) {
			System.out.println("[switchboard] " + unavailable);
			if ("true".equalsIgnoreCase(System.getenv("SWITCHBOARD_E2E_REQUIRED"))) {
				throw new IllegalStateException(unavailable + " and SWITCHBOARD_E2E_REQUIRED=true");
			}
			Assumptions.abort(unavailable);
		}
		return world;
	}

	private static E2e start(Path binary) throws IOException, InterruptedException {
		Path project = Path.of("").toAbsolutePath();
		Path work = Files.createDirectories(project.resolve("target/e2e"));
		work = Files.createTempDirectory(work, "run-");
		Path sounds = Files.createDirectories(work.resolve("sounds"));
		renderPrompts(project, sounds);
		ChildRedis redis = ChildRedis.start(work);
		int agiPort = SwitchboardTest.Initializer.freePort();
		int agiPort2 = SwitchboardTest.Initializer.freePort();
		int carrierPort = RealAsterisk.freeUdpPort();
		RealAsterisk asterisk = RealAsterisk.configure(binary, project, work, sounds, "127.0.0.1:" + agiPort,
				"127.0.0.1:" + agiPort2, carrierPort);
		asterisk.start();
		E2e started = new E2e(project, work, redis, asterisk, agiPort, agiPort2, carrierPort);
		Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(started::closeQuietly));
		started.startSwitchboard(agiPort);
		System.out.println("[switchboard] end-to-end suite: Asterisk " + binary + ", work in " + work);
		return started;
	}

	/** Renders the project's prompts into Asterisk's sounds, as an install does. */
	private static void renderPrompts(Path project, Path sounds) throws IOException, InterruptedException {
		Path render = project.resolve("prompts/render.sh");
		Files.createDirectories(sounds.resolve("custom"));
		if (!Files.exists(render)) {
			return;
		}
		Process process = new ProcessBuilder("bash", render.toString(), sounds.toString()).inheritIO().start();
		if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
			throw new IllegalStateException("prompts/render.sh failed");
		}
	}

	/** Starts a Switchboard whose FastAGI server listens on {@code agiPort}. */
	SwitchboardProcess startSwitchboard(int agiPort) throws IOException, InterruptedException {
		Map<String, String> settings = new LinkedHashMap<>(SETTINGS);
		settings.put("switchboard.redis.url", this.redis.url());
		settings.put("switchboard.ami.port", Integer.toString(this.asterisk.amiPort()));
		settings.put("switchboard.ami.secret", this.asterisk.amiSecret());
		settings.put("switchboard.ivr.flows-dir", this.project.resolve("config/flows").toString());
		settings.put("switchboard.schedule.seed-dir", this.project.resolve("config/schedules").toString());
		Path log = this.work.resolve("switchboard-" + agiPort + "-" + (++this.starts) + ".log");
		SwitchboardProcess started = SwitchboardProcess.start(List.of("-Xmx384m", "-XX:+UseSerialGC"), settings,
				SwitchboardTest.Initializer.freePort(), agiPort, log);
		this.switchboards.add(started);
		this.logs.put(started, log);
		return started;
	}

	/** The instance the dialplan tries first. */
	SwitchboardProcess switchboard() {
		return this.switchboards.stream()
			.filter((s) -> s.agiPort() == this.agiPort)
			.reduce((first, last) -> last)
			.orElseThrow();
	}

	/**
	 * Back to one running instance on the dialplan's first host, as the suite began:
	 * others stopped, a stopped first one started again.
	 */
	void ensureOneSwitchboard() throws IOException, InterruptedException {
		boolean firstRuns = false;
		for (SwitchboardProcess instance : List.copyOf(this.switchboards)) {
			if (instance.agiPort() == this.agiPort && instance.alive() && !firstRuns) {
				firstRuns = true;
				continue;
			}
			instance.close();
			this.switchboards.remove(instance);
		}
		if (!firstRuns) {
			startSwitchboard(this.agiPort);
		}
	}

	Api api() {
		return new Api(switchboard());
	}

	/** An agent's softphone registered as {@code endpoint}, treating calls as told. */
	Sipp phone(String endpoint, Answering answering) {
		int port = this.phonePorts.computeIfAbsent(endpoint, (e) -> nextPort());
		Sipp phone = Sipp.run(this.work, "phone-" + endpoint, this.asterisk, "127.0.0.1", port,
				Scenarios.registration(endpoint, this.asterisk.agentPassword(endpoint)),
				Scenarios.answering(endpoint, answering));
		this.running.add(phone);
		awaitThat("phone " + endpoint + " registered", Duration.ofSeconds(15),
				() -> phone.messages().contains("SIP/2.0 200 OK") && phone.received().contains("SIP/2.0")
						&& this.asterisk.cli("pjsip show contacts").contains(endpoint + "/sip:" + endpoint));
		return phone;
	}

	/**
	 * A second line of {@code endpoint}'s phone dials {@code exten}, e.g. a feature code.
	 */
	Sipp dial(String endpoint, String exten) {
		Sipp line = Sipp.run(this.work, "dial-" + endpoint, this.asterisk, "127.0.0.1", nextPort(),
				Scenarios.dialling(endpoint, this.asterisk.agentPassword(endpoint), exten), null);
		this.running.add(line);
		return line;
	}

	/** A caller on the carrier trunk dialling {@code line} from {@code number}. */
	Sipp call(String line, String number, List<Key> keys, Duration hangUpAfter, Duration maxWait) {
		Path pcaps;
		try {
			pcaps = Files.createTempDirectory(this.work, "keys-");
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		Sipp caller = Sipp.run(this.work, "call-" + line, this.asterisk, RealAsterisk.CARRIER_ADDRESS, nextPort(),
				Scenarios.caller(number, keys, hangUpAfter, maxWait, pcaps).replace("[service]", line), null);
		this.running.add(caller);
		return caller;
	}

	/** The customer's phone behind the carrier, answering callbacks as told. */
	Sipp customer(Answering answering) {
		Sipp customer = Sipp.run(this.work, "customer", this.asterisk, RealAsterisk.CARRIER_ADDRESS, this.carrierPort,
				Scenarios.answering("customer", answering), null);
		this.running.add(customer);
		return customer;
	}

	/** Ends every phone and caller a test started. */
	void hangUpAll() throws InterruptedException {
		for (Sipp sipp : this.running) {
			sipp.close();
		}
		this.running.clear();
		// a SIPp ended mid-call sends no BYE: its channel would stay in the waiting line
		// and meet the next test's agent
		this.asterisk.cli("channel request hangup all");
	}

	/**
	 * Puts an agent on {@code endpoint} with these skills, logged in and ready, replacing
	 * any earlier profile of theirs.
	 */
	void agent(String id, String endpoint, String skillsJson) {
		Api api = api();
		String profile = "\"name\":\"Agent " + id + "\",\"endpoint\":\"PJSIP/" + endpoint
				+ "\",\"team\":\"e2e\",\"skills\":" + skillsJson + ",\"languages\":[\"de\",\"en\"]";
		long version = 0;
		for (JsonNode agent : api.get("/api/agents")) {
			if (agent.path("id").asText().equals(id)) {
				version = agent.path("version").asLong();
			}
			else if (agent.path("endpoint").asText().equals("PJSIP/" + endpoint)) {
				// the phone goes to this test's agent
				api.write("DELETE", "/api/agents/" + agent.path("id").asText(), null, null, "If-Match",
						"\"" + agent.path("version").asLong() + "\"");
			}
		}
		if (version == 0) {
			api.write("PUT", "/api/agents/" + id, "application/json", "{" + profile + "}", "If-None-Match", "*");
		}
		else {
			api.write("PUT", "/api/agents/" + id, "application/json", "{" + profile + ",\"version\":" + version + "}");
			api.write("POST", "/api/agents/" + id + "/state", "application/json", "{\"action\":\"logout\"}");
		}
		api.write("POST", "/api/agents/" + id + "/state", "application/json", "{\"action\":\"login\"}");
	}

	/** Makes the agent ready once Switchboard knows their phone is reachable. */
	void ready(String id) {
		awaitThat("agent " + id + "'s phone reachable", Duration.ofSeconds(20),
				() -> state(id).path("reachable").asBoolean());
		api().write("POST", "/api/agents/" + id + "/state", "application/json", "{\"action\":\"ready\"}");
	}

	JsonNode state(String id) {
		return api().get("/api/agents/" + id + "/state");
	}

	/**
	 * Writes a country's schedule as a supervisor does, replacing the current version.
	 */
	void schedule(String country, String yaml) {
		Api api = api();
		long version = api.get("/api/schedules/" + country).path("version").asLong();
		api.write("PUT", "/api/schedules/" + country, "application/yaml",
				yaml.replace("version: CURRENT", "version: " + version));
	}

	/** What the first Switchboard has logged since it started. */
	String switchboardLog() {
		try {
			return Files.readString(this.logs.get(switchboard()));
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/** Where Asterisk's log stands now, to read what it says from here on. */
	int mark() {
		return this.asterisk.log().length();
	}

	/** What Asterisk logged since {@code mark}: what was played, which contexts ran. */
	String logSince(int mark) {
		return this.asterisk.log().substring(mark);
	}

	/** The records of calls that arrived since {@code since}, oldest first. */
	List<JsonNode> records(Instant since) {
		List<JsonNode> records = new ArrayList<>();
		api().get("/api/calls?from=" + since + "&limit=500").path("calls").forEach(records::add);
		return records;
	}

	/** The next UDP port nothing on this machine holds, for a SIPp of a test. */
	private int nextPort() {
		for (int tries = 0; tries < 100; tries++) {
			this.nextPort += 2;
			if (RealAsterisk.udpPortFree(this.nextPort)) {
				return this.nextPort;
			}
		}
		throw new IllegalStateException("no free UDP port after " + this.nextPort);
	}

	static void awaitThat(String what, Duration timeout, BooleanSupplier condition) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("not within " + timeout + ": " + what);
			}
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError("interrupted waiting for: " + what);
			}
		}
	}

	private void closeQuietly() {
		try {
			hangUpAll();
			for (SwitchboardProcess switchboard : this.switchboards) {
				switchboard.close();
			}
			this.asterisk.close();
			this.redis.close();
		}
		catch (Exception ex) {
			// the JVM is ending: nothing left to tell
		}
	}

}
