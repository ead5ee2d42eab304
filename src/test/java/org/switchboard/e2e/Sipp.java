package org.switchboard.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SIPp process: a caller on the carrier trunk or an agent's phone. It writes every
 * SIP message it sent and received to a file, which is what the tests read to know who
 * rang and who hung up.
 */
final class Sipp implements AutoCloseable {

	private static final AtomicInteger MEDIA_PORTS = new AtomicInteger(40000 + (int) (Math.random() * 10000) / 2 * 2);

	private static final Pattern RECEIVED = Pattern.compile("message received \\[\\d+\\] bytes :\\s*\\n\\s*(\\S+) ");

	private final Process process;

	private final Path messages;

	private final Path output;

	private Sipp(Process process, Path messages, Path output) {
		this.process = process;
		this.messages = messages;
		this.output = output;
	}

	/** A media port (and the three above it, which SIPp may use) that nothing holds. */
	private static int freeMediaPort() {
		for (int tries = 0; tries < 100; tries++) {
			int port = MEDIA_PORTS.getAndAdd(4);
			if (RealAsterisk.udpPortFree(port) && RealAsterisk.udpPortFree(port + 2)) {
				return port;
			}
		}
		throw new IllegalStateException("no free media port");
	}

	/** {@code sipp} on the PATH, if there is one. */
	static Optional<Path> find() {
		for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
			Path candidate = Path.of(entry, "sipp");
			if (Files.isExecutable(candidate)) {
				return Optional.of(candidate);
			}
		}
		return Optional.empty();
	}

	/**
	 * Runs one scenario against Asterisk from {@code address:port}; {@code outOfCall}
	 * (may be null) answers the requests that belong to no call of the main scenario.
	 */
	static Sipp run(Path work, String name, RealAsterisk asterisk, String address, int port, String scenario,
			String outOfCall) {
		return run(work, name, asterisk, address, port, scenario, outOfCall, List.of("-m", "1"), true);
	}

	/**
	 * The same with SIPp's own options for many calls ({@code -r}, {@code -m},
	 * {@code -inf} …); {@code trace} writes every message to a file, which costs CPU.
	 */
	static Sipp run(Path work, String name, RealAsterisk asterisk, String address, int port, String scenario,
			String outOfCall, List<String> options, boolean trace) {
		try {
			Path dir = Files.createTempDirectory(work, "sipp-" + name + "-");
			Path main = Files.writeString(dir.resolve("main.xml"), scenario);
			List<String> command = new ArrayList<>(
					List.of("sipp", "127.0.0.1:" + asterisk.sipPort(), "-sf", main.toString(), "-i", address, "-p",
							Integer.toString(port), "-mp", Integer.toString(freeMediaPort()), "-nostdin", "-trace_err",
							"-error_file", dir.resolve("errors.log").toString(), "-timeout", "600s", "-timeout_error"));
			command.addAll(options);
			if (trace) {
				command.addAll(List.of("-trace_msg", "-message_file", dir.resolve("messages.log").toString()));
			}
			if (outOfCall != null) {
				command.add("-oocsf");
				command.add(Files.writeString(dir.resolve("out-of-call.xml"), outOfCall).toString());
			}
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(dir.resolve("output.log").toFile())
				.start();
			return new Sipp(process, dir.resolve("messages.log"), dir.resolve("output.log"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The requests and responses it received, in order: "INVITE", "BYE", "SIP/2.0" … */
	List<String> received() {
		List<String> firstWords = new ArrayList<>();
		Matcher matcher = RECEIVED.matcher(messages());
		while (matcher.find()) {
			firstWords.add(matcher.group(1));
		}
		return firstWords;
	}

	/** How many requests of this method it received. */
	long receivedRequests(String method) {
		return received().stream().filter(method::equals).count();
	}

	/** The calls SIPp counted as successful in its closing screen. */
	long successfulCalls() {
		try {
			Matcher matcher = Pattern.compile("Successful call\\s+\\|\\s+\\d+\\s+\\|\\s+(\\d+)")
				.matcher(Files.readString(this.output, StandardCharsets.ISO_8859_1));
			long last = 0;
			while (matcher.find()) {
				last = Long.parseLong(matcher.group(1));
			}
			return last;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	long pid() {
		return this.process.pid();
	}

	/** The CPU time its process has used so far, in nanoseconds. */
	long cpuNanos() {
		return this.process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
	}

	String messages() {
		try {
			return Files.exists(this.messages) ? Files.readString(this.messages, StandardCharsets.ISO_8859_1) : "";
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Waits for the scenario to end and tells whether it ran to its end as written
	 * (SIPp's exit code 0).
	 */
	boolean await(Duration timeout) throws InterruptedException {
		if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			return false;
		}
		return this.process.exitValue() == 0;
	}

	boolean running() {
		return this.process.isAlive();
	}

	/** What went wrong, for a failure message. */
	String diagnosis() {
		try {
			String out = Files.exists(this.output) ? Files.readString(this.output, StandardCharsets.ISO_8859_1) : "";
			Path errors = this.output.resolveSibling("errors.log");
			String err = Files.exists(errors) ? Files.readString(errors, StandardCharsets.ISO_8859_1) : "";
			return "sipp in " + this.output.getParent() + " exit "
					+ (this.process.isAlive() ? "(running)" : this.process.exitValue()) + "; errors: " + tail(err, 1500)
					+ "; output: " + tail(out, 800);
		}
		catch (IOException ex) {
			return ex.toString();
		}
	}

	private static String tail(String text, int length) {
		return text.length() <= length ? text : text.substring(text.length() - length);
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process.isAlive()) {
			this.process.destroy();
			if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor();
			}
		}
	}

}
