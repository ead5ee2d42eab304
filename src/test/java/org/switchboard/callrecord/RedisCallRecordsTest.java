package org.switchboard.callrecord;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.junit.jupiter.api.Test;

import org.switchboard.redis.Keys;
import org.switchboard.redis.TestRedis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Call records in the real Redis: a window by arrival (whatever Redis's own clock says),
 * the latest version of a call, retention.
 */
class RedisCallRecordsTest {

	private static final Instant FROM = Instant.parse("2026-11-23T10:00:00Z");

	private static final Instant TO = Instant.parse("2026-11-23T11:00:00Z");

	private final RedisCallRecords records = new RedisCallRecords(TestRedis.client(),
			new Keys("test-" + UUID.randomUUID().toString().substring(0, 8)),
			new ObjectMapper().findAndRegisterModules()
				.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
				.disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS),
			CallRecordSettings.defaults(), Clock.fixed(TO, ZoneOffset.UTC));

	@Test
	void aWindowHoldsTheCallsThatArrivedFromItsStartUntilBeforeItsEnd() {
		this.records.append(Calls.answered("before", FROM.minusMillis(1), "DE", "a1", 10, 60, 0, 5, null));
		this.records.append(Calls.answered("first", FROM, "DE", "a1", 10, 60, 0, 5, 4));
		this.records.append(Calls.abandoned("last", TO.minusSeconds(1), "DE", 30, false));
		this.records.append(Calls.answered("after", TO, "DE", "a1", 10, 60, 0, 5, null));

		assertThat(this.records.arrivedBetween(FROM, TO)).extracting(CallRecord::callId)
			.containsExactly("first", "last");
	}

	@Test
	void aRecordReadBackIsTheRecordWritten() {
		CallRecord written = Calls.answered("same", FROM.plusSeconds(5), "DE", "a1", 12, 61, 7, 5, 3);
		this.records.append(written);

		assertThat(this.records.arrivedBetween(FROM, TO)).containsExactly(written);
	}

	@Test
	void aCallWrittenTwiceIsReadOnceInItsLatestVersion() {
		CallRecord requested = Calls.other("cb", FROM.plusSeconds(60), "DE", Outcome.CALLBACK_REQUESTED, true);
		this.records.append(requested);
		this.records.append(Calls.answered("other", FROM.plusSeconds(90), "DE", "a1", 10, 60, 0, 5, null));
		this.records.append(requested.withOutcome(Outcome.CALLBACK_COMPLETED));

		assertThat(this.records.arrivedBetween(FROM, TO)).extracting(CallRecord::callId, CallRecord::outcome)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("cb", Outcome.CALLBACK_COMPLETED),
					org.assertj.core.groups.Tuple.tuple("other", Outcome.ANSWERED));
	}

	@Test
	void recordsWrittenInOneBatchAreEachReadAndAVersionWrittenLaterInItWins() {
		CallRecord requested = Calls.other("cb", FROM.plusSeconds(60), "DE", Outcome.CALLBACK_REQUESTED, true);
		this.records.append(List.of(Calls.answered("before", FROM.minusMillis(1), "DE", "a1", 10, 60, 0, 5, null),
				requested, Calls.answered("other", FROM.plusSeconds(90), "DE", "a1", 10, 60, 0, 5, null),
				requested.withOutcome(Outcome.CALLBACK_COMPLETED)));

		assertThat(this.records.arrivedBetween(FROM, TO)).extracting(CallRecord::callId, CallRecord::outcome)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("cb", Outcome.CALLBACK_COMPLETED),
					org.assertj.core.groups.Tuple.tuple("other", Outcome.ANSWERED));
	}

	@Test
	void callsOlderThanTheRetentionLeaveTheIndex() {
		this.records
			.append(Calls.answered("old", TO.minus(java.time.Duration.ofDays(31)), "DE", "a1", 10, 60, 0, 5, null));
		this.records
			.append(Calls.answered("kept", TO.minus(java.time.Duration.ofDays(29)), "DE", "a1", 10, 60, 0, 5, null));

		assertThat(this.records.arrivedBetween(TO.minus(java.time.Duration.ofDays(40)), TO))
			.extracting(CallRecord::callId)
			.containsExactly("kept");
	}

	@Test
	void agentStatesAreReadBackUpToTheWindowsEnd() {
		this.records.appendAgentStates(List.of(new Occupancy.Change("a1", "READY", FROM.minusSeconds(60)),
				new Occupancy.Change("a1", "ON_CALL", FROM.plusSeconds(60))));
		this.records.appendAgentStates(List.of(new Occupancy.Change("a1", "WRAP_UP", TO.plusSeconds(60))));

		assertThat(this.records.agentStates(FROM, TO)).extracting(Occupancy.Change::state)
			.containsExactly("READY", "ON_CALL");
	}

}
