package org.switchboard.callrecord;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** While the store is away records are held, in order and bounded, then written. */
class CallRecordWriterTest {

	private static final Instant AT = Instant.parse("2026-11-23T10:00:00Z");

	private final FlakyRecords store = new FlakyRecords();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final CallRecordWriter writer = new CallRecordWriter(this.store,
			new CallRecordSettings(Duration.ofDays(30), Duration.ofSeconds(20), Duration.ofSeconds(5),
					Duration.ofSeconds(3), Duration.ofMinutes(10), Duration.ofHours(6), 3, Duration.ofSeconds(1)),
			this.meters);

	@Test
	void aFailedWriteIsRetriedNotDropped() {
		this.store.down = true;
		this.writer.write(List.of(call("1")));
		this.writer.write(List.of(call("2")));
		assertThat(this.store.kept).isEmpty();
		assertThat(this.meters.get("switchboard.callrecord.pending").gauge().value()).isEqualTo(2.0);

		this.store.down = false;
		this.writer.flush();

		assertThat(this.store.kept).extracting(CallRecord::callId).containsExactly("1", "2");
		assertThat(this.meters.get("switchboard.callrecord.pending").gauge().value()).isZero();
	}

	@Test
	void pastTheBufferTheOldestIsDroppedAndCounted() {
		this.store.down = true;
		for (String id : List.of("1", "2", "3", "4")) {
			this.writer.write(List.of(call(id)));
		}
		this.store.down = false;
		this.writer.flush();

		assertThat(this.store.kept).extracting(CallRecord::callId).containsExactly("2", "3", "4");
		assertThat(this.meters.get("switchboard.callrecord.dropped").counter().count()).isEqualTo(1.0);
	}

	private static CallRecord call(String id) {
		return Calls.abandoned(id, AT, "DE", 30, false);
	}

	/** A store that can be down. */
	private static final class FlakyRecords implements CallRecords {

		boolean down;

		final List<CallRecord> kept = new ArrayList<>();

		@Override
		public void append(List<CallRecord> records) {
			if (this.down) {
				throw new IllegalStateException("Redis is away");
			}
			this.kept.addAll(records);
		}

		@Override
		public List<CallRecord> arrivedBetween(Instant from, Instant to) {
			return List.copyOf(this.kept);
		}

		@Override
		public void appendAgentStates(List<Occupancy.Change> changes) {
		}

		@Override
		public List<Occupancy.Change> agentStates(Instant since, Instant to) {
			return List.of();
		}

	}

}
