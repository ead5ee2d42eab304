package org.switchboard.redis;

/**
 * The Redis the tests use: {@code SWITCHBOARD_REDIS_URL} when set, else the embedded
 * server.
 */
public final class TestRedis {

	private TestRedis() {
	}

	public static String url() {
		String configured = System.getenv("SWITCHBOARD_REDIS_URL");
		if (configured == null || configured.isBlank()) {
			configured = System.getProperty("switchboard.redis.url");
		}
		return (configured == null || configured.isBlank()) ? EmbeddedRedis.shared().url() : configured;
	}

}
