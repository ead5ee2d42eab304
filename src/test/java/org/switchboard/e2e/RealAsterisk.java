package org.switchboard.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.switchboard.SwitchboardTest;

/**
 * A real Asterisk 20 run from its binary with the project's own {@code asterisk-config/}
 * and {@code dialplans/}, copied into a directory of its own with only what a user must
 * change: addresses, ports and secrets. Its verbose log is what the tests read to know
 * what a caller heard.
 */
final class RealAsterisk implements AutoCloseable {

	/** Where callers and the carrier's side of callbacks send from: the carrier. */
	static final String CARRIER_ADDRESS = "127.0.0.2";

	private static final Pattern CHANGE_ME_AGENT = Pattern.compile("CHANGE_ME_(\\d+)");

	private final Path binary;

	private final Path prefix;

	private final Path dir;

	private final int sipPort;

	private final int amiPort;

	private final String amiSecret;

	private final int carrierPort;

	private final Map<String, String> agentPasswords = new LinkedHashMap<>();

	private int extraAgents;

	private Process process;

	private RealAsterisk(Path binary, Path dir, int sipPort, int amiPort, String amiSecret, int carrierPort) {
		this.binary = binary;
		this.prefix = binary.getParent().getParent();
		this.dir = dir;
		this.sipPort = sipPort;
		this.amiPort = amiPort;
		this.amiSecret = amiSecret;
		this.carrierPort = carrierPort;
	}

