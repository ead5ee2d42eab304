package org.switchboard.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScheduleEvaluatorTest {

	private static final Holidays holidays = new JollydayHolidays();

	private final ScheduleReader reader = new ScheduleReader(holidays);

	private final ScheduleEvaluator evaluator = new ScheduleEvaluator(holidays);

	private static final String EVERY_DAY = """
			windows: [{days: [MON, TUE, WED, THU, FRI, SAT, SUN], from: "08:00", to: "18:00", team: support}]
			""";

	private static final String WEEKDAYS = """
			windows: [{days: [MON, TUE, WED, THU, FRI], from: "08:00", to: "18:00", team: support}]
			""";

	@Test
	void opensAtEightLocalOnBothSidesOfTheEuSpringChange() {
		CountrySchedule berlin = schedule("DE", "Europe/Berlin", EVERY_DAY);

		ScheduleDecision saturday = evaluate(berlin, "2026-03-28T07:00:00Z");
		ScheduleDecision sunday = evaluate(berlin, "2026-03-29T06:00:00Z");
		ScheduleDecision sundayEarly = evaluate(berlin, "2026-03-29T05:59:00Z");

		assertThat(saturday.isOpen()).isTrue();
		assertThat(sunday.isOpen()).isTrue();
		assertThat(sundayEarly.isOpen()).isFalse();
		assertThat(sundayEarly.nextChange()).contains(ZonedDateTime.parse("2026-03-29T08:00+02:00[Europe/Berlin]"));
		assertThat(sundayEarly.nextChange().get().toInstant()).isEqualTo("2026-03-29T06:00:00Z");
		assertThat(sunday.nextChange()).contains(ZonedDateTime.parse("2026-03-29T18:00+02:00[Europe/Berlin]"));
	}

	@Test
	void opensAtEightLocalOnBothSidesOfTheEuAutumnChange() {
		CountrySchedule berlin = schedule("DE", "Europe/Berlin", EVERY_DAY);

		assertThat(evaluate(berlin, "2026-10-24T06:00:00Z").isOpen()).isTrue();
		assertThat(evaluate(berlin, "2026-10-25T06:00:00Z").isOpen()).as("07:00 CET").isFalse();
		assertThat(evaluate(berlin, "2026-10-25T06:59:00Z").isOpen()).as("07:59 CET").isFalse();
		assertThat(evaluate(berlin, "2026-10-25T07:00:00Z").isOpen()).as("08:00 CET").isTrue();
		assertThat(evaluate(berlin, "2026-10-25T06:59:00Z").nextChange().get().toInstant())
			.isEqualTo("2026-10-25T07:00:00Z");
	}

	@Test
	void opensAtEightLocalOnBothSidesOfTheUsSpringChange() {
		CountrySchedule newYork = schedule("US", "America/New_York", EVERY_DAY);

		assertThat(evaluate(newYork, "2026-03-07T13:00:00Z").isOpen()).as("08:00 EST").isTrue();
		assertThat(evaluate(newYork, "2026-03-07T12:59:00Z").isOpen()).as("07:59 EST").isFalse();
		assertThat(evaluate(newYork, "2026-03-08T12:00:00Z").isOpen()).as("08:00 EDT").isTrue();
		assertThat(evaluate(newYork, "2026-03-08T11:59:00Z").isOpen()).as("07:59 EDT").isFalse();
	}

	@Test
	void overnightWindowCoversTheNextMorningUntilItCloses() {
		CountrySchedule berlin = schedule("DE", "Europe/Berlin", """
				windows: [{days: [FRI], from: "22:00", to: "06:00", overnight: true, team: night}]
				""");

		ScheduleDecision saturdayThree = evaluate(berlin, "2026-03-07T02:00:00Z");
		ScheduleDecision saturdaySix = evaluate(berlin, "2026-03-07T05:00:00Z");

		assertThat(saturdayThree).isInstanceOfSatisfying(ScheduleDecision.Open.class, (open) -> {
			assertThat(open.window().team()).isEqualTo("night");
			assertThat(open.windowOpens()).isEqualTo(ZonedDateTime.parse("2026-03-06T22:00+01:00[Europe/Berlin]"));
			assertThat(open.reason()).isEqualTo("window FRI 22:00-06:00 overnight (night) from Fri 2026-03-06");
		});
		assertThat(saturdayThree.trace())
			.contains("window FRI 22:00-06:00 overnight (night) from Fri 2026-03-06 still covers Sat 03:00: open");
		assertThat(saturdayThree.nextChange()).contains(ZonedDateTime.parse("2026-03-07T06:00+01:00[Europe/Berlin]"));
		assertThat(saturdaySix.isOpen()).isFalse();
		assertThat(saturdaySix.nextChange()).contains(ZonedDateTime.parse("2026-03-13T22:00+01:00[Europe/Berlin]"));
	}

	@Test
	void overnightWindowAcrossADstChangeKeepsItsLocalHours() {
		CountrySchedule berlin = schedule("DE", "Europe/Berlin", """
				windows: [{days: [SAT], from: "22:00", to: "06:00", overnight: true, team: night}]
				""");

		ScheduleDecision spring = evaluate(berlin, "2026-03-29T03:59:00Z");
		ScheduleDecision autumn = evaluate(berlin, "2026-10-25T04:59:00Z");

		assertThat(spring).isInstanceOfSatisfying(ScheduleDecision.Open.class, (open) -> {
			assertThat(open.windowOpens().toInstant()).isEqualTo("2026-03-28T21:00:00Z");
			assertThat(open.windowCloses().toInstant()).isEqualTo("2026-03-29T04:00:00Z");
			assertThat(Duration.between(open.windowOpens(), open.windowCloses())).hasHours(7);
		});
		assertThat(autumn).isInstanceOfSatisfying(ScheduleDecision.Open.class, (open) -> {
			assertThat(open.windowOpens().toInstant()).isEqualTo("2026-10-24T20:00:00Z");
			assertThat(open.windowCloses().toInstant()).isEqualTo("2026-10-25T05:00:00Z");
			assertThat(Duration.between(open.windowOpens(), open.windowCloses())).hasHours(9);
		});
		assertThat(evaluate(berlin, "2026-03-29T04:00:00Z").isOpen()).as("06:00 CEST").isFalse();
	}

	@Test
	void windowOpeningInsideTheSpringForwardGapOpensAfterTheGap() {
		CountrySchedule berlin = schedule("DE", "Europe/Berlin", """
				windows: [{days: [SUN], from: "02:30", to: "05:00", team: early}]
				""");

		ScheduleDecision threeFifteen = evaluate(berlin, "2026-03-29T01:15:00Z");
		ScheduleDecision threeThirty = evaluate(berlin, "2026-03-29T01:30:00Z");

		assertThat(threeFifteen.isOpen()).isFalse();
		assertThat(threeFifteen.nextChange()).contains(ZonedDateTime.parse("2026-03-29T03:30+02:00[Europe/Berlin]"));
		assertThat(threeThirty).isInstanceOfSatisfying(ScheduleDecision.Open.class,
				(open) -> assertThat(open.window().team()).isEqualTo("early"));
	}

	@Test
	void windowThatTheSpringForwardGapSwallowsStaysClosedThatNight() {
		CountrySchedule berlin = schedule("DE", "Europe/Berlin", """
				windows: [{days: [SUN], from: "02:30", to: "03:15", team: swallowed}]
				""");

		ScheduleDecision duringTheNight = evaluate(berlin, "2026-03-29T01:10:00Z");

		assertThat(duringTheNight.isOpen()).isFalse();
		assertThat(duringTheNight.nextChange()).contains(ZonedDateTime.parse("2026-04-05T02:30+02:00[Europe/Berlin]"));
	}

	@Test
	void saudiWeekendClosesFridayAndTheWeekStartsSunday() {
		CountrySchedule riyadh = schedule("SA", "Asia/Riyadh", """
				windows: [{days: [SUN, MON, TUE, WED, THU], from: "08:00", to: "17:00", team: sa}]
				""");

		ScheduleDecision friday = evaluate(riyadh, "2026-04-10T07:00:00Z");
		ScheduleDecision sunday = evaluate(riyadh, "2026-04-12T07:00:00Z");

		assertThat(friday.isOpen()).isFalse();
		assertThat(friday.trace()).contains("window SUN-THU 08:00-17:00 does not cover Fri 10:00");
		assertThat(friday.nextChange()).contains(ZonedDateTime.parse("2026-04-12T08:00+03:00[Asia/Riyadh]"));
		assertThat(sunday.isOpen()).isTrue();
	}

	@Test
	void indiaOpensAtNineIstWhichIsHalfPastThreeUtc() {
		CountrySchedule kolkata = schedule("IN", "Asia/Kolkata", """
				windows: [{days: [MON, TUE, WED, THU, FRI], from: "09:00", to: "18:00", team: in}]
				""");

		ScheduleDecision before = evaluate(kolkata, "2026-04-06T03:29:00Z");

		assertThat(evaluate(kolkata, "2026-04-06T03:30:00Z").isOpen()).isTrue();
		assertThat(before.isOpen()).isFalse();
		assertThat(before.nextChange()).contains(ZonedDateTime.parse("2026-04-06T09:00+05:30[Asia/Kolkata]"));
		assertThat(before.nextChange().get().toInstant()).isEqualTo("2026-04-06T03:30:00Z");
		assertThat(before.trace().get(0))
			.isEqualTo("2026-04-06T03:29:00Z is Mon 2026-04-06 08:59 (+05:30) in Asia/Kolkata");
	}

	@Test
	void christmasDayClosesTheLineWithTheHolidaysNameInTheTrace() {
		CountrySchedule berlin = schedule("DE", "Europe/Berlin",
				"holidays: {calendar: DE, subdivision: BE}\n" + WEEKDAYS);

		ScheduleDecision christmas = evaluate(berlin, "2026-12-25T09:00:00Z");

		assertThat(christmas.isOpen()).isFalse();
		assertThat(christmas.reason()).isEqualTo("holiday in DE-BE: 1st Christmas day");
		assertThat(christmas.trace()).contains("2026-12-25 is a holiday in DE-BE (1st Christmas day): closed",
				"weekly windows do not apply on 2026-12-25");
	}

	@Test
	void subdivisionHolidayClosesOnlyThatSubdivision() {
		String epiphany = "2026-01-06T09:00:00Z";

		ScheduleDecision bavaria = evaluate(schedule("DE", "Europe/Berlin", "holidays: {subdivision: BY}\n" + WEEKDAYS),
				epiphany);
		ScheduleDecision berlin = evaluate(schedule("DE", "Europe/Berlin", "holidays: {subdivision: BE}\n" + WEEKDAYS),
				epiphany);

		assertThat(bavaria.isOpen()).isFalse();
		assertThat(bavaria.reason()).isEqualTo("holiday in DE-BY: Epiphany");
		assertThat(berlin.isOpen()).isTrue();
		assertThat(berlin.trace()).contains("2026-01-06 is no special day and no holiday in DE-BE");
	}

	@Test
	void holidaysThatDoNotCloseOnlyShowInTheTrace() {
		CountrySchedule berlin = schedule("DE", "Europe/Berlin", "holidays: {closed: false}\n" + WEEKDAYS);

		ScheduleDecision christmas = evaluate(berlin, "2026-12-25T09:00:00Z");

		assertThat(christmas.isOpen()).isTrue();
		assertThat(christmas.trace())
			.contains("2026-12-25 is a holiday in DE (1st Christmas day), but holidays do not close this line");
	}

	@Test
	void specialDayOverridesAHolidayAndTheWeek() {
		CountrySchedule berlin = schedule("DE", "Europe/Berlin",
				"""
						holidays: {calendar: DE}
						specialDays:
						  - {date: 2026-12-25, reason: Christmas hotline, windows: [{from: "10:00", to: "14:00", team: hotline}]}
						  - {date: 2026-12-31, closed: true, reason: "New Year's Eve"}
						  - {date: 2026-12-19, windows: [{from: "09:00", to: "12:00", team: saturday}]}
						"""
						+ WEEKDAYS);

		ScheduleDecision christmas = evaluate(berlin, "2026-12-25T10:00:00Z");
		ScheduleDecision christmasEarly = evaluate(berlin, "2026-12-25T08:00:00Z");
		ScheduleDecision newYearsEve = evaluate(berlin, "2026-12-31T10:00:00Z");
		ScheduleDecision saturday = evaluate(berlin, "2026-12-19T10:00:00Z");

		assertThat(christmas).isInstanceOfSatisfying(ScheduleDecision.Open.class, (open) -> {
			assertThat(open.window().team()).isEqualTo("hotline");
			assertThat(open.reason())
				.isEqualTo("special day 2026-12-25 (Christmas hotline): window 10:00-14:00 (hotline)");
		});
		assertThat(christmasEarly.isOpen()).as("09:00, before the special hours, on a weekday").isFalse();
		assertThat(newYearsEve.isOpen()).as("a Thursday").isFalse();
		assertThat(newYearsEve.reason()).isEqualTo("special day 2026-12-31 (New Year's Eve): closed");
		assertThat(saturday.isOpen()).isTrue();
	}

	@Test
	void overnightWindowBelongsToTheDayItOpens() {
		CountrySchedule berlin = schedule("DE", "Europe/Berlin", """
				specialDays: [{date: 2026-03-06, closed: true, reason: Staff party}]
				windows: [{days: [FRI], from: "22:00", to: "06:00", overnight: true, team: night}]
				""");

		ScheduleDecision saturdayThree = evaluate(berlin, "2026-03-07T02:00:00Z");

		assertThat(saturdayThree.isOpen()).isFalse();
		assertThat(saturdayThree.trace()).contains(
				"window FRI 22:00-06:00 overnight did not open on Fri 2026-03-06: 2026-03-06 is a special day (Staff party): closed");
	}

	@Test
	void nextOpeningSkipsTheWeekend() {
		CountrySchedule berlin = schedule("DE", "Europe/Berlin", WEEKDAYS);

		ScheduleDecision fridayEvening = evaluate(berlin, "2026-03-13T17:30:00Z");

		assertThat(fridayEvening.isOpen()).isFalse();
		assertThat(fridayEvening.nextChange()).contains(ZonedDateTime.parse("2026-03-16T08:00+01:00[Europe/Berlin]"));
		assertThat(fridayEvening.trace()).last().isEqualTo("closed, opens next Mon 2026-03-16 08:00 (+01:00)");
	}

	@Test
	void nextOpeningSkipsHolidays() {
		CountrySchedule berlin = schedule("DE", "Europe/Berlin", "holidays: {calendar: DE}\n" + WEEKDAYS);

		assertThat(evaluate(berlin, "2026-12-24T17:30:00Z").nextChange())
			.contains(ZonedDateTime.parse("2026-12-28T08:00+01:00[Europe/Berlin]"));
		assertThat(evaluate(berlin, "2026-04-02T16:30:00Z").nextChange()).as("Good Friday to Easter Monday")
			.contains(ZonedDateTime.parse("2026-04-07T08:00+02:00[Europe/Berlin]"));
	}

	@Test
	void openLineClosesWhenNoWindowTakesOverWithoutAGap() {
		CountrySchedule berlin = schedule("DE", "Europe/Berlin", """
				windows:
				  - {days: [MON], from: "08:00", to: "12:00", team: morning}
				  - {days: [MON], from: "12:00", to: "18:00", team: afternoon}
				""");

		ScheduleDecision mondayTen = evaluate(berlin, "2026-03-16T09:00:00Z");

		assertThat(mondayTen).isInstanceOfSatisfying(ScheduleDecision.Open.class, (open) -> {
			assertThat(open.window().team()).isEqualTo("morning");
			assertThat(open.windowCloses()).isEqualTo(ZonedDateTime.parse("2026-03-16T12:00+01:00[Europe/Berlin]"));
		});
		assertThat(mondayTen.nextChange()).contains(ZonedDateTime.parse("2026-03-16T18:00+01:00[Europe/Berlin]"));
	}

	@Test
	void scheduleWithNoWindowsHasNoOpeningWithinTheHorizon() {
		ScheduleDecision closed = evaluate(schedule("DE", "Europe/Berlin", ""), "2026-03-16T09:00:00Z");

		assertThat(closed.isOpen()).isFalse();
		assertThat(closed.nextChange()).isEmpty();
		assertThat(closed.trace()).last().isEqualTo("closed, no opening within 30 days");
	}

	@Test
	void lineOpenAroundTheClockNeverClosesWithinTheHorizon() {
		CountrySchedule always = schedule("DE", "Europe/Berlin",
				"""
						windows: [{days: [MON, TUE, WED, THU, FRI, SAT, SUN], from: "00:00", to: "00:00", overnight: true, team: all}]
						""");

		ScheduleDecision open = evaluate(always, "2026-03-16T09:00:00Z");

		assertThat(open.isOpen()).isTrue();
		assertThat(open.nextChange()).isEmpty();
	}

	@Test
	void traceSaysWhyEachWeeklyWindowDidOrDidNotMatch() {
		CountrySchedule berlin = schedule("DE", "Europe/Berlin", """
				windows:
				  - {days: [MON, TUE, WED, THU, FRI], from: "08:00", to: "18:00", team: weekday}
				  - {days: [SAT], from: "09:00", to: "12:00", team: saturday}
				""");

		ScheduleDecision saturday = evaluate(berlin, "2026-03-14T09:00:00Z");

		assertThat(saturday.trace()).containsExactly(
				"2026-03-14T09:00:00Z is Sat 2026-03-14 10:00 (+01:00) in Europe/Berlin",
				"2026-03-14 is no special day; no holiday calendar",
				"window SAT 09:00-12:00 (saturday) covers Sat 10:00: open",
				"window MON-FRI 08:00-18:00 does not cover Sat 10:00", "open until Sat 2026-03-14 12:00 (+01:00)");
	}

	private CountrySchedule schedule(String country, String zone, String rest) {
		return this.reader.read("country: " + country + "\ntimeZone: " + zone + "\nversion: 1\n" + rest);
	}

	private ScheduleDecision evaluate(CountrySchedule schedule, String at) {
		return this.evaluator.evaluate(schedule, Instant.parse(at));
	}

}
