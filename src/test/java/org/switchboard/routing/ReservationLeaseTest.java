package org.switchboard.routing;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

import org.switchboard.agent.AgentEvent.AgentReservationExpired;
import org.switchboard.agent.AgentState;
import org.switchboard.redis.TestRedis;

import static org.assertj.core.api.Assertions.assertThat;

/** How a reservation ends: answered, missed, released, or its lease running out. */
class ReservationLeaseTest {

	private static final JedisPooled redis = TestRedis.client();

	private final TestSite site = new TestSite(redis, "lease-test-" + ProcessHandle.current().pid());

	@BeforeEach
	void agent1001IsClaimed() {
		this.site.readyAgent("1001", Map.of("billing", 3));
		assertThat(this.site.claims.claim(this.site.call("call-1", "billing", 0, Map.of()))).hasValue("1001");
	}

	@Test
	void anExpiredReservationIsReapedBackToReadyAndNeverEarly() {
		this.site.clock.advance(TestSite.LEASE.minusMillis(1));
		assertThat(this.site.agents.releaseExpired().released()).isEmpty();
		assertThat(state()).isEqualTo(AgentState.RESERVED);

		this.site.clock.advance(Duration.ofMillis(1));
		assertThat(this.site.agents.releaseExpired().released()).containsExactly("1001");

		assertThat(state()).isEqualTo(AgentState.READY);
		assertThat(this.site.claims.best(this.site.call("call-2", "billing", 0, Map.of("billing", 3))).agentId())
			.as("offered again")
			.hasValue("1001");
		assertThat(this.site.events(AgentReservationExpired.class)).singleElement()
			.satisfies((expired) -> assertThat(expired.callId()).isEqualTo("call-1"));
	}

	@Test
	void aReservationThatRangOutUnansweredIsAMiss() {
		this.site.agents.ringing("1001");
		this.site.clock.advance(TestSite.LEASE);

		this.site.agents.releaseExpired();

		assertThat(state()).isEqualTo(AgentState.NOT_READY);
		assertThat(this.site.agents.status("1001").orElseThrow().reason()).isEqualTo("ring-no-answer");
	}

	@Test
	void anAnsweredReservationIsNeverReaped() {
		this.site.agents.onCall("1001", "call-1", "PJSIP/1001-00000001");
		this.site.clock.advance(TestSite.LEASE.multipliedBy(2));

		assertThat(this.site.agents.releaseExpired().released()).isEmpty();
		assertThat(state()).isEqualTo(AgentState.ON_CALL);
	}

	@Test
	void aReleasedAgentIsReadyAgainAndCountsNoMiss() {
		assertThat(this.site.agents.release("1001")).isTrue();

		assertThat(state()).isEqualTo(AgentState.READY);
		assertThat(this.site.agents.status("1001").orElseThrow().misses()).isZero();
		assertThat(this.site.agents.release("1001")).as("not reserved any more").isFalse();
	}

	@Test
	void aReapedAgentTakesTheNextWaitingCall() {
		this.site.claims.claimOrWait(this.site.call("call-2", "billing", 0, Map.of("billing", 1)));
		this.site.clock.advance(TestSite.LEASE);

		this.site.agents.releaseExpired();

		assertThat(this.site.agents.status("1001").orElseThrow().callId()).isEqualTo("call-2");
	}

	private AgentState state() {
		return this.site.agents.status("1001").orElseThrow().state();
	}

}