	/**
	 * The Asterisk binary named by {@code SWITCHBOARD_ASTERISK} (or the system property
	 * {@code switchboard.e2e.asterisk}), else the one {@code build.sh} installs, else
	 * {@code asterisk} on the PATH.
	 */
	static Optional<Path> find() {
		String named = System.getProperty("switchboard.e2e.asterisk", System.getenv("SWITCHBOARD_ASTERISK"));
		if (named != null && !named.isBlank()) {
			return Optional.of(Path.of(named)).filter(Files::isExecutable);
		}
		List<Path> candidates = new ArrayList<>(List.of(Path.of("/opt/asterisk-20.20.1/sbin/asterisk")));
		for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
			candidates.add(Path.of(entry, "asterisk"));
		}
		candidates.add(Path.of("/usr/sbin/asterisk"));
		return candidates.stream().filter(Files::isExecutable).findFirst();
	}

	/**
	 * Writes the configuration into a fresh directory under {@code work}: the AGI scripts
	 * go to {@code agiHost} (and {@code agiHost2} when not blank), the carrier is
	 * {@link #CARRIER_ADDRESS}, callbacks dial the carrier at {@code carrierPort}.
	 */
	static RealAsterisk configure(Path binary, Path project, Path work, Path sounds, String agiHost, String agiHost2,
			int carrierPort) throws IOException {
		return configure(binary, project, work, sounds, agiHost, agiHost2, carrierPort, 0);
	}

	/**
	 * The same with {@code extraAgents} more phones, 2001 and up, added to pjsip.conf the
	 * way its comments tell a user to add their agents.
	 */
	static RealAsterisk configure(Path binary, Path project, Path work, Path sounds, String agiHost, String agiHost2,
			int carrierPort, int extraAgents) throws IOException {
		Path dir = Files.createTempDirectory(work, "asterisk");
		RealAsterisk asterisk = new RealAsterisk(binary, dir, freeUdpPort(), SwitchboardTest.Initializer.freePort(),
				"e2e-" + Long.toHexString(Double.doubleToLongBits(Math.random())), carrierPort);
		asterisk.extraAgents = extraAgents;
		asterisk.write(project, sounds, agiHost, agiHost2);
		return asterisk;
	}

	private void write(Path project, Path sounds, String agiHost, String agiHost2) throws IOException {
		Path etc = Files.createDirectories(this.dir.resolve("etc"));
		Path varlib = Files.createDirectories(this.dir.resolve("varlib"));
		for (String sub : List.of("spool", "run", "log", "varlib/agi-bin", "varlib/keys")) {
			Files.createDirectories(this.dir.resolve(sub));
		}
		Path installed = this.prefix.resolve("var/lib/asterisk");
		// the sounds Asterisk plays: its core prompts and music, and the project's own
		Path soundDir = Files.createDirectories(varlib.resolve("sounds"));
		link(soundDir.resolve("en"), installed.resolve("sounds/en"));
		link(soundDir.resolve("custom"), sounds.resolve("custom"));
		link(varlib.resolve("moh"), installed.resolve("moh"));
		link(varlib.resolve("documentation"), installed.resolve("documentation"));
		try (Stream<Path> files = Files.list(project.resolve("asterisk-config"))) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".conf")).toList()) {
				Files.writeString(etc.resolve(file.getFileName()),
						edit(file.getFileName().toString(), Files.readString(file), agiHost, agiHost2));
			}
		}
		Path dialplans = Files.createDirectories(etc.resolve("dialplans"));
		Files.writeString(dialplans.resolve("extensions.conf"),
				edit("dialplan", Files.readString(project.resolve("dialplans/extensions.conf")), agiHost, agiHost2));
		Files.writeString(this.conf(), """
				[directories]
				astetcdir => %1$s/etc
				astmoddir => %2$s/lib/asterisk/modules
				astvarlibdir => %1$s/varlib
				astdbdir => %1$s/varlib
				astkeydir => %1$s/varlib
				astdatadir => %1$s/varlib
				astagidir => %1$s/varlib/agi-bin
				astspooldir => %1$s/spool
				astrundir => %1$s/run
				astlogdir => %1$s/log
				astsbindir => %2$s/sbin

				[options]
				verbose = 3
				timestamp = yes
				""".formatted(this.dir, this.prefix));
	}

	/** One configuration file with the values a user sets for their site. */
	private String edit(String name, String text, String agiHost, String agiHost2) {
		return switch (name) {
			case "pjsip.conf" -> {
				StringBuilder agents = new StringBuilder(text);
				for (int agent = 2001; agent < 2001 + this.extraAgents; agent++) {
					agents.append("\n[%1$d](agent-endpoint-template)\nauth = %1$d\naors = %1$d\n".formatted(agent))
						.append("\n[%1$d](agent-auth-template)\nusername = loadphone\npassword = %2$s\n"
							.formatted(agent, loadPassword()))
						.append("\n[%1$d](agent-aor-template)\n".formatted(agent));
				}
				String edited = agents.toString()
					.replace("bind = 0.0.0.0:5060", "bind = 127.0.0.1:" + this.sipPort)
					.replace("contact = sip:203.0.113.10:5060",
							"contact = sip:" + CARRIER_ADDRESS + ":" + this.carrierPort)
					.replace("match = 203.0.113.10", "match = " + CARRIER_ADDRESS);
				Matcher matcher = CHANGE_ME_AGENT.matcher(edited);
				StringBuilder out = new StringBuilder();
				while (matcher.find()) {
					String password = "pw" + matcher.group(1) + "-" + Integer.toHexString(this.amiSecret.hashCode());
					this.agentPasswords.put(matcher.group(1), password);
					matcher.appendReplacement(out, password);
				}
				matcher.appendTail(out);
				yield out.toString();
			}
			case "manager.conf" -> text.replace("port = 5038", "port = " + this.amiPort)
				.replace("bindaddr = 0.0.0.0", "bindaddr = 127.0.0.1")
				.replace("secret = CHANGE_ME", "secret = " + this.amiSecret);
			// a range of its own, wide enough for the load run's calls (every media
			// stream
			// takes two ports), away from the SIP and SIPp media ports
			case "rtp.conf" -> text.replaceFirst("rtpstart = \\d+", "rtpstart = " + rtpStart())
				.replaceFirst("rtpend = \\d+", "rtpend = " + (rtpStart() + 1999));
			case "dialplan" -> text.replace("SB_AGI_HOST=switchboard:4573", "SB_AGI_HOST=" + agiHost)
				.replace("SB_AGI_HOST_2=\n", "SB_AGI_HOST_2=" + agiHost2 + "\n");
			default -> text;
		};
	}

	/**
	 * Starts Asterisk in the foreground of a child process and waits until it is fully
	 * booted.
	 */
	void start() throws IOException, InterruptedException {
		Files.deleteIfExists(this.dir.resolve("run/asterisk.ctl"));
		this.process = new ProcessBuilder(this.binary.toString(), "-C", conf().toString(), "-f", "-n")
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.dir.resolve("console.log").toFile()))
			.start();
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("Asterisk exited while starting (" + this.process.exitValue()
						+ "), see " + this.dir.resolve("console.log"));
			}
			if (Files.exists(this.dir.resolve("run/asterisk.ctl"))
					&& cli("core waitfullybooted").contains("fully booted")) {
				return;
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException("Asterisk not fully booted after 60 s, see " + this.dir.resolve("console.log"));
	}

	/** Stops it as an operator's {@code core stop now} does, killing it if that hangs. */
	void stop() throws InterruptedException {
		if (this.process == null || !this.process.isAlive()) {
			return;
		}
		cli("core stop now");
		if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor();
		}
	}

	/** Kills it as a crash or a power cut would: no goodbye to anyone. */
	void kill() throws InterruptedException {
		if (this.process != null) {
			this.process.destroyForcibly().waitFor();
		}
	}

	/** A one-shot CLI command ({@code asterisk -rx}) and what it printed. */
	String cli(String command) {
		try {
			Process cli = new ProcessBuilder(this.binary.toString(), "-C", conf().toString(), "-rx", command)
				.redirectErrorStream(true)
				.start();
			String out = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!cli.waitFor(30, TimeUnit.SECONDS)) {
				cli.destroyForcibly();
			}
			return out;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "";
		}
	}

	/** Everything Asterisk logged to its console since it was first started. */
	String log() {
		try {
			return Files.readString(this.dir.resolve("console.log"), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() throws InterruptedException {
		stop();
	}

	int sipPort() {
		return this.sipPort;
	}

	int amiPort() {
		return this.amiPort;
	}

	String amiSecret() {
		return this.amiSecret;
	}

	/**
	 * The password every extra agent's phone (2001 and up) authenticates with, as user
	 * {@code loadphone}.
	 */
	String loadPassword() {
		return "load-" + Integer.toHexString(this.amiSecret.hashCode());
	}

	String agentPassword(String endpoint) {
		return this.agentPasswords.get(endpoint);
	}

	Path dir() {
		return this.dir;
	}

	long pid() {
		return this.process.pid();
	}

	/** The CPU time its process has used so far, in nanoseconds. */
	long cpuNanos() {
		return this.process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
	}

	private int rtpStart() {
		return 50000 + (this.sipPort % 5) * 2000;
	}

	private Path conf() {
		return this.dir.resolve("asterisk.conf");
	}

	private static void link(Path link, Path target) throws IOException {
		if (Files.exists(target)) {
			Files.createSymbolicLink(link, target);
		}
		else {
			Files.createDirectories(link);
		}
	}

	/** Whether a UDP socket can bind this port on every address now. */
	static boolean udpPortFree(int port) {
		try (DatagramSocket socket = new DatagramSocket(port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	static int freeUdpPort() {
		for (int attempt = 0; attempt < 50; attempt++) {
			int port = 20000 + (int) (Math.random() * 20000);
			try (DatagramSocket one = new DatagramSocket(port, InetAddress.getLoopbackAddress());
					DatagramSocket two = new DatagramSocket(port + 1, InetAddress.getLoopbackAddress())) {
				return port;
			}
			catch (IOException ex) {
				// taken: try another
			}
		}
		throw new IllegalStateException("no free UDP port pair found");
	}

}
