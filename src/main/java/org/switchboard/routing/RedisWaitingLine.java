package org.switchboard.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import redis.clients.jedis.UnifiedJedis;

import org.springframework.stereotype.Component;

import org.switchboard.redis.Keys;

/**
 * The waiting line in Redis, keys under {@code sb:{site}:}. What it knows of a call is
 * kept in the call's one hash {@code call:<id>} (see {@link RedisLiveCalls}): the call's
 * own {@code queue}, {@code priority} and {@code arrived}, and the line's {@code groups}
 * and quota ({@code quotaCountry}, {@code maxConcurrent}, {@code window},
 * {@code maxAnswered}, {@code windowEnds}, {@code taken}); a hash without {@code groups}
 * is a call the line does not know, and removing a call deletes only the line's fields.
 * Sorted sets {@code waiting:queue:<queue>} (positions, sizes) and
 * {@code waiting:group:<needs>} (what an agent who becomes ready reads) of the waiting
 * calls, both by {@link CallNeeds#score()}; the set {@code waiting:groups} of groups with
 * calls in them. Changes run in {@code routing/waiting-line.lua}, so both lines always
 * agree.
 */
@Component
class RedisWaitingLine implements WaitingLine {

	/** The fields of the call's hash that say what it needs in line. */
	private static final List<String> FIELDS = List.of("queue", "groups", "priority", "arrived", "quotaCountry",
			"maxConcurrent", "window", "maxAnswered", "windowEnds");

	private final UnifiedJedis redis;

	private final Keys keys;

	RedisWaitingLine(UnifiedJedis redis, Keys keys) {
		this.redis = redis;
		this.keys = keys;
	}

	@Override
	public void enqueue(CallNeeds call) {
		run("enqueue", call.callId(),
				Map.of("queue", call.queue(), "groups", call.groupList(), "priority", Integer.toString(call.priority()),
						"arrivedAt", Long.toString(call.arrivedAt().toEpochMilli()), "score",
						Long.toString(call.score()), "quota", CallQuota.named(call.quota())));
	}

	@Override
	public boolean remove(String callId) {
		return Long.valueOf(1).equals(run("remove", callId, Map.of()));
	}

	@Override
	public void giveBack(String callId) {
		run("giveback", callId, Map.of());
	}

	@Override
	public boolean requeueAtHead(String callId) {
		return Long.valueOf(1)
			.equals(run("requeue", callId, Map.of("priorityBand", Long.toString(CallNeeds.PRIORITY_BAND))));
	}

	@Override
	public OptionalInt position(String callId) {
		String queue = this.redis.hget(this.keys.key("call", callId), "queue");
		Long rank = (queue != null) ? this.redis.zrank(this.keys.key("waiting", "queue", queue), callId) : null;
		return (rank != null) ? OptionalInt.of(rank.intValue() + 1) : OptionalInt.empty();
	}

	@Override
	public List<String> firstOfCountry(String country, int most) {
		return this.redis.zrange(this.keys.key("waiting", "country", country), 0, most - 1);
	}

	@Override
	public List<String> firstOfGroup(String group, int most) {
		return this.redis.zrange(this.keys.key("waiting", "group", group), 0, most - 1);
	}

	@Override
	public int placeFor(CallNeeds call) {
		return (int) this.redis.zcount(this.keys.key("waiting", "queue", call.queue()), "-inf", "(" + call.score()) + 1;
	}

	@Override
	public long size(String queue) {
		return this.redis.zcard(this.keys.key("waiting", "queue", queue));
	}

	@Override
	public Optional<CallNeeds> find(String callId) {
		List<String> values = this.redis.hmget(this.keys.key("call", callId), FIELDS.toArray(String[]::new));
		Map<String, String> fields = new HashMap<>();
		for (int i = 0; i < FIELDS.size(); i++) {
			if (values.get(i) != null) {
				fields.put(FIELDS.get(i), values.get(i));
			}
		}
		// a hash routing opened holds queue, priority and arrived too: groups tells
		// a call the line knows
		if (!fields.keySet().containsAll(List.of("groups", "queue", "priority", "arrived"))) {
			return Optional.empty();
		}
		List<Map<String, Integer>> groups = CallNeeds.groupsOf(fields.get("groups"));
		return Optional.of(new CallNeeds(callId, fields.get("queue"), groups.get(0), groups.subList(1, groups.size()),
				Integer.parseInt(fields.get("priority")), Instant.ofEpochMilli(Long.parseLong(fields.get("arrived"))),
				CallQuota.of(fields)));
	}

	@Override
	public List<CallNeeds> waiting() {
		// a call whose needs widened waits in the line of every group that serves it
		java.util.Set<String> callIds = new java.util.LinkedHashSet<>();
		for (String group : this.redis.smembers(this.keys.key("waiting", "groups"))) {
			callIds.addAll(this.redis.zrange(this.keys.key("waiting", "group", group), 0, -1));
		}
		List<CallNeeds> calls = new ArrayList<>();
		callIds.forEach((callId) -> find(callId).ifPresent(calls::add));
		return calls;
	}

	/** Runs one operation of routing/waiting-line.lua with its named arguments. */
	private Object run(String operation, String callId, Map<String, ?> args) {
		Map<String, Object> named = new HashMap<>(args);
		named.put("operation", operation);
		named.put("callId", callId);
		return RoutingLua.WAITING_LINE.run(this.redis, List.of(this.keys.key("waiting", "groups")), this.keys.prefix(),
				named);
	}

}
