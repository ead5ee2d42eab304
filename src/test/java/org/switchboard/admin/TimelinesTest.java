package org.switchboard.admin;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.switchboard.admin.Timelines.Bar;
import org.switchboard.admin.Timelines.DayRow;
import org.switchboard.admin.Timelines.Mark;
import org.switchboard.admin.Timelines.Span;
import org.switchboard.schedule.CountrySchedule;
import org.switchboard.schedule.JollydayHolidays;
import org.switchboard.schedule.OpeningHours;
import org.switchboard.schedule.ScheduleEvaluator;
import org.switchboard.schedule.ScheduleReader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A week cut into day rows in the country's zone and the viewer's, as the timelines draw
 * it: hours that shift when only one side changes its clocks, a day that starts on the
 * day before in UTC, a holiday seen from another zone; and the gaps of a day.
 */
class TimelinesTest {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	private static final ZoneId SYDNEY = ZoneId.of("Australia/Sydney");

	private static final ZoneId UTC = ZoneId.of("UTC");

	private static final String EVERY_DAY_EIGHT_TO_SIX = """
			{days: [MON, TUE, WED, THU, FRI, SAT, SUN], from: "08:00", to: "18:00", team: support}""";

	private static final String WEEKDAYS_NINE_TO_FIVE = """
			{days: [MON, TUE, WED, THU, FRI], from: "09:00", to: "17:00", team: support}""";

	private final ScheduleReader reader = new ScheduleReader(new JollydayHolidays());

	private final ScheduleEvaluator evaluator = new ScheduleEvaluator(new JollydayHolidays());

	@Test
	void berlinHoursMoveAnHourEarlierInNewYorkOnTheSundayTheEuClocksGoForward() {
		OpeningHours week = hours("DE", BERLIN, EVERY_DAY_EIGHT_TO_SIX, "2026-03-22T23:00:00Z", "2026-03-30T04:00:00Z");
		LocalDate monday = LocalDate.parse("2026-03-23");

		List<DayRow> berlin = Timelines.days(week, BERLIN, BERLIN, monday, 7);
		List<DayRow> newYork = Timelines.days(week, BERLIN, NEW_YORK, monday, 7);

		assertThat(berlin).extracting(TimelinesTest::hours).containsOnly(List.of("08:00–18:00")).hasSize(7);
		assertThat(berlin.get(6).clockChange()).isEqualTo("clocks go forward 1 h at 02:00");
		assertThat(berlin.subList(0, 6)).extracting(DayRow::clockChange).containsOnlyNulls();
		assertThat(newYork).extracting(TimelinesTest::hours)
			.containsExactly(List.of("03:00–13:00"), List.of("03:00–13:00"), List.of("03:00–13:00"),
					List.of("03:00–13:00"), List.of("03:00–13:00"), List.of("03:00–13:00"), List.of("02:00–12:00"));
		assertThat(newYork).extracting(DayRow::clockChange).containsOnlyNulls();
		assertThat(newYork.get(0).open().get(0).opens()).hasToString("2026-03-23T03:00-04:00");
	}

	@Test
	void sydneysMondayMorningIsSundayEveningInUtc() {
		OpeningHours week = hours("AU", SYDNEY, WEEKDAYS_NINE_TO_FIVE, "2026-11-22T13:00:00Z", "2026-11-30T00:00:00Z");

		List<DayRow> utc = Timelines.days(week, SYDNEY, UTC, LocalDate.parse("2026-11-23"), 7);

		assertThat(utc).extracting(TimelinesTest::hours)
			.containsExactly(List.of("00:00–06:00", "22:00–24:00"), List.of("00:00–06:00", "22:00–24:00"),
					List.of("00:00–06:00", "22:00–24:00"), List.of("00:00–06:00", "22:00–24:00"),
					List.of("00:00–06:00"), List.of(), List.of("22:00–24:00"));
		Bar sunday = utc.get(6).open().get(0);
		assertThat(sunday.startMinute()).isEqualTo(22 * 60);
		assertThat(sunday.endMinute()).isEqualTo(24 * 60);
		assertThat(sunday.opens()).hasToString("2026-11-29T22:00Z");
	}

	@Test
	void aBerlinHolidayCoversTheEveningBeforeAndMostOfTheDayInNewYork() {
		OpeningHours christmas = new OpeningHours("DE", Instant.parse("2026-12-24T05:00:00Z"),
				Instant.parse("2026-12-26T05:00:00Z"), List.of(),
				List.of(new OpeningHours.MarkedDay(LocalDate.parse("2026-12-25"), OpeningHours.Kind.HOLIDAY,
						"1st Christmas day", true)));

		List<DayRow> newYork = Timelines.days(christmas, BERLIN, NEW_YORK, LocalDate.parse("2026-12-24"), 2);

		assertThat(newYork.get(0).marks()).containsExactly(
				new Mark("holiday", LocalDate.parse("2026-12-25"), "1st Christmas day", true, 18 * 60, 24 * 60));
		assertThat(newYork.get(1).marks())
			.containsExactly(new Mark("holiday", LocalDate.parse("2026-12-25"), "1st Christmas day", true, 0, 18 * 60));
	}

	@Test
	void gapsAreTheTimesNoSpanCoversAndBothIsWhereTwoOverlap() {
		List<Span> open = List.of(span("03:30", "12:30"), span("07:00", "17:00"), span("13:00", "23:59"),
				span("00:00", "01:00"));

		assertThat(Timelines.gaps(open, at("00:00"), Instant.parse("2026-12-25T00:00:00Z")))
			.containsExactly(span("01:00", "03:30"), span("23:59", "24:00"));
		assertThat(Timelines.both(List.of(span("07:00", "11:00")), List.of(span("08:00", "12:00"))))
			.containsExactly(span("08:00", "11:00"));
		assertThat(Timelines.both(List.of(span("07:00", "11:00")), List.of())).isEmpty();
	}

	private OpeningHours hours(String country, ZoneId zone, String window, String from, String to) {
		CountrySchedule schedule = this.reader
			.read("country: " + country + "\ntimeZone: " + zone + "\nversion: 1\nwindows: [" + window + "]\n");
		return this.evaluator.openingHours(schedule, Instant.parse(from), Instant.parse(to));
	}

	private static List<String> hours(DayRow row) {
		return row.open().stream().map((bar) -> bar.from() + "–" + bar.to()).toList();
	}

	private static Span span(String from, String to) {
		return Span.of(at(from), to.equals("24:00") ? Instant.parse("2026-12-25T00:00:00Z") : at(to));
	}

	private static Instant at(String time) {
		return Instant.parse("2026-12-24T" + time + ":00Z");
	}

}
