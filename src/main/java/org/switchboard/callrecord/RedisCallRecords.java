package org.switchboard.callrecord;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import redis.clients.jedis.PipelineBase;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XTrimParams;
import redis.clients.jedis.resps.StreamEntry;

import org.springframework.stereotype.Component;

import org.switchboard.redis.Keys;

/**
 * Call records in a Redis Stream, {@code sb:{site}:callrecord:calls}: one JSON entry per
 * record version, trimmed to the retention ({@code XTRIM MINID ~}, in Redis's own time).
 * A sorted set, {@code sb:{site}:callrecord:arrivals}, indexes the entries by the call's
 * arrival, so a window is read by arrival whatever the entry ids, and trimmed by arrival.
 * Agents' changes of state, for occupancy, are a sorted set by instant,
 * {@code sb:{site}:callrecord:agent-states}.
 */
@Component
class RedisCallRecords implements CallRecords {

	/** A state change older than this before a window is not looked for. */
	private static final Duration STATE_LOOKBACK = Duration.ofHours(24);

	private final UnifiedJedis redis;

	private final String calls;

	private final String arrivals;

	private final String states;

	private final ObjectMapper json;

	private final CallRecordSettings settings;

	private final Clock clock;

	RedisCallRecords(UnifiedJedis redis, Keys keys, ObjectMapper json, CallRecordSettings settings, Clock clock) {
		this.redis = redis;
		this.calls = keys.key("callrecord", "calls");
		this.arrivals = keys.key("callrecord", "arrivals");
		this.states = keys.key("callrecord", "agent-states");
		this.json = json;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Adds the entries, then indexes them and trims what is past retention: two round
	 * trips however many records. A failure between the two is retried whole: the entries
	 * are then in the stream twice, and read once.
	 */
	@Override
	public void append(List<CallRecord> records) {
		List<String> texts = records.stream().map(this::write).toList();
		List<Response<StreamEntryID>> ids = new ArrayList<>(records.size());
		try (PipelineBase pipeline = this.redis.pipelined()) {
			for (int i = 0; i < records.size(); i++) {
				ids.add(pipeline.xadd(this.calls, StreamEntryID.NEW_ENTRY,
						Map.of("call", records.get(i).callId(), "record", texts.get(i))));
			}
			pipeline.sync();
		}
		long newest = 0;
		try (PipelineBase pipeline = this.redis.pipelined()) {
			for (int i = 0; i < records.size(); i++) {
				StreamEntryID id = ids.get(i).get();
				newest = Math.max(newest, id.getTime());
				pipeline.zadd(this.arrivals, records.get(i).times().arrived().toEpochMilli(), id.toString());
			}
			long oldest = newest - this.settings.retention().toMillis();
			pipeline.xtrim(this.calls,
					XTrimParams.xTrimParams().minId(Long.toString(Math.max(0, oldest))).approximateTrimming());
			pipeline.zremrangeByScore(this.arrivals, "-inf", "(" + olderThanRetention());
			pipeline.sync();
		}
	}

	@Override
	public List<CallRecord> arrivedBetween(Instant from, Instant to) {
		List<String> ids = this.redis.zrangeByScore(this.arrivals, Long.toString(from.toEpochMilli()),
				"(" + to.toEpochMilli());
		List<Response<List<StreamEntry>>> entries = new ArrayList<>(ids.size());
		try (PipelineBase pipeline = this.redis.pipelined()) {
			for (String id : ids) {
				StreamEntryID entry = new StreamEntryID(id);
				entries.add(pipeline.xrange(this.calls, entry, entry, 1));
			}
			pipeline.sync();
		}
		// the latest version of a call has the highest entry id
		Map<String, StreamEntryID> latestId = new HashMap<>();
		Map<String, CallRecord> latest = new HashMap<>();
		for (int i = 0; i < ids.size(); i++) {
			for (StreamEntry entry : entries.get(i).get()) {
				CallRecord record = read(entry.getFields().get("record"));
				StreamEntryID seen = latestId.get(record.callId());
				if (seen == null || seen.compareTo(entry.getID()) < 0) {
					latestId.put(record.callId(), entry.getID());
					latest.put(record.callId(), record);
				}
			}
		}
		List<CallRecord> records = new ArrayList<>(latest.values());
		records.sort(Comparator.comparing((CallRecord record) -> record.times().arrived())
			.thenComparing(CallRecord::callId));
		return records;
	}

	@Override
	public void appendAgentStates(List<Occupancy.Change> changes) {
		Map<String, Double> members = new HashMap<>();
		for (Occupancy.Change change : changes) {
			members.put(change.agentId() + " " + change.state() + " " + change.at(),
					(double) change.at().toEpochMilli());
		}
		try (PipelineBase pipeline = this.redis.pipelined()) {
			pipeline.zadd(this.states, members);
			pipeline.zremrangeByScore(this.states, "-inf", "(" + olderThanRetention());
			pipeline.sync();
		}
	}

	@Override
	public List<Occupancy.Change> agentStates(Instant since, Instant to) {
		List<Occupancy.Change> changes = new ArrayList<>();
		for (String member : this.redis.zrangeByScore(this.states,
				Long.toString(since.minus(STATE_LOOKBACK).toEpochMilli()), "(" + to.toEpochMilli())) {
			// agent ids are single words (they name Redis keys and endpoints)
			String[] parts = member.split(" ");
			changes.add(new Occupancy.Change(parts[0], parts[1], Instant.parse(parts[2])));
		}
		return changes;
	}

	private long olderThanRetention() {
		return this.clock.instant().minus(this.settings.retention()).toEpochMilli();
	}

	private String write(CallRecord record) {
		try {
			return this.json.writeValueAsString(record);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("cannot write the record of call " + record.callId(), ex);
		}
	}

	private CallRecord read(String value) {
		try {
			return this.json.readValue(value, CallRecord.class);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("unreadable call record in " + this.calls + ": " + ex.getOriginalMessage(),
					ex);
		}
	}

}
