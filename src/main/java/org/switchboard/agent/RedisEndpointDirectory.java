package org.switchboard.agent;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.PipelineBase;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

import org.switchboard.redis.Keys;

/**
 * Whose phone an endpoint is, answered from this instance's copy of the hash
 * {@code agents:endpoints}: every AMI event about a channel asks (a call raises half a
 * dozen), and most ask about callers' trunks, which are nobody's. The agent script counts
 * {@code agents:endpoints:version} up whenever the hash changes; the copy checks that
 * count at most once a {@link #CHECK_EVERY second} and reads the hash again only when it
 * moved. An edit on this instance drops the copy at once, one on another instance reaches
 * it within the second. While Redis is away the last copy goes on answering.
 */
final class RedisEndpointDirectory {

	static final Duration CHECK_EVERY = Duration.ofSeconds(1);

	private static final Logger log = LoggerFactory.getLogger(RedisEndpointDirectory.class);

	private final UnifiedJedis redis;

	private final Keys keys;

	private final ReentrantLock reading = new ReentrantLock();

	private volatile Copy copy;

	RedisEndpointDirectory(UnifiedJedis redis, Keys keys) {
		this.redis = redis;
		this.keys = keys;
	}

	/** The id of the agent whose phone this is, e.g. {@code PJSIP/1001}. */
	Optional<String> agentId(String endpoint) {
		return Optional.ofNullable(current().ids().get(endpoint));
	}

	/** This instance changed an agent's endpoint: the next question reads the hash. */
	void changed() {
		this.copy = null;
	}

	private Copy current() {
		Copy known = this.copy;
		if (known != null && known.fresh()) {
			return known;
		}
		this.reading.lock();
		try {
			known = this.copy;
			if (known != null && known.fresh()) {
				return known;
			}
			this.copy = read(known);
			return this.copy;
		}
		catch (JedisException ex) {
			if (known == null) {
				throw ex;
			}
			log.debug("Agents' endpoints not re-read ({}); the last copy answers", ex.getMessage());
			this.copy = known.checkedNow();
			return this.copy;
		}
		finally {
			this.reading.unlock();
		}
	}

	private Copy read(Copy known) {
		String versionKey = this.keys.key("agents", "endpoints", "version");
		String version = this.redis.get(versionKey);
		if (known != null && Objects.equals(version, known.version())) {
			return known.checkedNow();
		}
		// the version first: a change between the two reads is seen again at the next
		// check
		Response<String> versionRead;
		Response<Map<String, String>> ids;
		try (PipelineBase pipeline = this.redis.pipelined()) {
			versionRead = pipeline.get(versionKey);
			ids = pipeline.hgetAll(this.keys.key("agents", "endpoints"));
			pipeline.sync();
		}
		return new Copy(versionRead.get(), Map.copyOf(ids.get()), System.nanoTime());
	}

	/** The hash as read at one version, and when that version was last checked. */
	private record Copy(String version, Map<String, String> ids, long checkedAt) {

		boolean fresh() {
			return System.nanoTime() - this.checkedAt < CHECK_EVERY.toNanos();
		}

		Copy checkedNow() {
			return new Copy(this.version, this.ids, System.nanoTime());
		}

	}

}
