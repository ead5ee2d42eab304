package org.switchboard.callrecord;

import java.time.Instant;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A record in JSON as the API gives it and Redis keeps it: older records still read. */
class CallRecordJsonTest {

	private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

	private final ObjectMapper json = JsonMapper.builder().findAndAddModules().build();

	@Test
	void agentsWhoDidNotAnswerAreListedWithTheirRingInSeconds() throws Exception {
		CallRecord record = Calls.rangUnanswered(Calls.answered("1.1", T0, "DE", "1001", 20, 60, 0, 30, null), "1002");

		String text = this.json.writeValueAsString(record);

		assertThat(text)
			.contains("\"ringNoAnswer\":[{\"agentId\":\"1002\",\"ringSeconds\":15,\"status\":\"NOANSWER\"}]");
		assertThat(this.json.readValue(text, CallRecord.class)).isEqualTo(record);
	}

	@Test
	void aRecordKeptBeforeRingNoAnswerWasRecordedReadsWithNone() throws Exception {
		CallRecord answered = Calls.answered("1.1", T0, "DE", "1001", 20, 60, 0, 30, null);
		ObjectNode older = this.json.valueToTree(answered);
		older.remove("ringNoAnswer");

		CallRecord read = this.json.treeToValue(older, CallRecord.class);

		assertThat(read.ringNoAnswer()).isEmpty();
		assertThat(read).isEqualTo(answered);
	}

}
