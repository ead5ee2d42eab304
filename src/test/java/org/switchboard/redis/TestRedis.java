package org.switchboard.redis;

import java.net.URI;

import redis.clients.jedis.JedisPooled;

/**
 * The Redis the tests use: {@code SWITCHBOARD_REDIS_URL} when set, else the embedded
 * server.
 */
public final class TestRedis {

	private TestRedis() {
	}

	private static JedisPooled client;

	/** One client for the whole test run, closed when the JVM exits. */
	public static synchronized JedisPooled client() {
		if (client == null) {
			client = new JedisPooled(URI.create(url()));
			JedisPooled opened = client;
			Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(opened::close));
		}
		return client;
	}

	public static String url() {
		String configured = System.getenv("SWITCHBOARD_REDIS_URL");
		if (configured == null || configured.isBlank()) {
			configured = System.getProperty("switchboard.redis.url");
		}
		return (configured == null || configured.isBlank()) ? EmbeddedRedis.shared().url() : configured;
	}

}
