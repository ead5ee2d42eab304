package org.switchboard.routing;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

import org.switchboard.call.CallEvent;
import org.switchboard.call.CallEvent.AgentReserved;
import org.switchboard.agent.AgentState;
import org.switchboard.redis.TestRedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Country quotas and widened needs inside the claim scripts, against a real Redis: a
 * country's calls beyond its quota wait even with agents free, and are offered the moment
 * a place frees; a call waits in the line of every set of skills that may serve it.
 */
class QuotaAndAlternativesClaimTest {

	private static final JedisPooled redis = TestRedis.client();

	private final TestSite site = new TestSite(redis, "quota-test-" + ProcessHandle.current().pid());

	@Test
	void aCountryAtItsMostCallsAtOnceWaitsWithAgentsFreeUntilOneOfItsCallsEnds() {
		this.site.readyAgent("a1", Map.of("support", 2));
		this.site.readyAgent("a2", Map.of("support", 2));
		CallNeeds first = call("de-1", "DE", OptionalInt.of(1), OptionalInt.empty());
		CallNeeds second = call("de-2", "DE", OptionalInt.of(1), OptionalInt.empty());
		CallNeeds french = call("fr-1", "FR", OptionalInt.of(1), OptionalInt.empty());

		assertThat(this.site.claims.claimOrWait(first)).hasValue("a1");
		assertThat(this.site.claims.claimOrWait(second)).isEmpty();
		assertThat(this.site.line.position("de-2")).hasValue(1);
		assertThat(this.site.claims.claimOrWait(french)).as("another country has its own quota").hasValue("a2");

		this.site.readyAgent("a3", Map.of("support", 2));
		assertThat(this.site.agents.status("a3").orElseThrow().state()).as("ready, the German call still held")
			.isEqualTo(AgentState.READY);

		this.site.line.remove("de-1");
		this.site.dispatcher.countryFreed("DE");

		assertThat(this.site.agents.status("a3").orElseThrow().callId()).isEqualTo("de-2");
		assertThat(this.site.events(AgentReserved.class)).last()
			.satisfies((claimed) -> assertThat(claimed.fromWaitingLine()).isTrue());
	}

	@Test
	void aWindowsAnsweredCallsStopAtItsLimitAndAMissGivesItsPlaceBack() {
		this.site.readyAgent("a1", Map.of("support", 2));
		this.site.readyAgent("a2", Map.of("support", 2));
		this.site.readyAgent("a3", Map.of("support", 2));

		assertThat(this.site.claims.claimOrWait(call("pl-1", "PL", OptionalInt.empty(), OptionalInt.of(2))))
			.hasValue("a1");
		assertThat(this.site.claims.claimOrWait(call("pl-2", "PL", OptionalInt.empty(), OptionalInt.of(2))))
			.hasValue("a2");
		CallNeeds third = call("pl-3", "PL", OptionalInt.empty(), OptionalInt.of(2));
		assertThat(this.site.claims.claimOrWait(third)).isEmpty();
		assertThat(new RedisQuotas(redis, this.site.keys).answeredUsedUp(third.quota().orElseThrow())).isTrue();

		// pl-2's agent did not answer: it comes back and counts again only when it gets
		// an
		// agent
		this.site.agents.missed("a2");
		assertThat(this.site.claims.claimOrWait(this.site.line.find("pl-2").orElseThrow())).hasValue("a3");
		assertThat(this.site.line.position("pl-3")).hasValue(1);
	}

	@Test
	void aWindowsCountIsKeptADayPastTheWindowsEndAndTheCallRemembersWhatItTook() {
		this.site.readyAgent("a1", Map.of("support", 2));
		this.site.readyAgent("a2", Map.of("support", 2));
		CallNeeds first = call("pl-1", "PL", OptionalInt.empty(), OptionalInt.of(5));
		Instant windowCloses = first.quota().orElseThrow().windowCloses();
		String count = this.site.keys.key("quota", "answered", "PL", "1772442000");

		assertThat(this.site.claims.claimOrWait(first)).hasValue("a1");
		// Redis counts the time to live on its own clock, not the test's
		long timeToLive = redis.pttl(count);
		assertThat(this.site.clock.instant().plusMillis(timeToLive)).isCloseTo(windowCloses.plus(Duration.ofDays(1)),
				within(5, ChronoUnit.SECONDS));
		assertThat(redis.hget(this.site.keys.key("call", "pl-1"), "taken")).isEqualTo("1772442000");

		this.site.clock.advance(Duration.ofMinutes(30));
		// a call of the same occurrence of the window, half an hour later
		CallNeeds second = this.site.call("pl-2", "support", 0, Map.of("support", 1)).withQuota(first.quota());
		assertThat(this.site.claims.claimOrWait(second)).hasValue("a2");
		assertThat(redis.get(count)).isEqualTo("2");
		assertThat(redis.pttl(count)).as("the end set by the window's first claim stays")
			.isCloseTo(timeToLive, within(5_000L));
		assertThat(redis.hget(this.site.keys.key("call", "pl-2"), "taken")).isEqualTo("1772442000");
	}

