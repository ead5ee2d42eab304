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
				List.of("menu", "billing"), Map.of("billing", 2), "ROUTED", null, null);
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

	@Test
	void manyCallsFactsAreSharedAndReadInOneGo() {
		Fact first = Fact.of(Fact.Kind.OFFERED, AT).withAgent("1001");
		Fact second = Fact.of(Fact.Kind.OFFERED, AT.plusSeconds(1)).withAgent("1002");
		Fact third = Fact.of(Fact.Kind.OFFERED, AT.plusSeconds(2)).withAgent("1003");
		this.first.add(List.of(new SharedFacts.Noted("call-a", first), new SharedFacts.Noted("call-b", second),
				new SharedFacts.Noted("call-a", third)));

		assertThat(this.second.of(List.of("call-a", "call-b", "call-c"))).containsOnly(
				Map.entry("call-a", List.of(first, third)), Map.entry("call-b", List.of(second)),
				Map.entry("call-c", List.of()));
	}

	@Test
	void manyAgentsWrapUpsAreReadInOneGo() {
		this.first.wrapUpEnded("1001", AT);
		this.first.wrapUpEnded("1002", AT.plusSeconds(5));

		assertThat(this.second.wrapUpEnds(List.of("1001", "1002", "1003"), AT.plusSeconds(1))).containsOnly(
				Map.entry("1001", List.of()), Map.entry("1002", List.of(AT.plusSeconds(5))),
				Map.entry("1003", List.of()));
	}

	@Test
	void ofManyCallsEachIsClaimedByOneInstanceOnly() {
		assertThat(this.first.claimWrites(List.of("call-4", "call-5"), "1")).containsExactly("call-4", "call-5");
		assertThat(this.second.claimWrites(List.of("call-5", "call-6"), "1")).containsExactly("call-6");
	}

}
