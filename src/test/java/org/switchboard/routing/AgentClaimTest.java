package org.switchboard.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

import org.switchboard.call.CallEvent;
import org.switchboard.call.CallEvent.AgentReserved;
import org.switchboard.agent.Agent;
import org.switchboard.agent.AgentEvent.AgentBecameReady;
import org.switchboard.agent.AgentState;
import org.switchboard.agent.AgentStatus;
import org.switchboard.agent.Agents;
import org.switchboard.agent.TestAgents;
import org.switchboard.redis.TestRedis;
import org.switchboard.call.AsteriskEvent;
import org.switchboard.call.AsteriskEvent.DeviceStateChanged;
import org.switchboard.call.DeviceState;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both directions of the claim against a real Redis: a call takes an agent, an agent a
 * call.
 */
class AgentClaimTest {

	private static final JedisPooled redis = TestRedis.client();

	private final TestSite site = new TestSite(redis, "claim-test-" + ProcessHandle.current().pid());

	@Test
	void aCallTakesTheHighestProficiencyThenTheLongestIdle() {
		this.site.readyAgent("fair", Map.of("billing", 3));
		this.site.readyAgent("expert-idle-longer", Map.of("billing", 5));
		this.site.readyAgent("expert", Map.of("billing", 5));

		assertThat(claim(Map.of("billing", 2))).hasValue("expert-idle-longer");
		assertThat(claim(Map.of("billing", 2))).hasValue("expert");
		assertThat(claim(Map.of("billing", 2))).hasValue("fair");
		assertThat(claim(Map.of("billing", 2))).isEmpty();
	}

	@Test
	void theIndexedClaimChoosesWhatAFullScanOfEveryAgentWould() {
		java.util.Random dice = new java.util.Random(7);
		java.util.List<String> skills = java.util.List.of("s1", "s2", "s3", "s4", "s5", "s6");
		Map<String, Map<String, Integer>> all = new java.util.LinkedHashMap<>();
		for (int i = 0; i < 300; i++) {
			Map<String, Integer> levels = new java.util.HashMap<>();
			skills.stream()
				.filter((skill) -> dice.nextInt(3) > 0)
				.forEach((skill) -> levels.put(skill, 1 + dice.nextInt(5)));
			all.put("agent-" + i, levels);
			this.site.readyAgent("agent-" + i, levels);
		}
		for (int round = 0; round < 200; round++) {
			Map<String, Integer> needs = new java.util.HashMap<>();
			int count = 1 + dice.nextInt(3);
			while (needs.size() < count) {
				needs.put(skills.get(dice.nextInt(skills.size())), 1 + dice.nextInt(4));
			}
			// agents became ready in the order they were created: the first has idled
			// longest
			Optional<String> expected = all.entrySet()
				.stream()
				.filter((agent) -> needs.entrySet()
					.stream()
					.allMatch((need) -> agent.getValue().getOrDefault(need.getKey(), 0) >= need.getValue()))
				.max(java.util.Comparator
					.comparingInt((Map.Entry<String, Map<String, Integer>> agent) -> needs.keySet()
						.stream()
						.mapToInt((skill) -> agent.getValue().get(skill))
						.sum())
					.thenComparing((agent) -> -Integer.parseInt(agent.getKey().substring(6))))
				.map(Map.Entry::getKey);

			AgentClaims.Candidate chosen = this.site.claims.best(this.site.call("peek-" + round, "q", 0, needs));

			assertThat(chosen.agentId()).as("needs %s", needs).isEqualTo(expected);
		}
	}

	@Test
	void proficiencyIsTheSumOfTheNeededSkillsOnly() {
		this.site.readyAgent("tech-star", Map.of("billing", 3, "tech", 5));
		this.site.readyAgent("all-rounder", Map.of("billing", 4, "de", 4));
		this.site.readyAgent("billing-star", Map.of("billing", 5, "de", 1));

		assertThat(claim(Map.of("billing", 1, "de", 1))).hasValue("all-rounder");
		assertThat(claim(Map.of("billing", 1))).hasValue("billing-star");
	}

