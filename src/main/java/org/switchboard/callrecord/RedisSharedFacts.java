package org.switchboard.callrecord;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import redis.clients.jedis.PipelineBase;
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

	@Override
	public void add(String callId, Fact fact) {
		String key = this.keys.key("callrecord", "facts", callId);
		try (PipelineBase pipeline = this.redis.pipelined()) {
			pipeline.rpush(key, write(fact));
			pipeline.expire(key, KEEP.toSeconds());
			pipeline.sync();
		}
	}

	@Override
	public List<Fact> of(String callId) {
		List<Fact> facts = new ArrayList<>();
		for (String value : this.redis.lrange(this.keys.key("callrecord", "facts", callId), 0, -1)) {
			facts.add(read(value));
		}
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

	@Override
	public List<Instant> wrapUpEnds(String agentId, Instant since) {
		return this.redis
			.zrangeByScore(this.keys.key("callrecord", "wrapups", agentId), Long.toString(since.toEpochMilli()), "+inf")
			.stream()
			.map(Instant::parse)
			.toList();
	}

	@Override
	public boolean claimWrite(String callId, String version) {
		return "OK".equals(this.redis.set(this.keys.key("callrecord", "written", callId, version), "1",
				SetParams.setParams().nx().ex(KEEP.toSeconds())));
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
