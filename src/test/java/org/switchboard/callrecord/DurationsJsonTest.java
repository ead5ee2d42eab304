package org.switchboard.callrecord;

import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A call's durations in JSON: seconds under names that say so, older records still read.
 */
class DurationsJsonTest {

	private final ObjectMapper json = new ObjectMapper();

	@Test
	void durationsAreWrittenAsSecondsWithTheUnitInTheirName() throws Exception {
		CallRecord.Durations durations = new CallRecord.Durations(Duration.ofSeconds(10), Duration.ofMillis(20_500),
				null, Duration.ofSeconds(61), Duration.ZERO, Duration.ofMillis(300), Duration.ofMillis(61_300));

		assertThat(this.json.writeValueAsString(durations)).isEqualTo("{\"ivrSeconds\":10,\"queueWaitSeconds\":20.5,"
				+ "\"ringSeconds\":null,\"talkSeconds\":61,\"holdSeconds\":0,\"wrapUpSeconds\":0.3,"
				+ "\"handleSeconds\":61.3}");
	}

	@Test
	void secondsReadBackAsTheDurationsWritten() throws Exception {
		CallRecord.Durations durations = new CallRecord.Durations(Duration.ofMillis(1), Duration.ofMillis(20_500), null,
				Duration.ofHours(2), Duration.ZERO, null, Duration.ofMillis(7_200_001));

		assertThat(this.json.readValue(this.json.writeValueAsString(durations), CallRecord.Durations.class))
			.isEqualTo(durations);
	}

	@Test
	void aRecordKeptWithIsoDurationsBeforeIsStillRead() throws Exception {
		CallRecord.Durations read = this.json.readValue("""
				{"ivr": "PT10S", "queueWait": "PT20.5S", "ring": null, "talk": "PT1M1S", "hold": "PT0S",
				 "wrapUp": "PT0.3S", "handle": "PT1M1.3S"}""", CallRecord.Durations.class);

		assertThat(read).isEqualTo(new CallRecord.Durations(Duration.ofSeconds(10), Duration.ofMillis(20_500), null,
				Duration.ofSeconds(61), Duration.ZERO, Duration.ofMillis(300), Duration.ofMillis(61_300)));
	}

}
