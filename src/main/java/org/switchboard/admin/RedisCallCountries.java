package org.switchboard.admin;

import java.util.Optional;

import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import org.switchboard.redis.Keys;
import org.switchboard.routing.RoutingEvent.CallRouted;

/**
 * The country of each routed call, for the live view's per-country lines: heard from
 * routing's {@link CallRouted} on whichever instance routed it and kept in Redis
 * ({@code sb:{site}:live:country:<call>}, for a day) so every instance shows the same.
 */
@Component
class RedisCallCountries {

	private static final long KEEP_SECONDS = 24 * 3600;

	private final UnifiedJedis redis;

	private final Keys keys;

	RedisCallCountries(UnifiedJedis redis, Keys keys) {
		this.redis = redis;
		this.keys = keys;
	}

	@EventListener
	void routed(CallRouted routed) {
		routed.country()
			.ifPresent(
					(country) -> this.redis.set(key(routed.callId()), country, SetParams.setParams().ex(KEEP_SECONDS)));
	}

	Optional<String> country(String callId) {
		return Optional.ofNullable(this.redis.get(key(callId)));
	}

	private String key(String callId) {
		return this.keys.key("live", "country", callId);
	}

}
