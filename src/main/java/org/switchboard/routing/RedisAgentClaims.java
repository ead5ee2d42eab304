package org.switchboard.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import redis.clients.jedis.UnifiedJedis;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import org.switchboard.call.CallEvent;
import org.switchboard.call.CallEvent.AgentReserved;
import org.switchboard.common.Throttled;
import org.switchboard.redis.Keys;

/**
 * Claims in Redis, each one Lua script over the agents' ready indexes and the waiting
 * line ({@code routing/claim.lua}, {@code routing/claim-call.lua}, and in every change of
 * an agent {@code routing/ready-offer.lua}); "now" comes from the clock, so the lease is
 * the Java side's. A claim that meets a group still being built drives the build to its
 * end, one short script a slice (Redis never stalls for other clients), and asks again.
 */
@Component
class RedisAgentClaims implements AgentClaims {

	private static final Logger log = LoggerFactory.getLogger(RedisAgentClaims.class);

	private final UnifiedJedis redis;

	private final Keys keys;

	private final Clock clock;

	private final RoutingSettings settings;

	private final ApplicationEventPublisher events;

	private final RedisGroupIndexBuilder builder;

	private final Throttled sweepFailures = new Throttled(Duration.ofMinutes(1));

	RedisAgentClaims(UnifiedJedis redis, Keys keys, Clock clock, RoutingSettings settings,
			ApplicationEventPublisher events, RedisGroupIndexBuilder builder) {
		this.redis = redis;
		this.keys = keys;
		this.clock = clock;
		this.settings = settings;
		this.events = events;
		this.builder = builder;
	}

	@Override
	public Optional<String> claim(CallNeeds call) {
		return claim(call, false);
	}

	@Override
	public Optional<String> claimOrWait(CallNeeds call) {
		return claim(call, true);
	}

	@Override
	public Optional<String> claimWaitingCall(String agentId) {
		Instant now = this.clock.instant();
		Object callId = RoutingLua.CLAIM_CALL.run(this.redis, key(), this.keys.prefix(),
				Map.of("agentId", agentId, "now", ms(now), "lease", lease()));
		return claimed((String) callId, agentId, now, true).map(AgentReserved::callId);
	}

	/**
	 * Retires a group of needs no call has needed for the configured while (30 minutes by
	 * default; {@code routing/retire-groups.lua}), once a minute rather than in the
	 * claims, so a claim spends no Redis call on it: a group is retired at most a minute
	 * late.
	 */
	@Scheduled(fixedDelay = 1, timeUnit = TimeUnit.MINUTES)
	void retireUnusedGroups() {
		try {
			RoutingLua.RETIRE_GROUPS.run(this.redis, key(), this.keys.prefix(), Map.of("now", ms(this.clock.instant()),
					"keepUnused", Long.toString(this.settings.retireGroupsAfter().toMillis())));
		}
		catch (RuntimeException ex) {
			// Redis away: the groups stay used until a later run; one line a minute says
			// so
			long unsaid = this.sweepFailures.trace("retire");
			if (unsaid >= 0) {
				log.warn("Unused groups of needs could not be retired: {} ({} more such failures unlogged)",
						ex.getMessage(), unsaid);
			}
		}
	}

	@Override
	public void tookWaitingCall(String agentId, String callId, Instant at) {
		claimed(callId, agentId, at, true);
	}

	private Optional<String> claim(CallNeeds call, boolean wait) {
		return claim(call, wait ? "1" : "0", false);
	}

	@Override
	public Optional<String> claimForWaitingCall(CallNeeds call) {
		return claim(call, "2", true);
	}

	private Optional<String> claim(CallNeeds call, String mode, boolean waiting) {
		Instant now = this.clock.instant();
		Object answer = RoutingLua.CLAIM.run(this.redis, key(), this.keys.prefix(), args(call, mode, now));
		if (building(answer)) {
			buildGroupsOf(call);
			now = this.clock.instant();
			answer = RoutingLua.CLAIM.run(this.redis, key(), this.keys.prefix(), args(call, mode, now));
		}
		String agentId = (answer instanceof List<?> claimed && !building(answer)) ? (String) claimed.get(0) : null;
		return claimed(call.callId(), agentId, now, waiting).map(AgentReserved::agentId);
	}

	@Override
	public Candidate best(CallNeeds call) {
		Object answer = RoutingLua.CLAIM.run(this.redis, key(), this.keys.prefix(),
				args(call, "peek", this.clock.instant()));
		if (building(answer)) {
			buildGroupsOf(call);
			answer = RoutingLua.CLAIM.run(this.redis, key(), this.keys.prefix(),
					args(call, "peek", this.clock.instant()));
		}
		if (!(answer instanceof List<?> found) || building(answer)) {
			return new Candidate(Optional.empty(), "", false);
		}
		String agentId = (String) found.get(0);
		return new Candidate(Optional.of(agentId).filter((id) -> !id.isEmpty()), (String) found.get(1),
				agentId.isEmpty());
	}

	/**
	 * Builds the call's groups that are being built to their end: the first call to need
	 * a group waits for it (0.1-0.3 s at 10,000 agents), as before slices, but no other
	 * client waits on Redis meanwhile; calls needing it at the same time help.
	 */
	private void buildGroupsOf(CallNeeds call) {
		for (String group : call.groups()) {
			this.builder.build(group);
		}
	}

	private static boolean building(Object answer) {
		return answer instanceof List<?> found && "building".equals(found.get(1)) && "".equals(found.get(0));
	}

	/** The claim's named arguments (routing/claim.lua), as the call's hash keeps them. */
	private Map<String, Object> args(CallNeeds call, String mode, Instant now) {
		Map<String, Object> args = new LinkedHashMap<>();
		args.put("now", ms(now));
		args.put("lease", lease());
		args.put("callId", call.callId());
		args.put("groups", call.groupList());
		args.put("mode", mode);
		args.put("queue", call.queue());
		args.put("priority", Integer.toString(call.priority()));
		args.put("arrivedAt", ms(call.arrivedAt()));
		args.put("score", Long.toString(call.score()));
		args.put("quota", CallQuota.named(call.quota()));
		args.put("groupBuildSlice", Integer.toString(this.settings.groupBuildSlice()));
		return args;
	}

	private Optional<AgentReserved> claimed(String callId, String agentId, Instant now, boolean fromWaitingLine) {
		if (callId == null || agentId == null) {
			return Optional.empty();
		}
		AgentReserved claimed = new AgentReserved(callId, agentId, now.plus(this.settings.claimLease()),
				fromWaitingLine, now);
		this.events.publishEvent(claimed);
		return Optional.of(claimed);
	}

	private List<String> key() {
		return List.of(this.keys.key("waiting", "groups"));
	}

	private String lease() {
		return Long.toString(this.settings.claimLease().toMillis());
	}

	private static String ms(Instant instant) {
		return Long.toString(instant.toEpochMilli());
	}

}
