package org.switchboard.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * A real Redis server started from the binary that ships in the embedded-redis jar, for a
 * first run and for tests on a machine without Redis. One per JVM: every application
 * context of a test run shares it (sites keep their keys apart), and it stops when the
 * JVM exits. It keeps nothing on disk.
 */
final class EmbeddedRedis {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedRedis.class);

	private static EmbeddedRedis shared;

	private final RedisServer server;

	private final int port;

	private EmbeddedRedis(int port) throws IOException {
		this.port = port;
		this.server = server(port);
		this.server.start();
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

	/** The JVM's embedded server, started on a free loopback port at first use. */
	static synchronized EmbeddedRedis shared() {
		if (shared == null) {
			try {
				shared = new EmbeddedRedis(freePort());
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot start the embedded Redis server", ex);
			}
			EmbeddedRedis started = shared;
			Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(started::stop));
			log.info("Started an embedded Redis on 127.0.0.1:{}", started.port);
		}
		return shared;
	}

	String url() {
		return "redis://127.0.0.1:" + this.port;
	}

	private void stop() {
		try {
			this.server.stop();
		}
		catch (IOException ex) {
			log.debug("embedded Redis did not stop cleanly", ex);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
