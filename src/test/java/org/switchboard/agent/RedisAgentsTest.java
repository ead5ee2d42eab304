package org.switchboard.agent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

import org.switchboard.TestClock;
import org.switchboard.agent.AgentEvent.AgentBecameReady;
import org.switchboard.agent.AgentEvent.AgentMissedCall;
import org.switchboard.agent.AgentEvent.AgentStateChanged;
import org.switchboard.redis.Keys;
import org.switchboard.redis.TestRedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Agents' states and the ready indexes against a real Redis. Reservations are routing's;
 * here an agent is reserved the way a claim leaves them.
 */
class RedisAgentsTest {

	private static final JedisPooled redis = TestRedis.client();

	private final Keys keys = new Keys("agents-test-" + ProcessHandle.current().pid());

	private final TestClock clock = new TestClock(Instant.parse("2026-03-02T09:00:00Z"));

	private final List<Object> events = new CopyOnWriteArrayList<>();

	private final RedisAgents agents = new RedisAgents(redis, this.keys, this.clock, this.events::add,
			new AgentSettings(1, Map.of("sales", 2), Duration.ofSeconds(5), Duration.ofSeconds(30)));

	@BeforeEach
	void emptySite() {
		redis.keys(this.keys.prefix() + "*").forEach(redis::del);
	}

	@Test
	void aNewAgentIsLoggedOutUnreachableAndFoundByIdAndByPhone() {
		Agent ada = agent("1001", "support", Map.of("billing", 3), Set.of("de"));
		this.agents.save(ada);

		assertThat(this.agents.find("1001")).contains(ada);
		assertThat(this.agents.withEndpoint("PJSIP/1001")).contains(ada);
		assertThat(this.agents.all()).containsExactly(ada);
		assertThat(this.agents.status("1001")).hasValueSatisfying((status) -> {
			assertThat(status.state()).isEqualTo(AgentState.LOGGED_OUT);
			// until Asterisk says their phone registered
			assertThat(status.reachable()).isFalse();
		});
	}

	@Test
	void agentsAreCountedByState() {
		this.agents.save(agent("1001", "support", Map.of(), Set.of()));
		this.agents.save(agent("1002", "support", Map.of(), Set.of()));
		this.agents.save(agent("1003", "support", Map.of(), Set.of()));
		this.agents.login("1002");
		this.agents.login("1003");
		this.agents.ready("1003");

		assertThat(this.agents.countByState()).containsOnly(entry(AgentState.LOGGED_OUT, 1),
				entry(AgentState.NOT_READY, 1), entry(AgentState.READY, 1));
	}

	@Test
	void theCountsByStateFollowEveryChangeAndAreCountedAnewWhenLost() {
		readyAgent("1001", Map.of());
		readyAgent("1002", Map.of());
		this.agents.save(agent("1003", "support", Map.of(), Set.of()));
		this.agents.pause("1002", "break");
		this.agents.delete("1003");

		assertThat(this.agents.countByState()).containsOnly(entry(AgentState.READY, 1), entry(AgentState.NOT_READY, 1));

		// counts kept by an earlier version, or lost: counted from every agent once
		redis.del(this.keys.key("agents", "by-state"));
		this.agents.logout("1002");
		assertThat(this.agents.countByState()).containsOnly(entry(AgentState.READY, 1),
				entry(AgentState.LOGGED_OUT, 1));
	}

	@Test
	void theNextExpiryIsTheFirstWrapUpOrReservationToEnd() {
		assertThat(this.agents.releaseExpired().next()).isEmpty();
		readyAgent("1001", Map.of());
		reserve("1001", "call-1");
		this.agents.onCall("1001", "call-1", "PJSIP/1001-00000001");
		Instant wrapUpEnds = this.clock.instant().plusSeconds(12);
		this.agents.wrapUp("1001", wrapUpEnds);

		assertThat(this.agents.releaseExpired().next()).contains(wrapUpEnds);
		readyAgent("1002", Map.of());
		reserve("1002", "call-2");
		Instant leaseEnds = this.clock.instant().plusSeconds(30);
		assertThat(this.agents.releaseExpired().next()).contains(wrapUpEnds);

		this.clock.advance(Duration.ofSeconds(12));
		Agents.Expired expired = this.agents.releaseExpired();
		assertThat(expired.released()).containsExactly("1001");
		assertThat(expired.next()).contains(leaseEnds);
		this.clock.advance(Duration.ofSeconds(18));
		assertThat(this.agents.releaseExpired().released()).containsExactly("1002");
		assertThat(this.agents.releaseExpired().next()).isEmpty();
	}

