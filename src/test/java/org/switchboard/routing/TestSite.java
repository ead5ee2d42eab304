package org.switchboard.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import redis.clients.jedis.UnifiedJedis;

import org.switchboard.TestClock;
import org.switchboard.agent.Agent;
import org.switchboard.agent.AgentEvent.AgentBecameReady;
import org.switchboard.agent.Agents;
import org.switchboard.agent.TestAgents;
import org.switchboard.redis.Keys;

/**
 * One site in a real Redis with agents, claims and the waiting line wired as Spring wires
 * them: an agent who becomes ready is offered the waiting calls at once. Events are
 * recorded.
 */
final class TestSite {

	static final Duration LEASE = Duration.ofSeconds(30);

	static final Duration RETIRE_GROUPS_AFTER = Duration.ofMinutes(30);

	final UnifiedJedis redis;

	final Keys keys;

	final TestClock clock = new TestClock(Instant.parse("2026-03-02T09:00:00Z"));

	final List<Object> events = new CopyOnWriteArrayList<>();

	final Agents agents;

	final RedisGroupIndexBuilder builder;

	final RoutingSettings settings;

	final RedisAgentClaims claims;

	final RedisWaitingLine line;

	final WaitingCallDispatcher dispatcher;

	TestSite(UnifiedJedis redis, String site) {
		this(redis, site, 200, true);
	}

	/**
	 * A site whose agents are offered the waiting calls in the step that makes them ready
	 * (as Spring wires them) when {@code offered}, else by a second script afterwards.
	 */
	TestSite(UnifiedJedis redis, String site, boolean offered) {
		this(redis, site, 200, offered);
	}

	/** A site whose group builds read {@code slice} agents a script. */
	TestSite(UnifiedJedis redis, String site, int slice) {
		this(redis, site, slice, true);
	}

	private TestSite(UnifiedJedis redis, String site, int slice, boolean offered) {
		this.redis = redis;
		this.keys = new Keys(site);
		this.settings = new RoutingSettings(LEASE, Duration.ofSeconds(20), Map.of(), Set.of(), 9, null, null,
				RETIRE_GROUPS_AFTER, slice);
		this.builder = new RedisGroupIndexBuilder(redis, this.keys, this.settings, this::published);
		this.claims = new RedisAgentClaims(redis, this.keys, this.clock, this.settings, this::published, this.builder);
		this.agents = TestAgents.inRedis(redis, this.keys, this.clock, this::published,
				offered ? new WaitingCallOffer(this.settings) : null);
		this.line = new RedisWaitingLine(redis, this.keys);
		this.dispatcher = new WaitingCallDispatcher(this.claims, this.line, this.agents);
		this.redis.keys(this.keys.prefix() + "*").forEach(this.redis::del);
	}

	/** Saves, logs in and readies an agent on PJSIP/id; the clock moves on a second. */
	void readyAgent(String id, Map<String, Integer> skills, String... languages) {
		this.agents.save(new Agent(id, "Agent " + id, "PJSIP/" + id, skills, Set.of(languages), "support"));
		// a registered phone
		this.agents.reachable(id, true);
		this.agents.login(id);
		this.agents.ready(id);
		this.clock.advance(Duration.ofSeconds(1));
	}

	/** A call arriving now; the clock moves on a second. */
	/**
	 * Runs the claim script alone in its read-only mode, as a what-if answer would before
	 * its builds: a group of these needs not used yet is marked as being built and its
	 * first slice read, and nobody drives the rest (as an instance stopped half way would
	 * leave it).
	 */
	void startBuild(Map<String, Integer> needs) {
		CallNeeds call = call("start-" + this.clock.millis(), "billing", 0, needs);
		Map<String, Object> args = new HashMap<>(Map.of("now", Long.toString(this.clock.millis()), "lease", "30000",
				"callId", call.callId(), "groups", call.groupList(), "mode", "peek", "queue", call.queue(), "priority",
				"0", "arrivedAt", "0", "score", "0", "quota", CallQuota.named(Optional.empty())));
		args.put("groupBuildSlice", Integer.toString(this.settings.groupBuildSlice()));
		RoutingLua.CLAIM.run(this.redis, List.of(this.keys.key("waiting", "groups")), this.keys.prefix(), args);
	}

	CallNeeds call(String id, String queue, int priority, Map<String, Integer> skills) {
		CallNeeds call = new CallNeeds(id, queue, skills, priority, this.clock.instant());
		this.clock.advance(Duration.ofSeconds(1));
		return call;
	}

	/** Every ready index that holds this agent: agents:ready and used groups' indexes. */
	List<String> readySetsOf(String agentId) {
		return this.redis.keys(this.keys.prefix() + "*ready*")
			.stream()
			.filter((key) -> this.redis.zscore(key, agentId) != null)
			.toList();
	}

	<T> List<T> events(Class<T> type) {
		return this.events.stream().filter(type::isInstance).map(type::cast).toList();
	}

	private void published(Object event) {
		this.events.add(event);
		if (event instanceof AgentBecameReady ready) {
			this.dispatcher.agentBecameReady(ready);
		}
		if (event instanceof GroupIndexBuilt built) {
			this.dispatcher.groupIndexBuilt(built);
		}
	}

}
