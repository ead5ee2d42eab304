package org.switchboard.redis;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;
import redis.embedded.RedisServer;

/**
 * The Redis the tests use: {@code SWITCHBOARD_REDIS_URL} when set, else the embedded
 * server.
 */
public final class TestRedis {

	private TestRedis() {
	}

	private static JedisPooled client;

	private static EmbeddedRedis embedded;

	/** One embedded server for the whole test run, stopped when the JVM exits. */
	private static synchronized EmbeddedRedis embedded() {
		if (embedded == null) {
			embedded = EmbeddedRedis.start();
			EmbeddedRedis started = embedded;
			Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(started::stop));
		}
		return embedded;
	}

	/** One client for the whole test run, closed when the JVM exits. */
	public static synchronized JedisPooled client() {
		if (client == null) {
			client = new JedisPooled(URI.create(url()));
			JedisPooled opened = client;
			Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(opened::close));
		}
		return client;
	}

	/**
	 * A Redis server of a test's own on this loopback port, not started: for tests that
	 * stop Redis under the application.
	 */
	public static RedisServer ownServer(int port) throws IOException {
		return EmbeddedRedis.server(port);
	}

	/**
	 * Starts a Redis server of a test's own on a free port, with a client that gives up
	 * on it within 300 ms: for tests that stop Redis under the code they test.
	 */
	public static Own startOwn() throws IOException {
		int port = org.switchboard.SwitchboardTest.Initializer.freePort();
		RedisServer server = ownServer(port);
		server.start();
		return new Own(server, new JedisPooled(new HostAndPort("127.0.0.1", port),
				DefaultJedisClientConfig.builder().timeoutMillis(300).build()));
	}

	/** A started Redis server of a test's own and its client; closing stops both. */
	public record Own(RedisServer server, JedisPooled client) implements AutoCloseable {

		@Override
		public void close() throws IOException {
			this.client.close();
			this.server.stop();
		}

	}

	/**
	 * A client whose pool holds one connection and waits half a second for it: code that
	 * borrows a second connection while holding one fails with it instead of starving a
	 * busy pool.
	 */
	public static JedisPooled oneConnection() {
		GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
		pool.setMaxTotal(1);
		pool.setMaxWait(Duration.ofMillis(500));
		URI address = URI.create(url());
		return new JedisPooled(pool, new HostAndPort(address.getHost(), address.getPort()),
				DefaultJedisClientConfig.builder().build());
	}

	public static String url() {
		String configured = System.getenv("SWITCHBOARD_REDIS_URL");
		if (configured == null || configured.isBlank()) {
			configured = System.getProperty("switchboard.redis.url");
		}
		return (configured == null || configured.isBlank()) ? embedded().url() : configured;
	}

}
