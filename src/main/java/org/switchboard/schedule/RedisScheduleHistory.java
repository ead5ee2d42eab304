package org.switchboard.schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

import org.switchboard.redis.Keys;

/**
 * Reads a country's published versions from {@code schedule:<CC>:history}, one JSON entry
 * per version with who, when, what changed and the document, and writes such an entry.
 */
class RedisScheduleHistory {

	private static final Logger log = LoggerFactory.getLogger(RedisSchedules.class);

	private static final ObjectMapper JSON = new ObjectMapper();

	private final UnifiedJedis redis;

	private final Keys keys;

	private final ScheduleReader stored;

	RedisScheduleHistory(UnifiedJedis redis, Keys keys, ScheduleReader stored) {
		this.redis = redis;
		this.keys = keys;
		this.stored = stored;
	}

	/**
	 * Every version with its changes in words, worked out from the documents of each two
	 * versions in a row, so versions published before the words existed get them too.
	 */
	List<ScheduleChange> history(String country) {
		List<ScheduleChange> changes = new ArrayList<>();
		Optional<CountrySchedule> before = Optional.empty();
		for (JsonNode entry : entries(country)) {
			Optional<CountrySchedule> document = readable(country, entry);
			List<String> changed = paths(entry);
			List<String> words = changes.isEmpty() ? List.of(ScheduleChange.FIRST)
					: before.isPresent() && document.isPresent() ? ScheduleChanges.between(before.get(), document.get())
							: changed;
			changes.add(change(country, entry, words, changed));
			before = document;
		}
		Collections.reverse(changes);
		return changes;
	}

	Optional<CountrySchedule> version(String country, long version) {
		return entries(country).stream()
			.filter((entry) -> entry.path("version").asLong() == version)
			.findFirst()
			.map((entry) -> this.stored.read(entry.path("document").asText()));
	}

	/** The history entry of a change, as {@code schedule/publish.lua} appends it. */
	static String entry(ScheduleChange change, String document) {
		ObjectNode entry = JSON.createObjectNode();
		entry.put("version", change.version());
		entry.put("at", change.at().toString());
		entry.put("by", change.by());
		change.changed().forEach(entry.putArray("changed")::add);
		change.revertedTo().ifPresent((old) -> entry.put("revertedTo", old));
		entry.put("document", document);
		return entry.toString();
	}

	private List<JsonNode> entries(String country) {
		return this.redis.lrange(this.keys.key("schedule", country) + ":history", 0, -1)
			.stream()
			.map(RedisScheduleHistory::tree)
			.toList();
	}

	private static ScheduleChange change(String country, JsonNode entry, List<String> changes, List<String> changed) {
		return new ScheduleChange(country, entry.path("version").asLong(), Instant.parse(entry.path("at").asText()),
				entry.path("by").asText(), changes, changed,
				entry.has("revertedTo") ? Optional.of(entry.get("revertedTo").asLong()) : Optional.empty());
	}

	private static List<String> paths(JsonNode entry) {
		List<String> changed = new ArrayList<>();
		entry.path("changed").forEach((path) -> changed.add(path.asText()));
		return changed;
	}

	/**
	 * The document of a history entry; empty, with a warning, if today's reader refuses
	 * it (a holiday calendar since dropped), so the history still shows its JSON paths.
	 */
	private Optional<CountrySchedule> readable(String country, JsonNode entry) {
		try {
			return Optional.of(this.stored.read(entry.path("document").asText()));
		}
		catch (InvalidScheduleException ex) {
			log.warn("Version {} of {}'s schedule is no longer readable: {}", entry.path("version").asLong(), country,
					ex.problems());
			return Optional.empty();
		}
	}

	private static JsonNode tree(String text) {
		try {
			return JSON.readTree(text);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("unreadable schedule history entry in Redis", ex);
		}
	}

}