	@Test
	void agentsMissingASkillOrBelowItsLevelAreNeverPicked() {
		this.site.readyAgent("too-junior", Map.of("billing", 1, "de", 5));
		this.site.readyAgent("no-german", Map.of("billing", 5));
		this.site.readyAgent("wrong-skill", Map.of("tech", 5, "de", 5));

		assertThat(claim(Map.of("billing", 2, "de", 1))).isEmpty();
		assertThat(this.site.agents.status("no-german").orElseThrow().state()).isEqualTo(AgentState.READY);
	}

	@Test
	void aLanguageIsNeededLikeAnySkill() {
		this.site.readyAgent("english", Map.of("billing", 5), "en");
		this.site.readyAgent("german", Map.of("billing", 2), "de");

		assertThat(claim(Map.of("billing", 1, "de", 3))).hasValue("german");
	}

	@Test
	void unreachableOrPausedOrLoggedOutAgentsAreNeverPicked() {
		this.site.readyAgent("unreachable", Map.of("billing", 5));
		this.site.readyAgent("paused", Map.of("billing", 5));
		this.site.readyAgent("gone", Map.of("billing", 5));
		this.site.agents.reachable("unreachable", false);
		this.site.agents.pause("paused", "training");
		this.site.agents.logout("gone");

		assertThat(claim(Map.of("billing", 1))).isEmpty();
		assertThat(claim(Map.of())).isEmpty();
	}

	@Test
	void theClaimedAgentLeavesEveryReadySetAndIsReservedUnderALease() {
		this.site.readyAgent("1001", Map.of("billing", 3, "tech", 2), "de");

		assertThat(this.site.claims.claim(this.site.call("call-1", "billing", 0, Map.of("billing", 1))))
			.hasValue("1001");

		AgentStatus status = this.site.agents.status("1001").orElseThrow();
		assertThat(status.state()).isEqualTo(AgentState.RESERVED);
		assertThat(status.callId()).isEqualTo("call-1");
		assertThat(status.leaseUntil()).isEqualTo(this.site.clock.instant().plus(TestSite.LEASE));
		assertThat(status.readySince()).as("ready no more").isNull();
		assertThat(this.site.redis.zscore(this.site.keys.key("agents", "ready"), "1001")).isNull();
		assertThat(best(Map.of("billing", 1))).as("not offered to the next call").isEmpty();
		assertThat(best(Map.of("tech", 1, "de", 5))).isEmpty();
		assertThat(this.site.events(AgentReserved.class)).singleElement()
			.satisfies((claimed) -> assertThat(claimed.fromWaitingLine()).isFalse());
	}

	@Test
	void aCallThatNeedsNothingTakesTheLongestIdleAgent() {
		this.site.readyAgent("first", Map.of("tech", 1));
		this.site.readyAgent("second", Map.of());

		assertThat(claim(Map.of())).hasValue("first");
	}

	@Test
	void aCallNobodyCanTakeWaitsAndTheFirstAgentReadyForItTakesIt() {
		CallNeeds call = this.site.call("call-1", "billing", 0, Map.of("billing", 2));

		assertThat(this.site.claims.claimOrWait(call)).isEmpty();
		assertThat(this.site.line.position("call-1")).hasValue(1);

		this.site.readyAgent("1001", Map.of("billing", 2));

		assertThat(this.site.agents.status("1001").orElseThrow().callId()).isEqualTo("call-1");
		assertThat(this.site.line.size("billing")).isZero();
		assertThat(this.site.events(AgentReserved.class)).singleElement()
			.satisfies((claimed) -> assertThat(claimed.fromWaitingLine()).isTrue());
	}

