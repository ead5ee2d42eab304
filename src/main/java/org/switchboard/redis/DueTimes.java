package org.switchboard.redis;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.Tuple;

/**
 * Sorted sets scored by when each member is due, in epoch milliseconds: the overflow,
 * callback and closing sets.
 */
public final class DueTimes {

	private DueTimes() {
	}

	/** When the first member of the set is due; empty when the set is empty. */
	public static Optional<Instant> first(UnifiedJedis redis, String key) {
		return first(redis.zrangeWithScores(key, 0, 0));
	}

	/** When the first of these scored members is due; empty when there is none. */
	public static Optional<Instant> first(List<Tuple> scored) {
		return scored.stream().findFirst().map((first) -> Instant.ofEpochMilli((long) first.getScore()));
	}

}
