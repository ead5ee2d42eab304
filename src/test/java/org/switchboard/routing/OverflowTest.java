package org.switchboard.routing;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.switchboard.schedule.OverflowStep;
import org.switchboard.schedule.Quota;
import org.switchboard.schedule.ScheduleDecision;
import org.switchboard.schedule.Window;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Germany's overflow as shipped: English speakers after a minute, every level one lower
 * after two, France's team after three minutes while France is open.
 */
class OverflowTest {

	private static final Map<String, Integer> FLOW = Map.of("billing", 2);

	private static final Map<String, Integer> OWN = Map.of("billing", 2, "german", 2, "support", 1);

	private static final List<OverflowStep> GERMANY = List.of(
			new OverflowStep.AddSkills(Duration.ofSeconds(60), Map.of("english", 2)),
			new OverflowStep.LowerLevels(Duration.ofSeconds(120), 1),
			new OverflowStep.OtherCountry(Duration.ofSeconds(180), "FR"));

	private static final Window PARIS = new Window(Set.of(), LocalTime.of(9, 0), LocalTime.of(19, 0), false,
			"fr-support", Map.of("french", 2, "support", 1), Quota.NONE);

	@Test
	void aCallThatJustArrivedTakesOnlyItsOwnSkillsAndWidensAfterAMinute() {
		Overflow.Widening widening = Overflow.widen(GERMANY, FLOW, OWN, Duration.ZERO, (country) -> franceOpen());

		assertThat(widening.alternatives()).isEmpty();
		assertThat(widening.next()).hasValue(Duration.ofSeconds(60));
	}

	@Test
	void afterAMinuteEnglishSpeakersWithTheIvrsSkillsMayTakeIt() {
		Overflow.Widening widening = Overflow.widen(GERMANY, FLOW, OWN, Duration.ofSeconds(75),
				(country) -> franceOpen());

		assertThat(widening.alternatives()).containsExactly(Map.of("billing", 2, "english", 2));
		assertThat(widening.next()).hasValue(Duration.ofSeconds(120));
	}

	@Test
	void afterTwoMinutesEverySetSoFarIsOneLevelLowerButStillNeverBelowOne() {
		Overflow.Widening widening = Overflow.widen(GERMANY, FLOW, OWN, Duration.ofSeconds(121),
				(country) -> franceOpen());

		assertThat(widening.alternatives()).containsExactly(Map.of("billing", 2, "english", 2),
				Map.of("billing", 1, "german", 1, "support", 1), Map.of("billing", 1, "english", 1));
	}

	@Test
	void afterThreeMinutesFrancesTeamTakesItLastAndNothingWidensAfter() {
		Overflow.Widening widening = Overflow.widen(GERMANY, FLOW, OWN, Duration.ofSeconds(200),
				(country) -> country.equals("FR") ? franceOpen() : Optional.empty());

		assertThat(widening.alternatives()).last().isEqualTo(Map.of("billing", 2, "french", 2, "support", 1));
		assertThat(widening.next()).isEmpty();
	}

	@Test
	void aClosedFollowTheSunCountryIsSkippedAndLookedAtAgainAMinuteLater() {
		Overflow.Widening widening = Overflow.widen(GERMANY, FLOW, OWN, Duration.ofSeconds(200),
				(country) -> Optional.empty());

		assertThat(widening.alternatives()).noneMatch((set) -> set.containsKey("french"));
		assertThat(widening.next()).hasValue(Duration.ofSeconds(260));
		assertThat(widening.trace()).last().asString().contains("FR is closed");
	}

	private static Optional<ScheduleDecision.Open> franceOpen() {
		ZonedDateTime opens = ZonedDateTime.parse("2026-11-23T09:00:00+01:00[Europe/Paris]");
		return Optional.of(new ScheduleDecision.Open("FR", opens.toInstant(), PARIS, opens, opens.plusHours(10),
				"weekly window", Optional.empty(), List.of()));
	}

}
