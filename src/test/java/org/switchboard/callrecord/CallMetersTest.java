package org.switchboard.callrecord;

import java.time.Instant;
import java.util.Optional;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.switchboard.agent.AgentEvent.AgentMissedCall;
import org.switchboard.agent.AgentEvent.AgentReservationExpired;
import org.switchboard.call.DialStatus;
import org.switchboard.call.CallEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The counters a supervisor reads for agents who let a call ring: tagged by queue and
 * country only, never by a call, an agent or a number.
 */
class CallMetersTest {

	private static final Instant AT = Instant.parse("2026-11-23T10:00:00Z");

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	// the gauges that read the waiting line and the agents are not read here
	private final CallMeters meters = new CallMeters(this.registry, CallRecordSettings.defaults(), null, null);

	@Test
	void ringsNobodyAnsweredAreCountedPerQueueAndCountry() {
		this.meters.notAnswered(notAnswered("1.1", "1001", "DE", DialStatus.NOANSWER));
		this.meters.notAnswered(notAnswered("1.2", "1002", "DE", DialStatus.BUSY));
		this.meters.notAnswered(notAnswered("1.3", "1001", null, DialStatus.CHANUNAVAIL));

		assertThat(count("DE")).isEqualTo(2);
		assertThat(count("unknown")).isEqualTo(1);
		assertThat(this.registry.find("switchboard.calls.ring.no.answer").meters())
			.flatExtracting((meter) -> meter.getId().getTags())
			.extracting(Tag::getKey)
			.containsOnly("queue", "country");
	}

	@Test
	void missedCallsAndExpiredReservationsAreCounted() {
		this.meters.missed(new AgentMissedCall("1001", "1.1", 1, AT));
		this.meters.missed(new AgentMissedCall("1001", "1.2", 2, AT));
		this.meters.reservationExpired(new AgentReservationExpired("1002", "1.3", AT));

		assertThat(this.registry.get("switchboard.agents.missed").counter().count()).isEqualTo(2);
		assertThat(this.registry.get("switchboard.routing.reservations.expired").counter().count()).isEqualTo(1);
		assertThat(this.registry.getMeters()).flatExtracting((Meter meter) -> meter.getId().getTags())
			.extracting(Tag::getValue)
			.doesNotContain("1001", "1002", "1.1", "1.2", "1.3");
	}

	private double count(String country) {
		return this.registry.get("switchboard.calls.ring.no.answer")
			.tags("queue", "billing", "country", country)
			.counter()
			.count();
	}

	private static CallEvent.RingNotAnswered notAnswered(String callId, String agentId, String country,
			DialStatus status) {
		return new CallEvent.RingNotAnswered(callId, agentId, Optional.of("billing"), Optional.ofNullable(country),
				status, AT);
	}

}
