package org.switchboard.callrecord;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.PipelineBase;
import redis.clients.jedis.Response;
import redis.clients.jedis.resps.Tuple;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ZAddParams;

import org.springframework.stereotype.Component;

import org.switchboard.call.CallEvent;
import org.switchboard.redis.DueTimes;
import org.switchboard.redis.Keys;
import org.switchboard.redis.LuaScript;

/**
 * The calls' shared logs in Redis: a sorted set per call,
 * {@code sb:{site}:callrecord:log:<id>}, of its events as JSON scored by their instant
 * (an event heard by several instances is one entry, as each writes the same text; kept a
 * day; once the record is written, only which record it was, or for a requested callback
 * its events too), and the closing index {@code sb:{site}:callrecord:closing}, a sorted
 * set of call ids scored by when to look at them. callrecord/settle.lua takes a call off
 * the index for one instance.
 */
@Component
class RedisCallLog implements CallLog {

	private static final Logger log = LoggerFactory.getLogger(RedisCallLog.class);

	private static final Duration KEEP = Duration.ofDays(1);

	private static final String WRITTEN = "written:";

	private static final LuaScript SETTLE = LuaScript.fromClasspath("callrecord/settle.lua");

	private static final Map<String, Class<?>> TYPES = Arrays.stream(CallEvent.class.getPermittedSubclasses())
		.collect(Collectors.toMap(Class::getSimpleName, Function.identity()));

	private final UnifiedJedis redis;

	private final Keys keys;

	private final ObjectMapper json;

	RedisCallLog(UnifiedJedis redis, Keys keys, ObjectMapper json) {
		this.redis = redis;
		this.keys = keys;
		this.json = json;
	}

	@Override
	public Due append(List<Appended> events, Instant now, int limit) {
		Map<String, Appended> lookAt = new HashMap<>();
		Response<List<String>> due;
		Response<List<Tuple>> next;
		try (PipelineBase pipeline = this.redis.pipelined()) {
			for (Appended appended : events) {
				String key = log(appended.event().callId());
				pipeline.zadd(key, appended.event().at().toEpochMilli(), write(appended.event()));
				lookAt.merge(appended.event().callId(), appended, RedisCallLog::sooner);
			}
			lookAt.forEach((callId, appended) -> {
				pipeline.expire(log(callId), KEEP.toSeconds());
				double score = appended.lookAt().toEpochMilli();
				if (appended.ends()) {
					pipeline.zadd(closing(), score, callId);
				}
				else {
					pipeline.zadd(closing(), score, callId, ZAddParams.zAddParams().nx());
				}
			});
			due = pipeline.zrangeByScore(closing(), "-inf", Long.toString(now.toEpochMilli()), 0, limit);
			next = pipeline.zrangeByScoreWithScores(closing(), "(" + now.toEpochMilli(), "+inf", 0, 1);
			pipeline.sync();
		}
		return new Due(due.get(), DueTimes.first(next.get()));
	}

	@Override
	public Map<String, Logged> read(Collection<String> callIds) {
		Map<String, Response<List<String>>> read = new LinkedHashMap<>();
		try (PipelineBase pipeline = this.redis.pipelined()) {
			for (String callId : callIds) {
				read.put(callId, pipeline.zrange(log(callId), 0, -1));
			}
			pipeline.sync();
		}
		Map<String, Logged> logged = new LinkedHashMap<>();
		read.forEach((callId, entries) -> {
			List<CallEvent> events = new ArrayList<>();
			Outcome written = null;
			for (String entry : entries.get()) {
				if (entry.startsWith(WRITTEN)) {
					written = Outcome.valueOf(entry.substring(WRITTEN.length()));
				}
				else {
					read(callId, entry).ifPresent(events::add);
				}
			}
			logged.put(callId, new Logged(events, written));
		});
		return logged;
	}

	@Override
	public Set<String> settle(Map<String, CallClosing> decided) {
		if (decided.isEmpty()) {
			return Set.of();
		}
		List<Map<String, Object>> calls = new ArrayList<>();
		decided.forEach((callId, closing) -> calls.add(switch (closing) {
			case CallClosing.Write write -> Map.of("id", callId, "act", "write", "keep", write.keepEvents(), "outcome",
					write.record().outcome().name());
			case CallClosing.Drop drop -> Map.of("id", callId, "act", "drop", "keep", drop.keepLog());
			case CallClosing.Later later -> Map.of("id", callId, "act", "later", "at", later.at().toEpochMilli());
		}));
		Object ours = SETTLE.run(this.redis, List.of(closing()), this.keys.prefix(),
				Map.of("keepSeconds", KEEP.toSeconds(), "calls", calls));
		Set<String> written = new LinkedHashSet<>();
		((List<?>) ours).forEach((callId) -> written.add((String) callId));
		return written;
	}

	private String log(String callId) {
		return this.keys.key("callrecord", "log", callId);
	}

	private String closing() {
		return this.keys.key("callrecord", "closing");
	}

	/**
	 * Of two events of one call in a batch: the one that ends it, else the sooner look.
	 */
	private static Appended sooner(Appended a, Appended b) {
		if (a.ends() != b.ends()) {
			return a.ends() ? a : b;
		}
		if (a.ends()) {
			return a.lookAt().isAfter(b.lookAt()) ? a : b;
		}
		return a.lookAt().isBefore(b.lookAt()) ? a : b;
	}

	/** An entry of a log: the event's type by name, and the event. */
	private record Entry(String type, CallEvent event) {

	}

	private String write(CallEvent event) {
		try {
			return this.json.writeValueAsString(new Entry(event.getClass().getSimpleName(), event));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("cannot write " + event.getClass().getSimpleName(), ex);
		}
	}

	/**
	 * An entry of a call's log as its event; one that cannot be read (written by another
	 * version, or damaged) is left out of the record, not allowed to hold it up.
	 */
	private Optional<CallEvent> read(String callId, String entry) {
		try {
			JsonNode tree = this.json.readTree(entry);
			Class<?> type = TYPES.get(tree.path("type").asText());
			if (type != null && tree.path("event").isObject()) {
				return Optional.of((CallEvent) this.json.treeToValue(tree.get("event"), type));
			}
			log.warn("Call {}: an entry of its log is no call event; left out of its record", callId);
		}
		catch (JsonProcessingException ex) {
			log.warn("Call {}: an event of its log cannot be read ({}); left out of its record", callId,
					ex.getOriginalMessage());
		}
		return Optional.empty();
	}

}
