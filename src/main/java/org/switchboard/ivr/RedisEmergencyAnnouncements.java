package org.switchboard.ivr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
 * value = JSON. A caller costs one HMGET. When Redis is away the caller simply hears no
 * announcement: the call itself must go on.
 */
@Component
class RedisEmergencyAnnouncements implements EmergencyAnnouncements {

	private static final Logger log = LoggerFactory.getLogger(RedisEmergencyAnnouncements.class);

	private final UnifiedJedis redis;

	private final String key;

	private final ObjectMapper json;

	RedisEmergencyAnnouncements(UnifiedJedis redis, Keys keys, ObjectMapper json) {
		this.redis = redis;
		this.key = keys.key("ivr", "announcements");
		this.json = json;
	}

	@Override
	public List<Announcement> activeFor(Optional<String> country) {
		List<String> fields = new ArrayList<>();
		fields.add(Announcement.GLOBAL);
		country.ifPresent(fields::add);
		try {
			List<Announcement> active = new ArrayList<>();
			for (String value : this.redis.hmget(this.key, fields.toArray(String[]::new))) {
				if (value != null) {
					Announcement announcement = read(value);
					if (announcement.on()) {
						active.add(announcement);
					}
				}
			}
			return active;
		}
		catch (JedisException ex) {
			log.warn("Emergency announcements unavailable (Redis: {}); callers hear none", ex.getMessage());
			return List.of();
		}
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
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("cannot write announcement " + announcement.scope(), ex);
		}
	}

	@Override
	public boolean remove(String scope) {
		return this.redis.hdel(this.key, Announcement.normalizeScope(scope)) > 0;
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

}
