package org.switchboard.callrecord;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.junit.jupiter.api.Test;

import org.switchboard.redis.Keys;
import org.switchboard.redis.TestRedis;

import static org.assertj.core.api.Assertions.assertThat;

/** Facts shared between instances through the real Redis. */
class RedisSharedFactsTest {

	private static final Instant AT = Instant.parse("2026-11-23T10:00:00Z");

	private final Keys keys = new Keys("test-" + UUID.randomUUID().toString().substring(0, 8));

	private final ObjectMapper json = new ObjectMapper().findAndRegisterModules()
		.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

	/** Two instances, one Redis. */
	private final RedisSharedFacts first = new RedisSharedFacts(TestRedis.client(), this.keys, this.json);

	private final RedisSharedFacts second = new RedisSharedFacts(TestRedis.client(), this.keys, this.json);

	@Test
	void factsOneInstanceSharedAreReadByAnother() {
		Fact ivr = new Fact(Fact.Kind.IVR_DONE, AT.plusSeconds(11), AT, null, "billing", "DE", "support",
				List.of("menu", "billing"), Map.of("billing", 2), "ROUTED", null);
		Fact offered = Fact.of(Fact.Kind.OFFERED, AT.plusSeconds(41)).withAgent("1001");
		this.first.add("call-1", ivr);
		this.first.add("call-1", offered);

		assertThat(this.second.of("call-1")).containsExactly(ivr, offered);
		assertThat(this.second.of("call-2")).isEmpty();
	}

	@Test
	void wrapUpEndsAreReadFromAnInstant() {
		this.first.wrapUpEnded("1001", AT);
		this.first.wrapUpEnded("1001", AT.plusSeconds(300));

		assertThat(this.second.wrapUpEnds("1001", AT.plusSeconds(1))).containsExactly(AT.plusSeconds(300));
	}

	@Test
	void onlyOneInstanceWritesACallsRecordVersion() {
		assertThat(this.first.claimWrite("call-3", "1")).isTrue();
		assertThat(this.second.claimWrite("call-3", "1")).isFalse();
		assertThat(this.second.claimWrite("call-3", "callback-completed")).isTrue();
	}

}
