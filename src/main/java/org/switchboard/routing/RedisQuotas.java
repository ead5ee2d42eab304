package org.switchboard.routing;

import java.util.Set;

import redis.clients.jedis.UnifiedJedis;

import org.springframework.stereotype.Component;

import org.switchboard.redis.Keys;

/**
 * Reads the country quotas the claim scripts keep (layout in {@code routing/lib.lua}):
 * the set {@code quota:active:<country>} of calls with an agent, the counter
 * {@code quota:answered:<country>:<window>}.
 */
@Component
class RedisQuotas {

	private final UnifiedJedis redis;

	private final Keys keys;

	RedisQuotas(UnifiedJedis redis, Keys keys) {
		this.redis = redis;
		this.keys = keys;
	}

	/** Whether the window's calls given an agent have reached its limit. */
	boolean answeredUsedUp(CallQuota quota) {
		if (quota.maxAnswered().isEmpty()) {
			return false;
		}
		String given = this.redis.get(this.keys.key("quota", "answered", quota.country(), quota.window()));
		return given != null && Long.parseLong(given) >= quota.maxAnswered().getAsInt();
	}

	/** The calls of a country with an agent now. */
	long active(String country) {
		return this.redis.scard(this.keys.key("quota", "active", country));
	}

	/**
	 * Drops calls routing no longer looks after from a country's calls with an agent: a
	 * missed hang-up must not hold a quota place for ever.
	 */
	int forgetOthers(String country, Set<String> live) {
		String key = this.keys.key("quota", "active", country);
		String[] stale = this.redis.smembers(key)
			.stream()
			.filter((call) -> !live.contains(call))
			.toArray(String[]::new);
		return (stale.length == 0) ? 0 : (int) this.redis.srem(key, stale);
	}

}