	@Test
	void anAgentBecomingReadyTakesTheHighestPriorityThenLongestWaitingCallItCanServe() {
		this.site.line.enqueue(this.site.call("normal", "billing", 0, Map.of("billing", 1)));
		this.site.line.enqueue(this.site.call("urgent", "billing", 5, Map.of("billing", 1)));
		this.site.line.enqueue(this.site.call("urgent-later", "vip", 5, Map.of("billing", 2, "de", 1)));
		this.site.line.enqueue(this.site.call("tech-most-urgent", "tech", 9, Map.of("tech", 1)));
		this.site.line.enqueue(this.site.call("too-hard", "billing", 9, Map.of("billing", 5)));

		this.site.readyAgent("1001", Map.of("billing", 3), "de");
		assertThat(callOf("1001")).isEqualTo("urgent");
		this.site.agents.release("1001");
		assertThat(callOf("1001")).isEqualTo("urgent-later");
		this.site.agents.release("1001");
		assertThat(callOf("1001")).isEqualTo("normal");
		this.site.agents.release("1001");

		assertThat(this.site.agents.status("1001").orElseThrow().state()).isEqualTo(AgentState.READY);
		assertThat(best(Map.of("billing", 3, "de", 5))).as("offered again").hasValue("1001");
		assertThat(this.site.line.size("tech") + this.site.line.size("billing")).isEqualTo(2);
	}

	@Test
	void aReleaseHandsTheAgentTheFirstWaitingCallInTheSameScript() {
		this.site.readyAgent("1001", Map.of("billing", 3));
		assertThat(claim(Map.of("billing", 1))).hasValue("1001");
		this.site.line.enqueue(this.site.call("later", "billing", 0, Map.of("billing", 2)));
		this.site.line.enqueue(this.site.call("urgent", "billing", 5, Map.of("billing", 3)));
		List<Object> heard = new ArrayList<>();
		// agents nobody listens to: no second script runs after the release
		Agents agents = TestAgents.inRedis(redis, this.site.keys, this.site.clock, heard::add,
				new WaitingCallOffer(this.site.settings));

		assertThat(agents.release("1001")).isTrue();

		assertThat(callOf("1001")).isEqualTo("urgent");
		assertThat(this.site.line.position("urgent")).isEmpty();
		assertThat(this.site.line.position("later")).hasValue(1);
		assertThat(heard).contains(new AgentBecameReady("1001", this.site.clock.instant(), true, "urgent"));
	}

