package org.switchboard.routing;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import redis.clients.jedis.UnifiedJedis;

import org.springframework.context.ApplicationEventPublisher;

import org.switchboard.agent.Agents;
import org.switchboard.agent.TestAgents;
import org.switchboard.redis.Keys;
import org.switchboard.redis.LuaScript;

/**
 * The claim as {@link ClaimBenchmark} times it, for the load harness to time while a
 * whole Switchboard runs on the same Redis site: the choice alone, a whole claim with its
 * release, and the bare round trip of a trivial script as the baseline.
 */
public final class ClaimProbe {

	private final LuaScript trivial = new LuaScript("trivial", "return ARGV[1]");

	private final UnifiedJedis redis;

	private final Keys keys;

	private final Clock clock = Clock.systemUTC();

	private final RedisAgentClaims claims;

	private final Agents agents;

	public ClaimProbe(UnifiedJedis redis, Keys keys) {
		this.redis = redis;
		this.keys = keys;
		RoutingSettings settings = new RoutingSettings(Duration.ofSeconds(30), Duration.ofSeconds(20), Map.of(),
				Set.of(), 9, null, null, null, 200);
		ApplicationEventPublisher events = (event) -> {
		};
		// the release offers the agent the waiting calls in the same script, as in the
		// application
		this.agents = TestAgents.inRedis(redis, keys, this.clock, events, new WaitingCallOffer(settings));
		this.claims = new RedisAgentClaims(redis, keys, this.clock, settings, events,
				new RedisGroupIndexBuilder(redis, keys, settings, events));
	}

	/** The needs of a probe call: these skills at these levels. */
	public CallNeeds needs(String callId, Map<String, Integer> skills) {
		return new CallNeeds(callId, "probe", new HashMap<>(skills), 0, this.clock.instant());
	}

	/** One EVALSHA of a script that does nothing. */
	public Object baseline() {
		return this.trivial.run(this.redis, List.of(this.keys.key("x")), List.of("1"));
	}

	/** The claim's choice, changing nothing. */
	public Object choose(CallNeeds call) {
		return this.claims.best(call);
	}

	/** A whole claim (the agent reserved) and the agent's release: two scripts. */
	public Object claimAndRelease(CallNeeds call) {
		return this.claims.claim(call).map(this.agents::release);
	}

}
