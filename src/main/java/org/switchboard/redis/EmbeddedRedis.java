package org.switchboard.redis;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * A real Redis server run from the binary that ships in the embedded-redis jar, for a
 * first run and for tests on a machine without Redis; it keeps nothing on disk. Its
 * process is ours, not the library's, whose own shutdown hook would stop it while the
 * application still writes: it stops when {@link #stop()} is called, which Spring does
 * after the connection pool that depends on it has closed. It runs in a session of its
 * own where {@code setsid} exists, so that Ctrl-C in a terminal, which signals the whole
 * foreground process group, reaches only the JVM.
 */
final class EmbeddedRedis {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedRedis.class);

	private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

	/** The last lines Redis printed, to say why it did not start. */
	private static final int LINES_KEPT = 20;

	private final Process process;

	private final int port;

	private EmbeddedRedis(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	/** A server, not started, on a loopback port, keeping nothing on disk. */
	static RedisServer server(int port) throws IOException {
		return RedisServer.newRedisServer()
			.bind("127.0.0.1")
			.port(port)
			.setting("save \"\"")
			.setting("appendonly no")
			.onShutdownForceStop(true)
			.build();
	}

	/** Starts a server on a free loopback port and waits until it accepts connections. */
	static EmbeddedRedis start() {
		try {
			int port = freePort();
			List<String> redis = RedisServer.newRedisServer()
				.bind("127.0.0.1")
				.port(port)
				.setting("save \"\"")
				.setting("appendonly no")
				.buildCommandArgs();
			List<String> command = new ArrayList<>();
			setsid().ifPresent(command::add);
			command.addAll(redis);
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			awaitReady(process, port);
			// Redis has read its configuration: the file the library wrote is not needed
			Files.deleteIfExists(Path.of(redis.get(1)));
			log.info("Started an embedded Redis on 127.0.0.1:{}", port);
			return new EmbeddedRedis(process, port);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot start the embedded Redis server", ex);
		}
	}

	String url() {
		return "redis://127.0.0.1:" + this.port;
	}

	/** Stops the server (SIGTERM, then SIGKILL if it lingers) and waits for its exit. */
	void stop() {
		if (!this.process.isAlive()) {
			return;
		}
		this.process.destroy();
		try {
			if (!this.process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				this.process.destroyForcibly().waitFor();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
		log.info("Embedded Redis on 127.0.0.1:{} stopped", this.port);
	}

	/**
	 * Reads Redis's output until it says it is ready; the rest is read and dropped on a
	 * thread of its own, so a full pipe never stalls Redis.
	 */
	private static void awaitReady(Process process, int port) throws IOException {
		CountDownLatch ready = new CountDownLatch(1);
		Deque<String> lines = new ArrayDeque<>();
		Thread.ofPlatform().daemon().name("embedded-redis-output").start(() -> {
			try (BufferedReader output = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line = output.readLine(); line != null; line = output.readLine()) {
					if (ready.getCount() > 0) {
						synchronized (lines) {
							lines.addLast(line);
							if (lines.size() > LINES_KEPT) {
								lines.removeFirst();
							}
						}
						if (line.contains("Ready to accept connections")) {
							ready.countDown();
						}
					}
				}
			}
			catch (IOException ex) {
				// the process has gone; its exit is seen below or by stop()
			}
		});
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		try {
			while (!ready.await(50, TimeUnit.MILLISECONDS)) {
				if (!process.isAlive() || System.nanoTime() > deadline) {
					process.destroyForcibly();
					String said;
					synchronized (lines) {
						said = String.join(System.lineSeparator(), lines);
					}
					throw new IOException("embedded Redis on port " + port + " did not start within "
							+ START_TIMEOUT.toSeconds() + "s; it said:" + System.lineSeparator() + said);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
			throw new IOException("interrupted while the embedded Redis started", ex);
		}
	}

	private static Optional<String> setsid() {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			File candidate = new File(dir, "setsid");
			if (!dir.isEmpty() && candidate.canExecute()) {
				return Optional.of(candidate.getAbsolutePath());
			}
		}
		return Optional.empty();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
