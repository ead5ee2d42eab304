package org.switchboard.load;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import redis.clients.jedis.Jedis;
import redis.embedded.RedisServer;

import org.switchboard.SwitchboardTest;

/**
 * A Redis of the harness's own on a free port, which it can stop and start again: the
 * {@code redis-server} binary as a child process, else the embedded server the tests use.
 * A stop saves the data set first ({@code SHUTDOWN SAVE}) and a start loads it, as a
 * Redis with persistence does across a restart; the machine's shared Redis is never
 * touched.
 */
public final class ChildRedis implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

	private final int port;

	private final Path dir;

	private final String binary;

	private Process process;

	private RedisServer embedded;

	private ChildRedis(int port, Path dir, String binary) {
		this.port = port;
		this.dir = dir;
		this.binary = binary;
	}

	/**
	 * Starts a Redis on a free port, its data in a fresh directory under {@code work}.
	 */
	public static ChildRedis start(Path work) throws IOException, InterruptedException {
		ChildRedis redis = new ChildRedis(SwitchboardTest.Initializer.freePort(),
				Files.createTempDirectory(work, "redis"), binary());
		redis.start();
		return redis;
	}

	public String url() {
		return "redis://127.0.0.1:" + this.port;
	}

	/** What runs it: the binary's path, or "embedded". */
	String kind() {
		return (this.binary != null) ? this.binary : "embedded";
	}

	public synchronized void start() throws IOException, InterruptedException {
		if (this.binary != null) {
			this.process = new ProcessBuilder(this.binary, "--bind", "127.0.0.1", "--port", String.valueOf(this.port),
					"--dir", this.dir.toString(), "--dbfilename", "dump.rdb", "--save", "", "--appendonly", "no")
				.redirectErrorStream(true)
				.redirectOutput(this.dir.resolve("redis.log").toFile())
				.start();
		}
		else {
			this.embedded = RedisServer.newRedisServer()
				.bind("127.0.0.1")
				.port(this.port)
				.setting("dir " + this.dir)
				.setting("dbfilename dump.rdb")
				.setting("save \"\"")
				.setting("appendonly no")
				.onShutdownForceStop(true)
				.build();
			this.embedded.start();
		}
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (!answers()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Redis on port " + this.port + " not up after " + START_TIMEOUT);
			}
			Thread.sleep(20);
		}
	}

	/**
	 * Saves the data set and stops the server; connections are refused until
	 * {@link #start()}.
	 */
	public synchronized void stop() throws IOException, InterruptedException {
		try (Jedis jedis = new Jedis("127.0.0.1", this.port)) {
			jedis.shutdown(redis.clients.jedis.params.ShutdownParams.shutdownParams().save());
		}
		catch (RuntimeException ex) {
			// SHUTDOWN closes the connection without a reply
		}
		if (this.process != null) {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor();
			}
			this.process = null;
		}
		if (this.embedded != null) {
			this.embedded.stop();
			this.embedded = null;
		}
	}

	@Override
	public synchronized void close() throws IOException, InterruptedException {
		if (this.process != null || this.embedded != null) {
			stop();
		}
		try (Stream<Path> files = Files.walk(this.dir)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(file);
			}
		}
	}

	private boolean answers() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 200);
		}
		catch (IOException ex) {
			return false;
		}
		try (Jedis jedis = new Jedis("127.0.0.1", this.port)) {
			return "PONG".equals(jedis.ping());
		}
		catch (RuntimeException ex) {
			// still loading its data set
			return false;
		}
	}

	private static String binary() {
		String path = System.getenv().getOrDefault("PATH", "");
		for (String dir : List.of(path.split(File.pathSeparator))) {
			File candidate = new File(dir, "redis-server");
			if (candidate.canExecute()) {
				return candidate.getAbsolutePath();
			}
		}
		return null;
	}

}
