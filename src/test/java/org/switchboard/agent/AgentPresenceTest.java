package org.switchboard.agent;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

import org.switchboard.TestClock;
import org.switchboard.redis.Keys;
import org.switchboard.redis.TestRedis;
import org.switchboard.call.AsteriskEvent.AsteriskResynced;
import org.switchboard.call.AsteriskEvent.ContactStatusChanged;
import org.switchboard.call.AsteriskEvent.DeviceStateChanged;
import org.switchboard.call.AsteriskSnapshot;
import org.switchboard.call.ContactStatus;
import org.switchboard.call.DeviceState;

import static org.assertj.core.api.Assertions.assertThat;

/** How AMI's facts about phones become agents' presence. */
class AgentPresenceTest {

	private static final JedisPooled redis = TestRedis.client();

	private final Keys keys = new Keys("presence-test-" + ProcessHandle.current().pid());

	private final TestClock clock = new TestClock(Instant.parse("2026-03-02T09:00:00Z"));

	private final RedisAgents agents = new RedisAgents(redis, this.keys, this.clock, (event) -> {
	}, new AgentSettings(1, Map.of(), Duration.ofSeconds(5), Duration.ofSeconds(30)));

	private final AgentPresence presence = new AgentPresence(this.agents, null);

	@BeforeEach
	void agent1001IsReady() {
		redis.keys(this.keys.prefix() + "*").forEach(redis::del);
		this.agents.save(new Agent("1001", "Ada", "PJSIP/1001", Map.of("billing", 3), Set.of(), "support"));
		this.agents.reachable("1001", true);
		this.agents.login("1001");
		this.agents.ready("1001");
	}

	@Test
	void anUnavailablePhoneTakesItsAgentOutOfLineUntilNotInUse() {
		this.presence
			.deviceStateChanged(new DeviceStateChanged(this.clock.instant(), "PJSIP/1001", DeviceState.UNAVAILABLE));
		assertThat(reachable()).isFalse();
		assertThat(redis.zcard(this.keys.key("agents", "ready"))).isZero();

		this.presence
			.deviceStateChanged(new DeviceStateChanged(this.clock.instant(), "PJSIP/1001", DeviceState.NOT_INUSE));
		assertThat(reachable()).isTrue();
		assertThat(redis.zcard(this.keys.key("agents", "ready"))).isOne();
	}

	@Test
	void theContactStatusOfTheEndpointCountsAndAnUnknownOneChangesNothing() {
		this.presence.contactStatusChanged(contact(ContactStatus.UNREACHABLE));
		assertThat(reachable()).isFalse();
		this.presence.contactStatusChanged(contact(ContactStatus.UNKNOWN));
		assertThat(reachable()).isFalse();
		this.presence.contactStatusChanged(contact(ContactStatus.REACHABLE));
		assertThat(reachable()).isTrue();
	}

	@Test
	void aResyncSetsEveryListedAgentAndIgnoresPhonesOfNoAgent() {
		this.presence.asteriskResynced(new AsteriskResynced(this.clock.instant(), new AsteriskSnapshot(
				Map.of("PJSIP/1001", DeviceState.UNAVAILABLE, "PJSIP/carrier", DeviceState.NOT_INUSE), List.of())));

		assertThat(reachable()).isFalse();
		assertThat(this.agents.all()).hasSize(1);
	}

	@Test
	void aReservationThatRangAndRanOutIsAMiss() {
		long until = this.clock.instant().plusSeconds(30).toEpochMilli();
		redis.hset(this.keys.key("agent", "1001"),
				Map.of("state", "RESERVED", "leaseUntil", Long.toString(until), "call", "call-1"));
		redis.zadd(this.keys.key("agents", "leases"), until, "1001");

		this.presence
			.deviceStateChanged(new DeviceStateChanged(this.clock.instant(), "PJSIP/1001", DeviceState.RINGING));
		this.clock.advance(Duration.ofSeconds(30));
		this.agents.releaseExpired();

		assertThat(this.agents.status("1001").orElseThrow().reason()).isEqualTo("ring-no-answer");
	}

	private ContactStatusChanged contact(ContactStatus status) {
		return new ContactStatusChanged(this.clock.instant(), "1001", "1001", status);
	}

	private boolean reachable() {
		return this.agents.status("1001").orElseThrow().reachable();
	}

}