	@Test
	void anAgentWhoBecomesReadySkipsACallHeldByItsQuotaForTheNextCallTheyCanServe() {
		this.site.readyAgent("a1", Map.of("support", 2));
		this.site.claims.claimOrWait(call("de-1", "DE", OptionalInt.of(1), OptionalInt.empty()));
		this.site.claims.claimOrWait(call("de-2", "DE", OptionalInt.of(1), OptionalInt.empty()));
		this.site.claims.claimOrWait(call("fr-1", "FR", OptionalInt.of(5), OptionalInt.empty()));

		this.site.readyAgent("a2", Map.of("support", 2));

		assertThat(this.site.agents.status("a2").orElseThrow().callId()).isEqualTo("fr-1");
		assertThat(this.site.line.position("de-2")).hasValue(1);
	}

	@Test
	void aCallTakesAnAgentWithItsOwnSkillsBeforeOneOfAnAlternative() {
		this.site.readyAgent("english", Map.of("english", 5, "support", 5));
		this.site.readyAgent("german", Map.of("german", 2, "support", 1));
		CallNeeds call = this.site.call("c1", "support", 0, Map.of("german", 2, "support", 1))
			.withAlternatives(List.of(Map.of("english", 2, "support", 1)));

		assertThat(this.site.claims.claimOrWait(call)).hasValue("german");
		CallNeeds next = this.site.call("c2", "support", 0, Map.of("german", 2, "support", 1))
			.withAlternatives(List.of(Map.of("english", 2, "support", 1)));
		assertThat(this.site.claims.claimOrWait(next)).hasValue("english");
	}

	@Test
	void aWidenedCallWaitsInEveryLineThatServesItAndLeavesThemAllWhenTaken() {
		CallNeeds call = this.site.call("c1", "support", 0, Map.of("german", 2))
			.withAlternatives(List.of(Map.of("english", 2)));
		this.site.claims.claimOrWait(call);
		assertThat(redis.smembers(this.site.keys.key("waiting", "groups"))).contains("german=2", "english=2");
		assertThat(this.site.line.waiting()).as("listed once").extracting(CallNeeds::callId).containsExactly("c1");

		this.site.readyAgent("english", Map.of("english", 3));

		assertThat(this.site.agents.status("english").orElseThrow().callId()).isEqualTo("c1");
		assertThat(redis.smembers(this.site.keys.key("waiting", "groups"))).isEmpty();
		assertThat(this.site.line.find("c1").orElseThrow().alternatives()).containsExactly(Map.of("english", 2));
	}

	@Test
	void aClaimForAWaitingCallDoesNothingOnceTheCallHasLeftTheLine() {
		CallNeeds call = this.site.call("c1", "support", 0, Map.of("german", 2));
		this.site.claims.claimOrWait(call);
		this.site.line.remove("c1");
		this.site.readyAgent("english", Map.of("english", 3));

		Optional<String> agent = this.site.claims
			.claimForWaitingCall(call.withAlternatives(List.of(Map.of("english", 2))));

		assertThat(agent).isEmpty();
		assertThat(this.site.line.find("c1")).as("not put back by a sweep that came late").isEmpty();
	}

	@Test
	void aPeekNamesTheAgentOrTheFullQuotaAndChangesNothing() {
		this.site.readyAgent("a1", Map.of("support", 2));
		CallNeeds call = call("de-1", "DE", OptionalInt.of(1), OptionalInt.empty());

		assertThat(this.site.claims.best(call))
			.isEqualTo(new AgentClaims.Candidate(Optional.of("a1"), "support=1", false));
		assertThat(this.site.agents.status("a1").orElseThrow().state()).isEqualTo(AgentState.READY);
		assertThat(this.site.line.find("de-1")).isEmpty();

		this.site.claims.claimOrWait(call);
		this.site.readyAgent("a2", Map.of("support", 2));
		assertThat(this.site.claims.best(call("de-2", "DE", OptionalInt.of(1), OptionalInt.empty())).quotaFull())
			.isTrue();
	}

	private CallNeeds call(String id, String country, OptionalInt concurrent, OptionalInt answered) {
		Instant closes = this.site.clock.instant().plus(Duration.ofHours(8));
		CallQuota quota = new CallQuota(country, concurrent, answered.isPresent() ? "1772442000" : "", answered,
				closes);
		return this.site.call(id, "support", 0, Map.of("support", 1)).withQuota(Optional.of(quota));
	}

}
