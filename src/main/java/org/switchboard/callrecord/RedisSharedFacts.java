package org.switchboard.callrecord;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import redis.clients.jedis.PipelineBase;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

import org.springframework.stereotype.Component;

import org.switchboard.redis.Keys;

/**
 * Shared call facts in Redis: a list per call, {@code sb:{site}:callrecord:facts:<call>}
 * (JSON facts, kept a day), the ends of wrap-up per agent in a sorted set,
 * {@code sb:{site}:callrecord:wrapups:<agent>}, and a write claim per call and version,
 * {@code sb:{site}:callrecord:written:<call>:<version>} ({@code SET NX}).
 */
@Component
class RedisSharedFacts implements SharedFacts {

	private static final Duration KEEP = Duration.ofDays(1);

	private static final int WRAP_UPS_KEPT = 32;

	private final UnifiedJedis redis;

	private final Keys keys;

	private final ObjectMapper json;

	RedisSharedFacts(UnifiedJedis redis, Keys keys, ObjectMapper json) {
		this.redis = redis;
		this.keys = keys;
		this.json = json;
	}

	/** One round trip however many facts. */
	@Override
	public void add(List<Noted> facts) {
		try (PipelineBase pipeline = this.redis.pipelined()) {
			for (Noted noted : facts) {
				String key = this.keys.key("callrecord", "facts", noted.callId());
				pipeline.rpush(key, write(noted.fact()));
				pipeline.expire(key, KEEP.toSeconds());
			}
			pipeline.sync();
		}
	}

	/** One round trip however many calls. */
	@Override
	public Map<String, List<Fact>> of(Collection<String> callIds) {
		Map<String, Response<List<String>>> read = new LinkedHashMap<>();
		try (PipelineBase pipeline = this.redis.pipelined()) {
			for (String callId : callIds) {
				read.put(callId, pipeline.lrange(this.keys.key("callrecord", "facts", callId), 0, -1));
			}
			pipeline.sync();
		}
		Map<String, List<Fact>> facts = new LinkedHashMap<>();
		read.forEach((callId, values) -> facts.put(callId, values.get().stream().map(this::read).toList()));
		return facts;
	}

	@Override
	public void wrapUpEnded(String agentId, Instant at) {
		String key = this.keys.key("callrecord", "wrapups", agentId);
		try (PipelineBase pipeline = this.redis.pipelined()) {
			pipeline.zadd(key, at.toEpochMilli(), at.toString());
			pipeline.zremrangeByRank(key, 0, -WRAP_UPS_KEPT - 1);
			pipeline.expire(key, KEEP.toSeconds());
			pipeline.sync();
		}
	}

	/** One round trip however many agents. */
	@Override
	public Map<String, List<Instant>> wrapUpEnds(Collection<String> agentIds, Instant since) {
		Map<String, Response<List<String>>> read = new LinkedHashMap<>();
		try (PipelineBase pipeline = this.redis.pipelined()) {
			for (String agentId : agentIds) {
				read.put(agentId, pipeline.zrangeByScore(this.keys.key("callrecord", "wrapups", agentId),
						Long.toString(since.toEpochMilli()), "+inf"));
			}
			pipeline.sync();
		}
		Map<String, List<Instant>> ends = new LinkedHashMap<>();
		read.forEach((agentId, values) -> ends.put(agentId, values.get().stream().map(Instant::parse).toList()));
		return ends;
	}

	/** One round trip however many calls: a SET NX per call. */
	@Override
	public Set<String> claimWrites(Collection<String> callIds, String version) {
		Map<String, Response<String>> set = new LinkedHashMap<>();
		try (PipelineBase pipeline = this.redis.pipelined()) {
			for (String callId : callIds) {
				set.put(callId, pipeline.set(this.keys.key("callrecord", "written", callId, version), "1",
						SetParams.setParams().nx().ex(KEEP.toSeconds())));
			}
			pipeline.sync();
		}
		Set<String> ours = new LinkedHashSet<>();
		set.forEach((callId, answer) -> {
			if ("OK".equals(answer.get())) {
				ours.add(callId);
			}
		});
		return ours;
	}

	private String write(Fact fact) {
		try {
			return this.json.writeValueAsString(fact);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("cannot write a fact of kind " + fact.kind(), ex);
		}
	}

	private Fact read(String value) {
		try {
			return this.json.readValue(value, Fact.class);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("unreadable call fact: " + ex.getOriginalMessage(), ex);
		}
	}

}
