package org.switchboard.ivr;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

import org.springframework.stereotype.Component;

import org.switchboard.redis.Keys;

/**
 * Announcements in one Redis hash, {@code sb:{site}:ivr:announcements}, field = scope,
 * value = JSON. Callers read a copy of the whole hash taken at most {@link #FRESH} ago
 * (one HGETALL a second for the instance, however many calls arrive); an edit through
 * this instance drops the copy at once, and other instances see it within {@link #FRESH}.
 * When Redis is away callers hear the announcements last read (none if it never
 * answered), Redis is asked again a second later, and the call itself goes on.
 */
@Component
class RedisEmergencyAnnouncements implements EmergencyAnnouncements {

	private static final Logger log = LoggerFactory.getLogger(RedisEmergencyAnnouncements.class);

	private final UnifiedJedis redis;

	private final String key;

	private final ObjectMapper json;

	/** How old the copy callers hear may be. */
	static final Duration FRESH = Duration.ofSeconds(1);

	private final ReentrantLock refreshing = new ReentrantLock();

	private volatile Copy copy;

	RedisEmergencyAnnouncements(UnifiedJedis redis, Keys keys, ObjectMapper json) {
		this.redis = redis;
		this.key = keys.key("ivr", "announcements");
		this.json = json;
	}

	@Override
	public List<Announcement> activeFor(Optional<String> country) {
		Map<String, Announcement> byScope = current();
		List<Announcement> active = new ArrayList<>();
		List<String> scopes = new ArrayList<>();
		scopes.add(Announcement.GLOBAL);
		country.ifPresent(scopes::add);
		for (String scope : scopes) {
			Announcement announcement = byScope.get(scope);
			if (announcement != null && announcement.on()) {
				active.add(announcement);
			}
		}
		return active;
	}

	/**
	 * The copy callers hear: refreshed by one caller at a time when older than
	 * {@link #FRESH}; while one refreshes, the others hear the copy they have.
	 */
	private Map<String, Announcement> current() {
		Copy held = this.copy;
		if (held != null && held.fresh()) {
			return held.byScope();
		}
		if (held != null && !this.refreshing.tryLock()) {
			return held.byScope();
		}
		if (held == null) {
			this.refreshing.lock();
		}
		try {
			held = this.copy;
			if (held != null && held.fresh()) {
				return held.byScope();
			}
			Map<String, Announcement> byScope;
			try {
				byScope = readAll();
			}
			catch (JedisException ex) {
				byScope = (held != null) ? held.byScope() : Map.of();
				log.warn("Emergency announcements unavailable (Redis: {}); callers hear the {} last read",
						ex.getMessage(), byScope.size());
			}
			this.copy = new Copy(byScope, System.nanoTime());
			return byScope;
		}
		finally {
			this.refreshing.unlock();
		}
	}

	private Map<String, Announcement> readAll() {
		Map<String, Announcement> byScope = new LinkedHashMap<>();
		this.redis.hgetAll(this.key).forEach((scope, value) -> {
			try {
				byScope.put(scope, read(value));
			}
			catch (IllegalStateException ex) {
				log.warn("Skipping announcement {}: {}", scope, ex.getMessage());
			}
		});
		return Map.copyOf(byScope);
	}

	@Override
	public List<Announcement> all() {
		Map<String, String> stored = this.redis.hgetAll(this.key);
		return stored.values().stream().map(this::read).sorted((a, b) -> a.scope().compareTo(b.scope())).toList();
	}

	@Override
	public void put(Announcement announcement) {
		try {
			this.redis.hset(this.key, announcement.scope(), this.json.writeValueAsString(announcement));
			this.copy = null;
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("cannot write announcement " + announcement.scope(), ex);
		}
	}

	@Override
	public boolean remove(String scope) {
		boolean removed = this.redis.hdel(this.key, Announcement.normalizeScope(scope)) > 0;
		this.copy = null;
		return removed;
	}

	private Announcement read(String value) {
		try {
			return this.json.readValue(value, Announcement.class);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("unreadable announcement in " + this.key + ": " + ex.getOriginalMessage(),
					ex);
		}
	}

	private record Copy(Map<String, Announcement> byScope, long readAt) {

		boolean fresh() {
			return System.nanoTime() - this.readAt < FRESH.toNanos();
		}

	}

}
