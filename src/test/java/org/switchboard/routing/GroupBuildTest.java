package org.switchboard.routing;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.resps.Tuple;

import org.switchboard.call.CallEvent;
import org.switchboard.call.CallEvent.AgentReserved;
import org.switchboard.agent.Agent;
import org.switchboard.agent.AgentState;
import org.switchboard.redis.TestRedis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A group of needs first used on a site larger than one slice is built a few agents per
 * script, against a real Redis: nobody is offered for it until it is built, and then its
 * index is what reading every agent at once would have made.
 */
class GroupBuildTest {

	private static final int SLICE = 7;

	private static final JedisPooled redis = TestRedis.client();

	private final TestSite site = new TestSite(redis, "group-build-test-" + ProcessHandle.current().pid(), SLICE);

	private final Random dice = new Random(5);

	private final Map<String, Map<String, Integer>> levels = new HashMap<>();

	@Test
	void aGroupFirstNeededIsBuiltNoMoreThanTheSliceSizeAScriptAndThenOffersTheBestAgent() {
		readyAgents(200);

		this.site.startBuild(Map.of("billing", 3));
		assertThat(building()).containsExactly("billing=3");

		List<RedisGroupIndexBuilder.Slice> slices = new ArrayList<>();
		for (Optional<RedisGroupIndexBuilder.Slice> slice = this.site.builder.slice(""); slice
			.isPresent(); slice = this.site.builder.slice("")) {
			slices.add(slice.get());
		}
		assertThat(slices).allSatisfy((slice) -> assertThat(slice.agents()).isLessThanOrEqualTo(SLICE));
		assertThat(slices.stream().mapToInt(RedisGroupIndexBuilder.Slice::agents).sum())
			.as("every agent read, a few maybe twice, all but the claim's own slice")
			.isGreaterThanOrEqualTo(200 - SLICE);
		assertThat(slices.getLast().built()).isTrue();
		assertIndexIsWhatReadingEveryAgentMakes("billing=3");
		Optional<String> best = bestByReadingEveryAgent(Map.of("billing", 3));
		assertThat(claim(Map.of("billing", 3))).isEqualTo(best);
	}

	@Test
	void aClaimThatMeetsItsGroupBeingBuiltFinishesTheBuildAndTakesTheBestAgent() {
		readyAgents(200);
		Optional<String> best = bestByReadingEveryAgent(Map.of("billing", 2, "tech", 1));
		assertThat(best).isPresent();

		assertThat(claim(Map.of("billing", 2, "tech", 1))).isEqualTo(best);

		assertThat(building()).isEmpty();
		assertIndexIsWhatReadingEveryAgentMakes("billing=2,tech=1");
	}

	@Test
	void aCallWaitingWhileItsGroupIsBuiltTakesTheBestReadyAgentWhenTheBuildEnds() {
		readyAgents(100);
		Optional<String> best = bestByReadingEveryAgent(Map.of("billing", 2, "de", 1));
		assertThat(best).isPresent();
		this.site.startBuild(Map.of("billing", 2, "de", 1));
		// lined up meanwhile by an instance whose claim ran before the build began
		this.site.line.enqueue(this.site.call("call-1", "billing", 0, Map.of("billing", 2, "de", 1)));
		assertThat(this.site.line.position("call-1")).hasValue(1);

		this.site.builder.build("billing=2,de=1");

		assertThat(this.site.line.position("call-1")).isEmpty();
		assertThat(this.site.agents.status(best.get()).orElseThrow().callId()).isEqualTo("call-1");
		assertThat(this.site.events(AgentReserved.class)).singleElement()
			.satisfies((claimed) -> assertThat(claimed.fromWaitingLine()).isTrue());
	}

	@Test
	void aWhatIfAnswerFinishesTheBuildFirst() {
		readyAgents(100);
		Optional<String> best = bestByReadingEveryAgent(Map.of("tech", 4));

		assertThat(this.site.claims.best(this.site.call("what-if", "tech", 0, Map.of("tech", 4))).agentId())
			.isEqualTo(best);
		assertThat(building()).isEmpty();
	}

	@Test
	void agentsChangingWhileTheirGroupIsBuiltEndInItsIndexAsTheyAreNow() {
		readyAgents(150);
		this.site.startBuild(Map.of("billing", 2));
		for (int step = 0; this.site.builder.slice("billing=2").isPresent(); step++) {
			String id = "agent-" + this.dice.nextInt(150);
			if (this.site.agents.status(id).isEmpty()) {
				continue;
			}
			switch (step % 4) {
				case 0 -> this.site.agents.pause(id, "break");
				case 1 -> this.site.agents.ready(id);
				case 2 -> save(id, randomLevels());
				default -> this.site.agents.delete(id);
			}
			if (step % 5 == 0) {
				save("late-" + step, randomLevels());
				this.site.agents.login("late-" + step);
				this.site.agents.ready("late-" + step);
			}
			this.site.clock.advance(Duration.ofSeconds(1));
		}
		assertIndexIsWhatReadingEveryAgentMakes("billing=2");
	}