	@Test
	void aReadyAgentTakesTheSameWaitingCallsAsWhenASecondScriptOfferedThemAfterwards() {
		TestSite twoSteps = new TestSite(redis, "claim-test-two-steps-" + ProcessHandle.current().pid(), false);
		List<TestSite> sites = List.of(this.site, twoSteps);
		Random dice = new Random(5);
		List<String> skills = List.of("s1", "s2", "s3");
		List<String> agents = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			String id = "agent-" + i;
			Map<String, Integer> levels = randomLevels(dice, skills);
			agents.add(id);
			sites.forEach((site) -> site.readyAgent(id, levels));
		}
		int quotaHeld = 0;
		for (int round = 0; round < 400; round++) {
			String id = agents.get(dice.nextInt(agents.size()));
			AgentStatus status = this.site.agents.status(id).orElseThrow();
			switch (dice.nextInt(8)) {
				case 0, 1, 2 -> {
					Map<String, Integer> needs = new HashMap<>();
					int count = dice.nextInt(3);
					while (needs.size() < count) {
						needs.put(skills.get(dice.nextInt(skills.size())), 1 + dice.nextInt(3));
					}
					Optional<CallQuota> quota = switch (dice.nextInt(3)) {
						case 0 -> Optional.of(new CallQuota("DE", OptionalInt.of(2), "", OptionalInt.empty(),
								this.site.clock.instant()));
						case 1 -> Optional.of(new CallQuota("FR", OptionalInt.empty(), "w1", OptionalInt.of(25),
								this.site.clock.instant().plusSeconds(3600)));
						default -> Optional.empty();
					};
					CallNeeds call = new CallNeeds("call-" + round, "q", needs, List.of(), dice.nextInt(10),
							this.site.clock.instant(), quota);
					sites.forEach((site) -> site.claims.claimOrWait(call));
				}
				case 3 -> sites.forEach((site) -> {
					switch (status.state()) {
						case RESERVED -> site.agents.release(id);
						case ON_CALL -> site.agents.wrapUp(id, site.clock.instant().plusSeconds(5));
						case READY -> site.agents.pause(id, "break");
						default -> site.agents.ready(id);
					}
				});
				case 4, 5 -> sites.forEach((site) -> {
					if (status.state() == AgentState.RESERVED) {
						site.agents.onCall(id, status.callId(), "PJSIP/" + id + "-00000001");
					}
					else if (status.state() == AgentState.ON_CALL) {
						// the caller hangs up: their quota place is free
						site.line.remove(status.callId());
						site.agents.ready(id);
					}
				});
				case 6 -> sites.forEach((site) -> {
					// a caller waiting hangs up
					List<String> waiting = site.redis.zrange(site.keys.key("waiting", "queue", "q"), 0, -1);
					if (!waiting.isEmpty()) {
						site.line.remove(waiting.get(0));
					}
				});
				default -> sites.forEach((site) -> site.agents.releaseExpired());
			}
			Duration later = Duration.ofSeconds(1 + dice.nextInt(10));
			sites.forEach((site) -> site.clock.advance(later));
			Map<AgentState, Integer> byState = new java.util.EnumMap<>(AgentState.class);
			for (String agent : agents) {
				AgentStatus folded = this.site.agents.status(agent).orElseThrow();
				AgentStatus offeredAfterwards = twoSteps.agents.status(agent).orElseThrow();
				assertThat(folded.state()).as("round %d, %s", round, agent).isEqualTo(offeredAfterwards.state());
				assertThat(folded.callId()).as("round %d, %s", round, agent).isEqualTo(offeredAfterwards.callId());
				byState.merge(folded.state(), 1, Integer::sum);
			}
			// the meter's counts, kept by each change, are what every agent's state says
			assertThat(this.site.agents.countByState()).as("round %d", round).isEqualTo(byState);
			assertThat(sites)
				.allSatisfy((site) -> assertThat(site.redis.zrange(site.keys.key("waiting", "queue", "q"), 0, -1))
					.isEqualTo(twoSteps.redis.zrange(twoSteps.keys.key("waiting", "queue", "q"), 0, -1)));
			if (!this.site.redis.zrange(this.site.keys.key("waiting", "country", "DE"), 0, -1).isEmpty()
					&& this.site.agents.countByState().getOrDefault(AgentState.READY, 0) > 0) {
				quotaHeld++;
			}
		}
		assertThat(this.site.events(AgentReserved.class)).isEqualTo(twoSteps.events(AgentReserved.class));
		assertThat(this.site.events(AgentReserved.class)).filteredOn(AgentReserved::fromWaitingLine)
			.as("agents took waiting calls")
			.hasSizeGreaterThan(15);
		assertThat(quotaHeld).as("calls held by their quota while agents were ready").isPositive();
		twoSteps.redis.keys(twoSteps.keys.prefix() + "*").forEach(twoSteps.redis::del);
	}

	@Test
	void anUnavailablePhoneMakesItsAgentUnclaimableUntilNotInUseAgain() {
		Consumer<AsteriskEvent> ami = TestAgents.presence(this.site.agents);
		this.site.readyAgent("1001", Map.of("billing", 3));

		ami.accept(new DeviceStateChanged(this.site.clock.instant(), "PJSIP/1001", DeviceState.UNAVAILABLE));
		assertThat(claim(Map.of("billing", 1))).isEmpty();

		ami.accept(new DeviceStateChanged(this.site.clock.instant(), "PJSIP/1001", DeviceState.NOT_INUSE));
		assertThat(claim(Map.of("billing", 1))).hasValue("1001");
	}

	@Test
	void aPhoneBackFromUnavailableTakesTheCallThatWaitedMeanwhile() {
		Consumer<AsteriskEvent> ami = TestAgents.presence(this.site.agents);
		this.site.readyAgent("1001", Map.of("billing", 3));
		ami.accept(new DeviceStateChanged(this.site.clock.instant(), "PJSIP/1001", DeviceState.UNAVAILABLE));
		this.site.claims.claimOrWait(this.site.call("call-1", "billing", 0, Map.of("billing", 1)));

		ami.accept(new DeviceStateChanged(this.site.clock.instant(), "PJSIP/1001", DeviceState.NOT_INUSE));

		assertThat(callOf("1001")).isEqualTo("call-1");
	}

	@Test
	void aReadyAgentIsOfferedForEachOfTheirSkillsAndLanguagesUpToTheirLevel() {
		this.site.readyAgent("1001", Map.of("billing", 3), "de");

		assertThat(best(Map.of("billing", 3))).hasValue("1001");
		assertThat(best(Map.of("billing", 4))).isEmpty();
		assertThat(best(Map.of("de", 5))).as("a language counts at 5").hasValue("1001");
		assertThat(best(Map.of("billing", 1, "de", 5))).hasValue("1001");
		assertThat(best(Map.of("tech", 1))).isEmpty();
	}

	@Test
	void newSkillsWhileReadyOrReservedChangeTheCallsTheAgentIsOfferedFor() {
		this.site.readyAgent("ready", Map.of("billing", 3));
		this.site.readyAgent("reserved", Map.of("billing", 5));
		assertThat(best(Map.of("tech", 1))).as("the tech group is used, nobody in it").isEmpty();
		assertThat(claim(Map.of("billing", 4))).hasValue("reserved");
		java.time.Instant since = this.site.agents.status("ready").orElseThrow().readySince();

		this.site.agents.save(agent("ready", Map.of("tech", 2)));
		this.site.agents.reachable("ready", true);
		this.site.agents.save(agent("reserved", Map.of("tech", 5)));

		assertThat(best(Map.of("billing", 1))).as("nobody has billing any more").isEmpty();
		assertThat(best(Map.of("tech", 1))).hasValue("ready");
		this.site.agents.release("reserved");
		assertThat(best(Map.of("tech", 1))).as("the better one, back").hasValue("reserved");
		assertThat(best(Map.of("billing", 4))).isEmpty();
		assertThat(this.site.agents.status("ready").orElseThrow().readySince())
			.as("an edit keeps the agent's place in line")
			.isEqualTo(since);
	}

	@Test
	void aGroupFirstNeededWhileAgentsAreReservedOrPausedOffersThemOnceTheyAreReadyAgain() {
		this.site.readyAgent("expert", Map.of("billing", 5, "de", 5));
		this.site.readyAgent("paused", Map.of("billing", 4, "de", 5));
		this.site.readyAgent("fair", Map.of("billing", 2, "de", 5));
		assertThat(claim(Map.of("billing", 5))).hasValue("expert");
		this.site.agents.pause("paused", "lunch");

		assertThat(best(Map.of("billing", 2, "de", 1))).as("a new group: only fair is ready").hasValue("fair");

		this.site.agents.ready("paused");
		assertThat(best(Map.of("billing", 2, "de", 1))).hasValue("paused");
		this.site.agents.release("expert");
		assertThat(best(Map.of("billing", 2, "de", 1))).hasValue("expert");
		this.site.agents.delete("expert");
		assertThat(best(Map.of("billing", 2, "de", 1))).hasValue("paused");
	}

	@Test
	void aGroupNobodyNeededForAWhileIsRetiredAndACallNeedingItLaterStillGetsTheRightAgent() {
		this.site.readyAgent("fair", Map.of("billing", 3));
		this.site.readyAgent("expert", Map.of("billing", 5));
		assertThat(best(Map.of("billing", 2))).hasValue("expert");
		this.site.clock.advance(TestSite.RETIRE_GROUPS_AFTER.minusMinutes(1));
		assertThat(best(Map.of("tech", 1))).isEmpty();
		this.site.claims.retireUnusedGroups();
		assertThat(usedGroups()).as("needed 29 minutes ago").containsExactlyInAnyOrder("billing=2", "tech=1");

		this.site.clock.advance(Duration.ofMinutes(2));
		assertThat(best(Map.of("de", 1))).isEmpty();
		this.site.claims.retireUnusedGroups();

		assertThat(usedGroups()).as("billing=2 unused for 31 minutes").containsExactlyInAnyOrder("tech=1", "de=1");
		assertThat(this.site.redis.keys(this.site.keys.prefix() + "*billing=2*")).as("its index and members").isEmpty();
		assertThat(this.site.redis.hkeys(this.site.keys.key("groups-of", "expert"))).isEmpty();
		// agents change while the group is not used
		this.site.agents.save(agent("expert", Map.of("billing", 1)));
		this.site.agents.reachable("expert", true);
		this.site.readyAgent("new-star", Map.of("billing", 4));
		this.site.agents.pause("fair", "coaching");
		this.site.agents.ready("fair");

		assertThat(claim(Map.of("billing", 2))).hasValue("new-star");
		assertThat(claim(Map.of("billing", 2))).hasValue("fair");
		assertThat(claim(Map.of("billing", 2))).isEmpty();
		assertThat(usedGroups()).contains("billing=2");
	}

	@Test
	void aBuiltGroupWithNobodyReadyOffersNobodyAndIsNotBuiltAgain() {
		// builds of one agent a slice: a build would span scripts and be announced
		TestSite site = new TestSite(redis, "claim-test-nobody-" + ProcessHandle.current().pid(), 1);
		site.readyAgent("a1", Map.of("billing", 3));
		site.readyAgent("a2", Map.of("billing", 4));
		assertThat(claim(site, Map.of("billing", 2))).hasValue("a2");
		site.agents.pause("a1", "lunch");
		site.events.clear();

		assertThat(claim(site, Map.of("billing", 2))).isEmpty();
		assertThat(best(site, Map.of("billing", 2))).isEmpty();

		assertThat(site.events(GroupIndexBuilt.class)).as("not built again").isEmpty();
		assertThat(building(site)).isEmpty();
		assertThat(site.redis.zrange(site.keys.key("ready", "group", "billing=2"), 0, -1)).as("a2 dropped once met")
			.containsExactly("~built");
		site.redis.keys(site.keys.prefix() + "*").forEach(site.redis::del);
	}

	@Test
	void theMarkOfABuiltIndexIsNeverOfferedEvenBehindMoreBusyAgentsThanOneRead() {
		for (int i = 0; i < 12; i++) {
			this.site.readyAgent("expert-" + i, Map.of("billing", 5));
		}
		this.site.readyAgent("fair", Map.of("billing", 2));
		assertThat(best(Map.of("billing", 2))).hasValue("expert-0");
		for (int i = 0; i < 12; i++) {
			assertThat(claim(Map.of("billing", 1))).hasValue("expert-" + i);
		}

		// the twelve still head billing=2's index, busy: read 8 at a time and dropped
		assertThat(claim(Map.of("billing", 2))).hasValue("fair");
		assertThat(this.site.redis.zrange(this.site.keys.key("ready", "group", "billing=2"), 0, -1))
			.containsExactly("~built", "fair");
		assertThat(claim(Map.of("billing", 2))).isEmpty();
		assertThat(this.site.redis.zrange(this.site.keys.key("ready", "group", "billing=2"), 0, -1))
			.containsExactly("~built");

		this.site.agents.release("expert-3");
		assertThat(claim(Map.of("billing", 2))).hasValue("expert-3");
	}

	@Test
	void aGroupClaimsKeepNeedingIsNotRetiredThoughItsUseIsStampedAtMostOnceASecond() {
		this.site.readyAgent("expert", Map.of("billing", 5));
		assertThat(best(Map.of("billing", 2))).hasValue("expert");
		double firstUse = this.site.redis.zscore(this.site.keys.key("groups", "used"), "billing=2");

		this.site.clock.advance(Duration.ofMillis(500));
		CallNeeds soon = new CallNeeds("soon", "billing", Map.of("billing", 2), 0, this.site.clock.instant());
		assertThat(this.site.claims.best(soon).agentId()).hasValue("expert");
		assertThat(this.site.redis.zscore(this.site.keys.key("groups", "used"), "billing=2"))
			.as("half a second later: not stamped again")
			.isEqualTo(firstUse);
		for (int minutes = 0; minutes < 3 * TestSite.RETIRE_GROUPS_AFTER.toMinutes(); minutes += 10) {
			this.site.clock.advance(Duration.ofMinutes(10));
			assertThat(claim(Map.of("billing", 2))).hasValue("expert");
			this.site.agents.release("expert");
			this.site.claims.retireUnusedGroups();
			assertThat(usedGroups()).as("after %d minutes", minutes + 10).contains("billing=2");
		}
		assertThat(this.site.redis.zscore(this.site.keys.key("groups", "used"), "billing=2"))
			.isEqualTo((double) this.site.clock.millis());

		this.site.clock.advance(TestSite.RETIRE_GROUPS_AFTER.plusSeconds(1));
		this.site.claims.retireUnusedGroups();
		assertThat(usedGroups()).as("unneeded since").doesNotContain("billing=2");
	}

	@Test
	void theIndexedClaimKeepsChoosingWhatAFullScanWouldWhileAgentsChangeAndGroupsComeAndGoAndAreBuiltInSlices() {
		// builds of 3 agents a slice, started and left half done by some steps, advanced
		// by others: a build spans steps
		TestSite site = new TestSite(redis, "claim-test-sliced-" + ProcessHandle.current().pid(), 3);
		Random dice = new Random(11);
		List<String> skills = List.of("s1", "s2", "s3", "s4", "s5");
		Map<String, Map<String, Integer>> levels = new LinkedHashMap<>();
		for (int i = 0; i < 40; i++) {
			levels.put("agent-" + i, randomLevels(dice, skills));
			site.readyAgent("agent-" + i, levels.get("agent-" + i));
		}
		List<Map<String, Integer>> groups = new ArrayList<>();
		for (int i = 0; i < 24; i++) {
			Map<String, Integer> needs = new HashMap<>();
			int count = 1 + dice.nextInt(2);
			while (needs.size() < count) {
				needs.put(skills.get(dice.nextInt(skills.size())), 1 + dice.nextInt(4));
			}
			groups.add(needs);
		}
		Set<String> retired = new HashSet<>();
		Set<String> builtBySlices = new HashSet<>();
		int claimsWhileBuilding = 0;
		for (int round = 0; round < 600; round++) {
			String id = "agent-" + dice.nextInt(levels.size());
			AgentState state = site.agents.status(id).orElseThrow().state();
			Map<String, Integer> needs = groups.get(dice.nextInt(groups.size()));
			switch (dice.nextInt(8)) {
				case 0 -> {
					if (state == AgentState.READY) {
						site.agents.pause(id, "break");
					}
					else if (state == AgentState.NOT_READY) {
						site.agents.ready(id);
					}
				}
				case 1 -> {
					levels.put(id, randomLevels(dice, skills));
					site.agents.save(agent(id, levels.get(id)));
					site.agents.reachable(id, true);
				}
				case 2 -> {
					// a claim that meets a group being built finishes the build and then
					// takes the best agent
					if (building(site).contains(group(needs))) {
						claimsWhileBuilding++;
					}
					Optional<String> expected = fullScan(site, levels, needs);
					Optional<String> claimed = claim(site, needs);
					assertThat(claimed).as("round %d, claim for %s", round, needs).isEqualTo(expected);
				}
				case 3 -> levels.keySet()
					.stream()
					.filter((agent) -> site.agents.status(agent).orElseThrow().state() == AgentState.RESERVED)
					.findFirst()
					.ifPresent(site.agents::release);
				case 4 -> {
					Set<String> before = usedGroups(site);
					site.clock.advance(Duration.ofMinutes(10));
					// the retirement runs every second
					site.claims.retireUnusedGroups();
					// used again: its build starts, and is left to the slices between
					// steps
					// (as an instance that stopped half way would leave it)
					site.startBuild(needs);
					before.removeAll(usedGroups(site));
					retired.addAll(before);
				}
				case 5, 6 -> {
					// a few slices of the builds under way, if any
					for (int i = dice.nextInt(6); i >= 0; i--) {
						site.builder.slice("").ifPresent((slice) -> {
							assertThat(slice.agents()).isLessThanOrEqualTo(3);
							if (slice.built()) {
								builtBySlices.add(slice.group());
							}
						});
					}
				}
				default -> {
					// a reserved agent's call goes on; agents log in and out
					switch (state) {
						case RESERVED -> site.agents.onCall(id, site.agents.status(id).orElseThrow().callId(),
								"PJSIP/" + id + "-00000001");
						case ON_CALL -> site.agents.wrapUp(id, site.clock.instant().plusSeconds(10));
						case WRAP_UP -> {
							if (dice.nextBoolean()) {
								site.agents.pause(id, "tired");
							}
							else {
								site.agents.ready(id);
							}
						}
						case READY -> site.agents.logout(id);
						case LOGGED_OUT -> site.agents.login(id);
						default -> site.agents.ready(id);
					}
				}
			}
			site.clock.advance(Duration.ofSeconds(1));
			// the retirement runs every second
			site.claims.retireUnusedGroups();
			Map<String, Integer> asked = groups.get(dice.nextInt(groups.size()));
			if (dice.nextInt(4) == 0) {
				// a what-if answer finishes the build of the groups it looks in
				assertThat(best(site, asked)).as("round %d, needs %s", round, asked)
					.isEqualTo(fullScan(site, levels, asked));
			}
		}
		for (Map<String, Integer> needs : groups) {
			assertThat(best(site, needs)).as("at the end, needs %s", needs).isEqualTo(fullScan(site, levels, needs));
		}
		assertThat(retired).as("groups were retired and used again on the way").isNotEmpty();
		assertThat(builtBySlices).as("builds ended by slices between the steps").isNotEmpty();
		assertThat(claimsWhileBuilding).as("claims met a group being built").isPositive();
	}

	/** The best agent by reading every agent: what the indexes must answer. */
	private static Optional<String> fullScan(TestSite site, Map<String, Map<String, Integer>> levels,
			Map<String, Integer> needs) {
		record Ready(String id, int proficiency, long since) {
		}
		List<Ready> ready = new ArrayList<>();
		levels.forEach((id, skills) -> {
			AgentStatus status = site.agents.status(id).orElseThrow();
			boolean serves = needs.entrySet()
				.stream()
				.allMatch((need) -> skills.getOrDefault(need.getKey(), 0) >= need.getValue());
			if (status.state() == AgentState.READY && status.reachable() && serves) {
				int sum = needs.keySet().stream().mapToInt(skills::get).sum();
				ready.add(new Ready(id, sum, status.readySince().toEpochMilli()));
			}
		});
		return ready.stream()
			.min(Comparator.comparingInt((Ready agent) -> -agent.proficiency())
				.thenComparingLong(Ready::since)
				.thenComparing(Ready::id))
			.map(Ready::id);
	}

	private static Set<String> building(TestSite site) {
		return site.redis.hkeys(site.keys.key("groups", "building"));
	}

	private static String group(Map<String, Integer> needs) {
		return new CallNeeds("any", "any", needs, 0, java.time.Instant.EPOCH).groups().get(0);
	}

	private static Map<String, Integer> randomLevels(Random dice, List<String> skills) {
		Map<String, Integer> levels = new HashMap<>();
		skills.stream()
			.filter((skill) -> dice.nextInt(3) > 0)
			.forEach((skill) -> levels.put(skill, 1 + dice.nextInt(5)));
		return levels;
	}

	private Set<String> usedGroups() {
		return usedGroups(this.site);
	}

	private static Set<String> usedGroups(TestSite site) {
		return new HashSet<>(site.redis.zrange(site.keys.key("groups", "used"), 0, -1));
	}

	private Optional<String> best(Map<String, Integer> skills) {
		return best(this.site, skills);
	}

	private static Optional<String> best(TestSite site, Map<String, Integer> skills) {
		return site.claims.best(site.call("peek-" + site.clock.millis(), "billing", 0, skills)).agentId();
	}

	private static Agent agent(String id, Map<String, Integer> skills) {
		return new Agent(id, "Agent " + id, "PJSIP/" + id, skills, Set.of(), "support");
	}

	private Optional<String> claim(Map<String, Integer> skills) {
		return claim(this.site, skills);
	}

	private static Optional<String> claim(TestSite site, Map<String, Integer> skills) {
		return site.claims.claim(site.call("call-" + site.clock.millis(), "billing", 0, skills));
	}

	private String callOf(String agentId) {
		AgentStatus status = this.site.agents.status(agentId).orElseThrow();
		assertThat(status.state()).isEqualTo(AgentState.RESERVED);
		return status.callId();
	}

}
