package org.switchboard.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A schedule's open hours over a stretch of time, as the timelines draw them: the same
 * rules as a call's decision across a DST change, on holidays and special days, and for a
 * country whose day runs across midnight UTC.
 */
class OpeningHoursTest {

	private static final Holidays holidays = new JollydayHolidays();

	private final ScheduleReader reader = new ScheduleReader(holidays);

	private final ScheduleEvaluator evaluator = new ScheduleEvaluator(holidays);

	@Test
	void berlinOpensAtEightLocalAllWeekSoAnHourEarlierInUtcAfterTheSpringChange() {
		CountrySchedule berlin = schedule("DE", "Europe/Berlin", """
				windows: [{days: [MON, TUE, WED, THU, FRI, SAT, SUN], from: "08:00", to: "18:00", team: de-support}]
				""");

		OpeningHours week = this.evaluator.openingHours(berlin, Instant.parse("2026-03-22T23:00:00Z"),
				Instant.parse("2026-03-29T22:00:00Z"));

		assertThat(week.openings()).extracting((opening) -> opening.opens().toInstant().toString())
			.containsExactly("2026-03-23T07:00:00Z", "2026-03-24T07:00:00Z", "2026-03-25T07:00:00Z",
					"2026-03-26T07:00:00Z", "2026-03-27T07:00:00Z", "2026-03-28T07:00:00Z", "2026-03-29T06:00:00Z");
		assertThat(week.openings()).extracting((opening) -> opening.opens().toLocalTime().toString())
			.containsOnly("08:00");
	}

	@Test
	void aClosingHolidayHasNoOpeningAndIsNamedAndASpecialDayKeepsItsReason() {
		CountrySchedule berlin = schedule("DE", "Europe/Berlin",
				"""
						holidays: {subdivision: BE}
						specialDays: [{date: 2026-12-24, reason: Christmas Eve, windows: [{from: "08:00", to: "12:00", team: de-support}]}]
						windows: [{days: [MON, TUE, WED, THU, FRI], from: "08:00", to: "18:00", team: de-support}]
						""");

		OpeningHours days = this.evaluator.openingHours(berlin, Instant.parse("2026-12-23T23:00:00Z"),
				Instant.parse("2026-12-25T23:00:00Z"));

		assertThat(days.openings()).singleElement().satisfies((eve) -> {
			assertThat(eve.day()).isEqualTo(LocalDate.parse("2026-12-24"));
			assertThat(eve.opens().toInstant()).isEqualTo("2026-12-24T07:00:00Z");
			assertThat(eve.closes().toInstant()).isEqualTo("2026-12-24T11:00:00Z");
			assertThat(eve.specialDay()).contains("Christmas Eve");
		});
		assertThat(days.days()).containsExactly(
				new OpeningHours.MarkedDay(LocalDate.parse("2026-12-24"), OpeningHours.Kind.SPECIAL_DAY,
						"Christmas Eve", false),
				new OpeningHours.MarkedDay(LocalDate.parse("2026-12-25"), OpeningHours.Kind.HOLIDAY,
						"1st Christmas day", true));
	}

	@Test
	void aNewYorkEveningStillOpenAtMidnightUtcBelongsToTheDayBefore() {
		CountrySchedule newYork = schedule("US", "America/New_York", """
				windows: [{days: [MON, TUE, WED, THU, FRI], from: "08:00", to: "20:00", team: us-support}]
				""");

		OpeningHours tuesdayUtc = this.evaluator.openingHours(newYork, Instant.parse("2026-11-24T00:00:00Z"),
				Instant.parse("2026-11-25T00:00:00Z"));

		assertThat(tuesdayUtc.openings()).extracting(OpeningHours.Opening::day)
			.containsExactly(LocalDate.parse("2026-11-23"), LocalDate.parse("2026-11-24"));
		assertThat(tuesdayUtc.openings().get(0).closes().toInstant()).isEqualTo("2026-11-24T01:00:00Z");
		assertThat(tuesdayUtc.openings().get(1).closes().toInstant()).isEqualTo("2026-11-25T01:00:00Z");
	}

	@Test
	void anOvernightShiftFromTheDayBeforeIsOpenAtTheStart() {
		CountrySchedule berlin = schedule("DE", "Europe/Berlin", """
				windows: [{days: [FRI], from: "22:00", to: "06:00", overnight: true, team: de-night}]
				""");

		OpeningHours saturday = this.evaluator.openingHours(berlin, Instant.parse("2026-11-27T23:00:00Z"),
				Instant.parse("2026-11-28T23:00:00Z"));

		assertThat(saturday.openings()).singleElement().satisfies((night) -> {
			assertThat(night.day()).isEqualTo(LocalDate.parse("2026-11-27"));
			assertThat(night.window().team()).isEqualTo("de-night");
		});
		assertThat(saturday.days()).isEqualTo(List.of());
	}

	private CountrySchedule schedule(String country, String zone, String rest) {
		return this.reader.read("country: " + country + "\ntimeZone: " + zone + "\nversion: 1\n" + rest);
	}

}