	@Test
	void twoClientsBuildingOneGroupAtOnceMakeTheRightIndex() throws Exception {
		readyAgents(300);
		this.site.startBuild(Map.of("billing", 1, "de", 2));
		List<Object> otherEvents = new CopyOnWriteArrayList<>();
		try (JedisPooled other = new JedisPooled(URI.create(TestRedis.url()))) {
			RedisGroupIndexBuilder otherBuilder = new RedisGroupIndexBuilder(other, this.site.keys,
					new RoutingSettings(TestSite.LEASE, Duration.ofSeconds(20), Map.of(), Set.of(), 9, null, null,
							TestSite.RETIRE_GROUPS_AFTER, SLICE),
					otherEvents::add);

			CompletableFuture<Boolean> one = CompletableFuture
				.supplyAsync(() -> this.site.builder.build("billing=1,de=2"));
			CompletableFuture<Boolean> two = CompletableFuture.supplyAsync(() -> otherBuilder.build("billing=1,de=2"));
			CompletableFuture.allOf(one, two).get();
		}
		assertThat(this.site.events(GroupIndexBuilt.class).size() + otherEvents.size())
			.as("one of them ended the build")
			.isEqualTo(1);
		assertIndexIsWhatReadingEveryAgentMakes("billing=1,de=2");
	}

	@Test
	void aGroupRetiredWhileBeingBuiltStopsBuildingAndIsBuiltAgainWhenNeeded() {
		readyAgents(100);
		this.site.startBuild(Map.of("billing", 4));
		this.site.builder.slice("billing=4");
		this.site.clock.advance(TestSite.RETIRE_GROUPS_AFTER.plusMinutes(1));

		this.site.claims.retireUnusedGroups();

		assertThat(building()).isEmpty();
		assertThat(redis.keys(this.site.keys.prefix() + "*billing=4*")).isEmpty();
		assertThat(this.site.builder.slice("")).isEmpty();
		for (String id : this.levels.keySet()) {
			assertThat(redis.hkeys(this.site.keys.key("groups-of", id))).doesNotContain("billing=4");
		}
		assertThat(this.site.claims.best(this.site.call("what-if", "billing", 0, Map.of("billing", 4))).agentId())
			.isEqualTo(bestByReadingEveryAgent(Map.of("billing", 4)));
		assertIndexIsWhatReadingEveryAgentMakes("billing=4");
	}

	private void readyAgents(int count) {
		for (int i = 0; i < count; i++) {
			Map<String, Integer> skills = randomLevels();
			this.levels.put("agent-" + i, skills);
			this.site.readyAgent("agent-" + i, skills);
			if (i % 10 == 0) {
				this.site.agents.pause("agent-" + i, "lunch");
			}
		}
	}

	private Map<String, Integer> randomLevels() {
		Map<String, Integer> skills = new HashMap<>();
		for (String skill : List.of("billing", "de", "tech")) {
			if (this.dice.nextInt(3) > 0) {
				skills.put(skill, 1 + this.dice.nextInt(5));
			}
		}
		return skills;
	}

	private void save(String id, Map<String, Integer> skills) {
		this.site.agents.save(new Agent(id, "Agent " + id, "PJSIP/" + id, skills, Set.of(), "support"));
		this.site.agents.reachable(id, true);
		this.levels.put(id, skills);
	}

	/**
	 * The group's index, members and every agent's note of it are what use_group made
	 * when it read every agent in one script.
	 */
	private void assertIndexIsWhatReadingEveryAgentMakes(String group) {
		Map<String, Integer> needs = CallNeeds.groupsOf(group).get(0);
		Map<String, Double> index = new HashMap<>();
		List<String> members = new ArrayList<>();
		for (String id : redis.smembers(this.site.keys.key("agents"))) {
			Map<String, Integer> skills = this.levels.get(id);
			if (!needs.entrySet()
				.stream()
				.allMatch((need) -> skills.getOrDefault(need.getKey(), 0) >= need.getValue())) {
				assertThat(redis.hget(this.site.keys.key("groups-of", id), group)).as(id).isNull();
				continue;
			}
			int band = 5 * needs.size() - needs.keySet().stream().mapToInt(skills::get).sum();
			members.add(id);
			assertThat(redis.hget(this.site.keys.key("groups-of", id), group)).as(id).isEqualTo(Integer.toString(band));
			Double since = redis.zscore(this.site.keys.key("agents", "ready"), id);
			if (since != null) {
				index.put(id, band * 1e13 + since);
			}
		}
		assertThat(redis.smembers(this.site.keys.key("group-agents", group)))
			.containsExactlyInAnyOrderElementsOf(members);
		Map<String, Double> ready = new HashMap<>();
		List<Tuple> entries = redis.zrangeWithScores(this.site.keys.key("ready", "group", group), 0, -1);
		assertThat(entries.get(0).getElement()).as("the mark of a built index, first").isEqualTo("~built");
		for (Tuple entry : entries.subList(1, entries.size())) {
			if (this.site.agents.status(entry.getElement()).orElseThrow().state() == AgentState.READY) {
				ready.put(entry.getElement(), entry.getScore());
			}
		}
		assertThat(ready).as("the ready agents of the index").isEqualTo(index);
		assertThat(building()).doesNotContain(group);
	}

	private Optional<String> bestByReadingEveryAgent(Map<String, Integer> needs) {
		return this.levels.keySet()
			.stream()
			.filter((id) -> this.site.agents.status(id).orElseThrow().state() == AgentState.READY)
			.filter((id) -> needs.entrySet()
				.stream()
				.allMatch((need) -> this.levels.get(id).getOrDefault(need.getKey(), 0) >= need.getValue()))
			.min(java.util.Comparator
				.comparingInt((String id) -> -needs.keySet().stream().mapToInt(this.levels.get(id)::get).sum())
				.thenComparing((id) -> this.site.agents.status(id).orElseThrow().readySince()))
			.map((id) -> id);
	}

	private Set<String> building() {
		return redis.hkeys(this.site.keys.key("groups", "building"));
	}

	private Optional<String> claim(Map<String, Integer> skills) {
		return this.site.claims.claim(this.site.call("call-" + this.site.clock.millis(), "billing", 0, skills));
	}

}
