package org.switchboard.routing;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CallNeedsTest {

	private static final Instant NOON = Instant.parse("2026-03-02T12:00:00Z");

	@Test
	void callsThatNeedTheSameShareOneCanonicalGroup() {
		CallNeeds call = new CallNeeds("1.1", "tech", Map.of("support", 2, "de", 3), 0, NOON);

		assertThat(call.group()).isEqualTo("de=3,support=2");
		assertThat(CallNeeds.skillsOf(call.group())).isEqualTo(call.skills());
		assertThat(new CallNeeds("1.2", "general", Map.of(), 0, NOON).group()).isEqualTo("any");
		assertThat(CallNeeds.skillsOf("any")).isEmpty();
	}

	@Test
	void higherPriorityComesFirstThenEarlierArrival() {
		CallNeeds urgentLate = new CallNeeds("1.1", "tech", Map.of(), 9, NOON.plusSeconds(3600));
		CallNeeds early = new CallNeeds("1.2", "tech", Map.of(), 0, NOON);
		CallNeeds late = new CallNeeds("1.3", "tech", Map.of(), 0, NOON.plusSeconds(1));

		assertThat(urgentLate.score()).isLessThan(early.score());
		assertThat(early.score()).isLessThan(late.score());
	}

	@Test
	void refusesWhatCannotBeLinedUpNamingTheValue() {
		assertThatIllegalArgumentException().isThrownBy(() -> new CallNeeds("1.1", "tech", Map.of(), 10, NOON))
			.withMessage("priority of call 1.1 outside 0..9: 10");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CallNeeds("1.1", "tech", Map.of("support", 0), 0, NOON))
			.withMessage("level of skill support outside 1..5: 0");
		assertThatIllegalArgumentException().isThrownBy(() -> new CallNeeds("1 1", "tech", Map.of(), 0, NOON))
			.withMessage("call id is blank or holds spaces: '1 1'");
		assertThatIllegalArgumentException().isThrownBy(() -> new CallNeeds("1.1", "Tech:x", Map.of(), 0, NOON))
			.withMessageContaining("'Tech:x'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CallNeeds("1.1", "tech", Map.of(), 0, Instant.parse("1969-12-31T23:59:59Z")))
			.withMessageContaining("1969-12-31T23:59:59Z");
	}

}
