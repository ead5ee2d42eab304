package org.switchboard.callrecord;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.resps.StreamEntry;

import org.springframework.stereotype.Component;

import org.switchboard.redis.Keys;

/**
 * Call records in a Redis Stream, {@code sb:{site}:callrecord:calls}, one JSON entry per
 * record version, trimmed by age ({@code XADD MINID ~}) to the retention. Agents' changes
 * of state go to {@code sb:{site}:callrecord:agent-states} for occupancy. A window is
 * read from the entry ids (write times) a margin before its start, since a record is
 * written after its call arrived; the margin covers clock skew between Redis and
 * Switchboard.
 */
@Component
class RedisCallRecords implements CallRecords {

	private static final Duration SKEW = Duration.ofMinutes(5);

	/** A state change older than this before a window is not looked for. */
	private static final Duration STATE_LOOKBACK = Duration.ofHours(24);

	private static final int PAGE = 1000;

	private final UnifiedJedis redis;

	private final String calls;

	private final String states;

	private final ObjectMapper json;

	private final CallRecordSettings settings;

	private final Clock clock;

	RedisCallRecords(UnifiedJedis redis, Keys keys, ObjectMapper json, CallRecordSettings settings, Clock clock) {
		this.redis = redis;
		this.calls = keys.key("callrecord", "calls");
		this.states = keys.key("callrecord", "agent-states");
		this.json = json;
		this.settings = settings;
		this.clock = clock;
	}

	@Override
	public void append(CallRecord record) {
		this.redis.xadd(this.calls, trimmed(), Map.of("call", record.callId(), "record", write(record)));
	}

	@Override
	public List<CallRecord> arrivedBetween(Instant from, Instant to) {
		Map<String, CallRecord> latest = new LinkedHashMap<>();
		scan(this.calls, from.minus(SKEW), (entry) -> {
			CallRecord record = read(entry.getFields().get("record"));
			Instant arrived = record.times().arrived();
			if (!arrived.isBefore(from) && arrived.isBefore(to)) {
				latest.remove(record.callId());
				latest.put(record.callId(), record);
			}
		});
		List<CallRecord> records = new ArrayList<>(latest.values());
		records.sort(Comparator.comparing((CallRecord record) -> record.times().arrived()));
		return records;
	}

	@Override
	public void appendAgentState(Occupancy.Change change) {
		this.redis.xadd(this.states, trimmed(),
				Map.of("agent", change.agentId(), "state", change.state(), "at", change.at().toString()));
	}

	@Override
	public List<Occupancy.Change> agentStates(Instant since, Instant to) {
		List<Occupancy.Change> changes = new ArrayList<>();
		scan(this.states, since.minus(STATE_LOOKBACK), (entry) -> {
			Map<String, String> fields = entry.getFields();
			Instant at = Instant.parse(fields.get("at"));
			if (at.isBefore(to)) {
				changes.add(new Occupancy.Change(fields.get("agent"), fields.get("state"), at));
			}
		});
		return changes;
	}

	private void scan(String key, Instant from, Consumer<StreamEntry> each) {
		StreamEntryID start = new StreamEntryID(Math.max(0, from.toEpochMilli()), 0);
		while (true) {
			List<StreamEntry> page = this.redis.xrange(key, start, (StreamEntryID) null, PAGE);
			for (StreamEntry entry : page) {
				each.accept(entry);
			}
			if (page.size() < PAGE) {
				return;
			}
			StreamEntryID last = page.get(page.size() - 1).getID();
			start = new StreamEntryID(last.getTime(), last.getSequence() + 1);
		}
	}

	private XAddParams trimmed() {
		long oldest = this.clock.instant().minus(this.settings.retention()).toEpochMilli();
		return XAddParams.xAddParams().minId(Long.toString(Math.max(0, oldest))).approximateTrimming();
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