	@Test
	void aPhoneBelongsToOneAgent() {
		this.agents.save(agent("1001", "support", Map.of(), Set.of()));

		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.agents.save(new Agent("1002", "Bo", "PJSIP/1001", Map.of(), Set.of(), "support")))
			.withMessage("endpoint PJSIP/1001 already belongs to agent 1001");
	}

	@Test
	void aProfileEditMadeOnAnOldVersionIsRefusedAndChangesNothing() {
		assertThat(this.agents.save(agent("1001", "support", Map.of("billing", 3), Set.of()), 0)).isEqualTo(1);
		assertThat(this.agents.save(agent("1001", "support", Map.of("billing", 4), Set.of()), 1)).isEqualTo(2);

		assertThatThrownBy(() -> this.agents.save(agent("1001", "sales", Map.of("billing", 1), Set.of()), 1))
			.isInstanceOfSatisfying(StaleAgentException.class, (ex) -> assertThat(ex.current()).isEqualTo(2));
		assertThatThrownBy(() -> this.agents.save(agent("1001", "sales", Map.of(), Set.of()), 0))
			.isInstanceOf(StaleAgentException.class);
		assertThatThrownBy(() -> this.agents.delete("1001", 1)).isInstanceOf(StaleAgentException.class);

		assertThat(this.agents.find("1001").orElseThrow().skills()).containsEntry("billing", 4);
		assertThat(this.agents.version("1001")).isEqualTo(2);
		assertThat(this.agents.delete("1001", 2)).isTrue();
		assertThat(this.agents.version("1001")).isZero();
	}

	@Test
	void concurrentEditsOfOneVersionLetExactlyOneWin() throws Exception {
		this.agents.save(agent("1001", "support", Map.of(), Set.of()), 0);
		AtomicInteger wins = new AtomicInteger();
		List<Thread> editors = new ArrayList<>();
		for (int i = 1; i <= 8; i++) {
			int level = 1 + i % 5;
			editors.add(Thread.ofVirtual().start(() -> {
				try {
					this.agents.save(agent("1001", "support", Map.of("billing", level), Set.of()), 1);
					wins.incrementAndGet();
				}
				catch (StaleAgentException ex) {
					// a colleague was first
				}
			}));
		}
		for (Thread editor : editors) {
			editor.join();
		}

		assertThat(wins).hasValue(1);
		assertThat(this.agents.version("1001")).isEqualTo(2);
	}

	@Test
	void aReadyAgentIsInLineByReadySince() {
		this.agents.save(agent("1001", "support", Map.of("billing", 3), Set.of("de")));
		this.agents.reachable("1001", true);
		this.agents.login("1001");
		this.agents.ready("1001");

		double since = this.clock.instant().toEpochMilli();
		assertThat(redis.zscore(this.keys.key("agents", "ready"), "1001")).isEqualTo(since);
		assertThat(readySets()).as("no group of needs is used yet").containsExactly(this.keys.key("agents", "ready"));
		assertThat(this.agents.status("1001").orElseThrow().readySince()).isEqualTo(this.clock.instant());
	}

	@Test
	void aPausedAgentLeavesEveryReadyIndexAndKeepsTheReason() {
		readyAgent("1001", Map.of("billing", 3));

		assertThat(this.agents.pause("1001", "lunch")).isTrue();

		assertThat(readySets()).isEmpty();
		AgentStatus status = this.agents.status("1001").orElseThrow();
		assertThat(status.state()).isEqualTo(AgentState.NOT_READY);
		assertThat(status.reason()).isEqualTo("lunch");
		assertThat(status.readySince()).isNull();
	}

	@Test
	void changesTheStateDoesNotAllowAreRefusedAndUnknownAgentsNamed() {
		this.agents.save(agent("1001", "support", Map.of(), Set.of()));

		assertThat(this.agents.ready("1001")).as("ready while logged out").isFalse();
		assertThat(this.agents.wrapUp("1001", this.clock.instant())).isFalse();
		assertThat(this.agents.missed("1001")).isFalse();
		assertThat(this.agents.login("1001")).isTrue();
		assertThat(this.agents.login("1001")).as("twice").isFalse();
		assertThatThrownBy(() -> this.agents.ready("nobody")).isInstanceOf(NoSuchElementException.class)
			.hasMessage("no agent: nobody");
	}

	@Test
	void stateChangesArePublishedAsEventsWithReadyLast() {
		this.agents.save(agent("1001", "support", Map.of(), Set.of()));
		this.agents.reachable("1001", true);
		this.agents.login("1001");
		this.events.clear();

		this.agents.ready("1001");

		assertThat(this.events).containsExactly(
				new AgentStateChanged("1001", AgentState.NOT_READY, AgentState.READY, null, this.clock.instant()),
				new AgentBecameReady("1001", this.clock.instant()));
	}

	@Test
	void anUnreachablePhoneTakesTheAgentOutOfLineUntilItIsBackWithItsPlaceKept() {
		readyAgent("1001", Map.of("billing", 3));
		Instant readySince = this.clock.instant();
		this.clock.advance(Duration.ofMinutes(1));

		assertThat(this.agents.reachable("1001", false)).isTrue();
		assertThat(readySets()).isEmpty();
		assertThat(this.agents.status("1001").orElseThrow().state()).isEqualTo(AgentState.READY);

		this.events.clear();
		assertThat(this.agents.reachable("1001", true)).isTrue();
		assertThat(this.agents.reachable("1001", true)).as("no change").isFalse();
		assertThat(redis.zscore(this.keys.key("agents", "ready"), "1001")).as("the place kept")
			.isEqualTo(readySince.toEpochMilli());
		assertThat(this.events).as("back in line for a waiting call")
			.containsExactly(new AgentBecameReady("1001", this.clock.instant()));
	}

	@Test
	void newSkillsWhileReadyKeepTheAgentInLineAtTheirPlace() {
		readyAgent("1001", Map.of("billing", 3));
		double since = this.clock.instant().toEpochMilli();
		this.clock.advance(Duration.ofMinutes(1));

		this.agents.save(agent("1001", "support", Map.of("tech", 2), Set.of()));

		assertThat(redis.zscore(this.keys.key("agents", "ready"), "1001")).isEqualTo(since);
		assertThat(this.agents.status("1001").orElseThrow().state()).isEqualTo(AgentState.READY);
	}

	@Test
	void anAgentWhoMissesTheTeamsLimitIsPausedForRingNoAnswer() {
		readyAgent("1001", Map.of("billing", 3));
		this.agents.save(agent("1001", "sales", Map.of("billing", 3), Set.of()));

		reserve("1001", "call-1");
		assertThat(this.agents.missed("1001")).isTrue();
		assertThat(this.agents.status("1001").orElseThrow().state()).as("one miss of two").isEqualTo(AgentState.READY);

		reserve("1001", "call-2");
		this.events.clear();
		assertThat(this.agents.missed("1001")).isTrue();

		AgentStatus status = this.agents.status("1001").orElseThrow();
		assertThat(status.state()).isEqualTo(AgentState.NOT_READY);
		assertThat(status.reason()).isEqualTo("ring-no-answer");
		assertThat(readySets()).isEmpty();
		assertThat(this.events).contains(new AgentMissedCall("1001", "call-2", 2, this.clock.instant()));
	}

	@Test
	void anAnsweredCallStartsTheMissesAgain() {
		readyAgent("1001", Map.of("billing", 3));
		this.agents.save(agent("1001", "sales", Map.of("billing", 3), Set.of()));
		reserve("1001", "call-1");
		this.agents.missed("1001");
		reserve("1001", "call-2");

		assertThat(this.agents.onCall("1001", "call-2", "PJSIP/1001-00000002")).isTrue();
		this.agents.ready("1001");
		reserve("1001", "call-3");
		this.agents.missed("1001");

		assertThat(this.agents.status("1001").orElseThrow().state()).isEqualTo(AgentState.READY);
	}

	@Test
	void oneMissPausesAnAgentOfATeamWithoutALimitOfItsOwn() {
		readyAgent("1001", Map.of("billing", 3));
		reserve("1001", "call-1");

		this.agents.missed("1001");

		assertThat(this.agents.status("1001").orElseThrow().reason()).isEqualTo("ring-no-answer");
	}

	@Test
	void wrapUpEndsByItselfWhenItsTimeHasComeAndNotBefore() {
		readyAgent("1001", Map.of("billing", 3));
		reserve("1001", "call-1");
		this.agents.onCall("1001", "call-1", "PJSIP/1001-00000001");
		this.agents.wrapUp("1001", this.clock.instant().plusSeconds(30));

		this.clock.advance(Duration.ofSeconds(29));
		assertThat(this.agents.releaseExpired().released()).isEmpty();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.agents.releaseExpired().released()).containsExactly("1001");

		assertThat(this.agents.status("1001").orElseThrow().state()).isEqualTo(AgentState.READY);
		assertThat(redis.zscore(this.keys.key("agents", "ready"), "1001"))
			.isEqualTo(this.clock.instant().toEpochMilli());
	}

	@Test
	void loggingOutEndsAReservationAndDeletingLeavesNoTrace() {
		readyAgent("1001", Map.of("billing", 3));
		reserve("1001", "call-1");

		assertThat(this.agents.logout("1001")).isTrue();
		assertThat(redis.zcard(this.keys.key("agents", "leases"))).isZero();
		assertThat(this.agents.delete("1001")).isTrue();
		assertThat(this.agents.delete("1001")).isFalse();

		// only the site's count of endpoint changes stays: counting on from 0 again could
		// make an instance's stale copy look current
		assertThat(redis.keys(this.keys.prefix() + "*"))
			.containsExactly(this.keys.key("agents", "endpoints", "version"));
	}

	@Test
	void onlyTheHangUpOfTheChannelThatCarriesTheCallEndsIt() {
		readyAgent("1001", Map.of("billing", 3));
		reserve("1001", "call-1");
		assertThat(this.agents.onCall("1001", "call-2", "PJSIP/1001-00000001")).as("another call").isFalse();
		assertThat(this.agents.onCall("1001", "call-1", "PJSIP/1001-00000001")).isTrue();

		// a feature code dialled from the phone's second line
		assertThat(this.agents.hungUp("1001", "PJSIP/1001-00000002", this.clock.instant())).isFalse();
		assertThat(this.agents.status("1001").orElseThrow().state()).isEqualTo(AgentState.ON_CALL);

		assertThat(this.agents.hungUp("1001", "PJSIP/1001-00000001", this.clock.instant())).isTrue();
		assertThat(this.agents.status("1001").orElseThrow().state()).isEqualTo(AgentState.WRAP_UP);
	}

	@Test
	void aPauseDuringACallTakesEffectOnlyAfterItsWrapUp() {
		readyAgent("1001", Map.of("billing", 3));
		reserve("1001", "call-1");
		this.agents.onCall("1001", "call-1", "PJSIP/1001-00000001");

		assertThat(this.agents.pause("1001", "paused from phone")).isTrue();
		assertThat(this.agents.status("1001").orElseThrow()).extracting(AgentStatus::state, AgentStatus::pausePending)
			.containsExactly(AgentState.ON_CALL, "paused from phone");
		this.agents.hungUp("1001", "PJSIP/1001-00000001", this.clock.instant().plusSeconds(30));
		assertThat(this.agents.status("1001").orElseThrow()).extracting(AgentStatus::state, AgentStatus::pausePending)
			.containsExactly(AgentState.WRAP_UP, "paused from phone");
		this.clock.advance(Duration.ofSeconds(30));
		this.agents.releaseExpired();

		AgentStatus status = this.agents.status("1001").orElseThrow();
		assertThat(status.state()).isEqualTo(AgentState.NOT_READY);
		assertThat(status.reason()).isEqualTo("paused from phone");
		assertThat(status.pausePending()).isNull();
		assertThat(readySets()).isEmpty();
	}

	@Test
	void readyDuringACallKeepsTheAgentOnItAndDropsAPendingPause() {
		readyAgent("1001", Map.of("billing", 3));
		reserve("1001", "call-1");
		this.agents.onCall("1001", "call-1", "PJSIP/1001-00000001");
		this.agents.pause("1001", "lunch");

		assertThat(this.agents.ready("1001")).isTrue();
		assertThat(this.agents.status("1001").orElseThrow()).extracting(AgentStatus::state, AgentStatus::pausePending)
			.containsExactly(AgentState.ON_CALL, null);
		assertThat(readySets()).isEmpty();
		this.agents.hungUp("1001", "PJSIP/1001-00000001", this.clock.instant());
		this.agents.releaseExpired();

		assertThat(this.agents.status("1001").orElseThrow().state()).isEqualTo(AgentState.READY);
	}

	@Test
	void anotherPhoneIsUnreachableUntilAsteriskSaysOtherwise() {
		readyAgent("1001", Map.of("billing", 3));

		this.agents.save(new Agent("1001", "Agent 1001", "PJSIP/1099", Map.of("billing", 3), Set.of(), "support"));

		assertThat(this.agents.status("1001").orElseThrow().reachable()).isFalse();
		assertThat(readySets()).isEmpty();
	}

	private void readyAgent(String id, Map<String, Integer> skills) {
		this.agents.save(agent(id, "support", skills, Set.of()));
		this.agents.reachable(id, true);
		this.agents.login(id);
		this.agents.ready(id);
	}

	/** What routing's claim leaves behind (see RedisAgents). */
	private void reserve(String id, String call) {
		long until = this.clock.instant().plusSeconds(30).toEpochMilli();
		redis.hset(this.keys.key("agent", id),
				Map.of("state", "RESERVED", "leaseUntil", Long.toString(until), "call", call));
		redis.hdel(this.keys.key("agent", id), "readySince");
		redis.zadd(this.keys.key("agents", "leases"), until, id);
		redis.zrem(this.keys.key("agents", "ready"), id);
		String counts = this.keys.key("agents", "by-state");
		if (redis.exists(counts)) {
			if (redis.hincrBy(counts, "READY", -1) <= 0) {
				redis.hdel(counts, "READY");
			}
			redis.hincrBy(counts, "RESERVED", 1);
		}
	}

	private List<String> readySets() {
		return redis.keys(this.keys.prefix() + "*ready*").stream().filter((key) -> redis.zcard(key) > 0).toList();
	}

	private static Agent agent(String id, String team, Map<String, Integer> skills, Set<String> languages) {
		return new Agent(id, "Agent " + id, "PJSIP/" + id, skills, languages, team);
	}

	@Test
	void agentsAreCountedByStateOnAPoolOfOneConnection() {
		this.agents.save(agent("1001", "support", Map.of("billing", 2), Set.of()));
		try (JedisPooled oneConnection = TestRedis.oneConnection()) {
			RedisAgents counting = new RedisAgents(oneConnection, this.keys, this.clock, this.events::add,
					new AgentSettings(1, Map.of(), Duration.ofSeconds(5), Duration.ofSeconds(30)));
			assertThat(counting.countByState()).containsEntry(AgentState.LOGGED_OUT, 1);
		}
	}

}
