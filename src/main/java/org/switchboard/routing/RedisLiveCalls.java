package org.switchboard.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import redis.clients.jedis.PipelineBase;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

import org.springframework.stereotype.Component;

import org.switchboard.redis.DueTimes;
import org.switchboard.redis.Keys;
import org.switchboard.redis.LuaScript;

/**
 * The calls routing is looking after, shared by every instance: which channel a call is
 * on (to move it with Redirect), what it needs, and which agent is reserved for it. The
 * call's one hash {@code sb:{site}:call:<id>} with fields {@code channel}, {@code queue},
 * {@code skills}, {@code priority}, {@code arrived}, {@code country} (the schedule's),
 * {@code flow} (the IVR's skills), {@code agent} and {@code claimedAt}; the waiting line
 * keeps its own fields in the same hash ({@link RedisWaitingLine}), and closing the call
 * deletes them all. It expires a day after it was opened, so a call whose end was missed
 * cannot leak. The sorted set {@code overflow:due} holds waiting calls by the time their
 * needs widen next. A callback adds {@code callback} (the number to dial),
 * {@code attempts} and {@code language}; {@code callbacks:due} holds callbacks waiting
 * for their country to open or for their next attempt. {@code queue:busy:<queue>} holds
 * the calls of a queue with an agent, and the hash {@code handle-times} each queue's
 * recent handle time in ms, for the expected wait.
 */
@Component
class RedisLiveCalls implements LiveCalls {

	private static final Duration KEEP = Duration.ofDays(1);

	/**
	 * A queue's recent handle time moved a fifth of the way to one more call's (KEYS[1]
	 * handle-times, ARGV queue and ms): read and written in one step, so calls ending on
	 * two instances at once both count.
	 */
	private static final LuaScript HANDLED = new LuaScript("handled", """
			local before = redis.call('HGET', KEYS[1], ARGV[1])
			local ms = tonumber(ARGV[2])
			if before then ms = math.floor(tonumber(before) * 0.8 + ms * 0.2 + 0.5) end
			redis.call('HSET', KEYS[1], ARGV[1], string.format('%.0f', ms))
			""");

	private volatile java.util.function.Consumer<Instant> widenDue = (at) -> {
	};

	private final UnifiedJedis redis;

	private final Keys keys;

	RedisLiveCalls(UnifiedJedis redis, Keys keys) {
		this.redis = redis;
		this.keys = keys;
	}

	/**
	 * Remembers the call's channel and needs, so it can be moved and put back in line
	 * later.
	 */
	void opened(CallNeeds needs, String channel, Optional<String> country, Map<String, Integer> flowSkills) {
		String key = key(needs.callId());
		try (PipelineBase pipeline = this.redis.pipelined()) {
			pipeline.hset(key,
					Map.of("channel", channel, "queue", needs.queue(), "skills", needs.group(), "priority",
							Integer.toString(needs.priority()), "arrived",
							Long.toString(needs.arrivedAt().toEpochMilli()), "country", country.orElse(""), "flow",
							new CallNeeds(needs.callId(), needs.queue(), flowSkills, 0, needs.arrivedAt()).group()));
			pipeline.expire(key, KEEP.toSeconds());
			pipeline.sadd(index(), needs.callId());
			pipeline.sync();
		}
	}

	/** The call's facts, read at once, if routing looks after it. */
	Optional<LiveCall> find(String callId) {
		Map<String, String> fields = this.redis.hgetAll(key(callId));
		return fields.isEmpty() ? Optional.empty() : Optional.of(new LiveCall(callId, fields));
	}

	/** Every call routing looks after now. */
	java.util.Set<String> all() {
		return this.redis.smembers(index());
	}

	/**
	 * What the call needs, with its first arrival: a call put back in line keeps its
	 * place in time.
	 */
	Optional<CallNeeds> needs(String callId) {
		return find(callId).flatMap(LiveCall::needs);
	}

	@Override
	public Optional<String> country(String callId) {
		return Optional.ofNullable(this.redis.hget(key(callId), "country")).filter((country) -> !country.isEmpty());
	}

	/** The skills the IVR asked for, before the window's were added. */
	Map<String, Integer> flowSkills(String callId) {
		String flow = this.redis.hget(key(callId), "flow");
		return (flow != null) ? CallNeeds.skillsOf(flow) : Map.of();
	}

	/** The call's needs are to widen again at this instant. */
	void widenAt(String callId, Instant at) {
		this.redis.zadd(this.keys.key("overflow", "due"), at.toEpochMilli(), callId);
		this.widenDue.accept(at);
	}

	/** Told the time of every widening set here, to look at the call then. */
	void onWidenDue(java.util.function.Consumer<Instant> listener) {
		this.widenDue = listener;
	}

	/** When the first call due to widen is due; empty when none is. */
	Optional<Instant> nextWiden() {
		return first(this.keys.key("overflow", "due"));
	}

	private Optional<Instant> first(String key) {
		return DueTimes.first(this.redis, key);
	}

	/**
	 * The calls whose needs are due to widen, each taken off the due set by exactly one
	 * instance.
	 */
	java.util.List<String> dueToWiden(Instant now, int most) {
		String due = this.keys.key("overflow", "due");
		return this.redis.zrangeByScore(due, 0, now.toEpochMilli(), 0, most)
			.stream()
			.filter((callId) -> this.redis.zrem(due, callId) == 1)
			.toList();
	}

	boolean known(String callId) {
		return this.redis.exists(key(callId));
	}

	Optional<String> channel(String callId) {
		return Optional.ofNullable(this.redis.hget(key(callId), "channel"));
	}

	/**
	 * Notes the agent reserved for the call; answers the call's facts after the change,
	 * when it is known.
	 */
	Optional<LiveCall> assign(String callId, String agentId, Instant at) {
		Response<Map<String, String>> fields;
		try (PipelineBase pipeline = this.redis.pipelined()) {
			pipeline.hset(key(callId), Map.of("agent", agentId, "claimedAt", Long.toString(at.toEpochMilli())));
			fields = pipeline.hgetAll(key(callId));
			pipeline.sync();
		}
		LiveCall call = new LiveCall(callId, fields.get());
		// never borrow a second connection while holding the pipeline's: under load every
		// connection would wait for another
		if (call.queue().isEmpty()) {
			// the call ended meanwhile: the write above must not leave a hash behind
			this.redis.del(key(callId));
			return Optional.empty();
		}
		this.redis.sadd(busyKey(call.queue().get()), callId);
		return Optional.of(call);
	}

	/**
	 * The queue of the call and when its agent was claimed, when it has one: what a
	 * finished call's handle time is counted for, in one round trip.
	 */
	Optional<Map.Entry<String, Instant>> queueAndClaimedAt(String callId) {
		java.util.List<String> values = this.redis.hmget(key(callId), "queue", "claimedAt");
		if (values.get(0) == null || values.get(1) == null) {
			return Optional.empty();
		}
		return Optional.of(Map.entry(values.get(0), Instant.ofEpochMilli(Long.parseLong(values.get(1)))));
	}

	Optional<String> queue(String callId) {
		return Optional.ofNullable(this.redis.hget(key(callId), "queue"));
	}

	/** The calls of a queue with an agent now: the agents working the queue. */
	long busy(String queue) {
		return this.redis.scard(busyKey(queue));
	}

	/**
	 * Adds one finished call's handle time to its queue's recent average (each new call
	 * weighs a fifth).
	 */
	void handled(String queue, Duration handle) {
		HANDLED.run(this.redis, List.of(this.keys.key("handle-times")),
				List.of(queue, Long.toString(handle.toMillis())));
	}

	/** The queue's recent handle time, if one of its calls has ended. */
	Optional<Duration> handleTime(String queue) {
		return Optional.ofNullable(this.redis.hget(this.keys.key("handle-times"), queue))
			.map(Long::parseLong)
			.map(Duration::ofMillis);
	}

	/**
	 * Marks that the waiting caller was offered a callback; answers false if they were
	 * already.
	 */
	boolean offerCallback(String callId) {
		return this.redis.hsetnx(key(callId), "offered", "1") == 1;
	}

	/** The call becomes a callback to this number; the caller may hang up. */
	void callback(String callId, String number, String language) {
		this.redis.hset(key(callId), Map.of("callback", number, "attempts", "0", "language", language));
		this.redis.expire(key(callId), KEEP.toSeconds() * 7);
	}

	/** The number a callback dials, when the call is one. */
	Optional<String> callbackNumber(String callId) {
		return Optional.ofNullable(this.redis.hget(key(callId), "callback"));
	}

	/** Counts one more dialling of the customer; answers how many there were. */
	int attempted(String callId) {
		return (int) this.redis.hincrBy(key(callId), "attempts", 1);
	}

	int attempts(String callId) {
		return Optional.ofNullable(this.redis.hget(key(callId), "attempts")).map(Integer::parseInt).orElse(0);
	}

	Optional<String> agent(String callId) {
		return Optional.ofNullable(this.redis.hget(key(callId), "agent"));
	}

	void unassign(String callId) {
		unassign(callId, queue(callId));
	}

	/** The call has no agent any more (it was read before). */
	void unassign(LiveCall call) {
		unassign(call.callId(), call.queue());
	}

	private void unassign(String callId, Optional<String> queue) {
		try (PipelineBase pipeline = this.redis.pipelined()) {
			pipeline.hdel(key(callId), "agent", "claimedAt");
			queue.ifPresent((name) -> pipeline.srem(busyKey(name), callId));
			pipeline.sync();
		}
	}

	/**
	 * Forgets the call: its facts, its place among the busy calls and in the due sets.
	 */
	void closed(String callId) {
		closed(callId, queue(callId));
	}

	/** Forgets the call (it was read before). */
	void closed(LiveCall call) {
		closed(call.callId(), call.queue());
	}

	private void closed(String callId, Optional<String> queue) {
		try (PipelineBase pipeline = this.redis.pipelined()) {
			queue.ifPresent((name) -> pipeline.srem(busyKey(name), callId));
			pipeline.zrem(this.keys.key("callbacks", "due"), callId);
			pipeline.del(key(callId));
			pipeline.srem(index(), callId);
			pipeline.zrem(this.keys.key("overflow", "due"), callId);
			pipeline.sync();
		}
	}

	private String busyKey(String queue) {
		return this.keys.key("queue", "busy", queue);
	}

	private String index() {
		return this.keys.key("calls");
	}

	private String key(String callId) {
		return this.keys.key("call", callId);
	}

}
