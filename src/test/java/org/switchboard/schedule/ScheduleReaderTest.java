package org.switchboard.schedule;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.switchboard.common.FieldProblem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

class ScheduleReaderTest {

	/**
	 * The document of the design notes; most tests below change one thing in a smaller
	 * one.
	 */
	static final String FULL = """
			country: DE
			timeZone: Europe/Berlin
			version: 1
			holidays: {calendar: DE, subdivision: BE, closed: true}
			specialDays:
			  - {date: 2026-12-24, windows: [{from: "08:00", to: "12:00", team: de-support, skills: {german: 2}}]}
			  - {date: 2026-12-31, closed: true, reason: "New Year's Eve"}
			windows:
			  - {days: [MON, TUE, WED, THU, FRI], from: "08:00", to: "18:00", team: de-support, skills: {german: 2, support: 1}, quota: {maxConcurrent: 20, maxAnswered: 400}}
			  - {days: [FRI], from: "22:00", to: "06:00", overnight: true, team: de-night, skills: {german: 1}}
			quota: {maxConcurrent: 40}
			overflow:
			  - {after: 60s, addSkills: {english: 2}}
			  - {after: 120s, lowerLevelsBy: 1}
			  - {after: 180s, country: FR}
			closedAction: {type: announce-next-opening, then: voicemail, mailbox: "1000@switchboard"}
			""";

	private static final String HEAD = """
			country: DE
			timeZone: Europe/Berlin
			version: 1
			""";

	private static final String WEEKDAYS = """
			windows:
			  - {days: [MON, TUE, WED, THU, FRI], from: "08:00", to: "18:00", team: de-support}
			""";

	private static final Holidays holidays = new JollydayHolidays();

	private final ScheduleReader reader = new ScheduleReader(holidays);

	@Test
	void readsEveryFieldOfTheDocumentIntoItsRecord() {
		CountrySchedule schedule = this.reader.read(FULL);

		Window weekdays = new Window(
				Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY),
				LocalTime.of(8, 0), LocalTime.of(18, 0), false, "de-support", Map.of("german", 2, "support", 1),
				new Quota(OptionalInt.of(20), OptionalInt.of(400)));
		Window fridayNight = new Window(Set.of(DayOfWeek.FRIDAY), LocalTime.of(22, 0), LocalTime.of(6, 0), true,
				"de-night", Map.of("german", 1), Quota.NONE);
		Window christmasEve = new Window(Set.of(), LocalTime.of(8, 0), LocalTime.of(12, 0), false, "de-support",
				Map.of("german", 2), Quota.NONE);
		assertThat(schedule).isEqualTo(new CountrySchedule("DE", ZoneId.of("Europe/Berlin"), 1,
				Optional.of(new HolidayRule("DE", Optional.of("BE"), true)),
				List.of(new SpecialDay(LocalDate.of(2026, 12, 24), List.of(christmasEve), Optional.empty()),
						new SpecialDay(LocalDate.of(2026, 12, 31), List.of(), Optional.of("New Year's Eve"))),
				List.of(weekdays, fridayNight), new Quota(OptionalInt.of(40), OptionalInt.empty()),
				List.of(new OverflowStep.AddSkills(Duration.ofSeconds(60), Map.of("english", 2)),
						new OverflowStep.LowerLevels(Duration.ofSeconds(120), 1),
						new OverflowStep.OtherCountry(Duration.ofSeconds(180), "FR")),
				new ClosedAction.AnnounceNextOpening(new ClosedAction.Voicemail("1000"))));
	}

	@Test
	void readsTheSameScheduleFromJson() {
		String json = """
				{"country": "DE", "timeZone": "Europe/Berlin", "version": 1,
				 "holidays": {"calendar": "DE", "subdivision": "BE", "closed": true},
				 "specialDays": [
				   {"date": "2026-12-24", "windows": [{"from": "08:00", "to": "12:00", "team": "de-support", "skills": {"german": 2}}]},
				   {"date": "2026-12-31", "closed": true, "reason": "New Year's Eve"}],
				 "windows": [
				   {"days": ["MON", "TUE", "WED", "THU", "FRI"], "from": "08:00", "to": "18:00", "team": "de-support",
				    "skills": {"german": 2, "support": 1}, "quota": {"maxConcurrent": 20, "maxAnswered": 400}},
				   {"days": ["FRI"], "from": "22:00", "to": "06:00", "overnight": true, "team": "de-night", "skills": {"german": 1}}],
				 "quota": {"maxConcurrent": 40},
				 "overflow": [{"after": "60s", "addSkills": {"english": 2}}, {"after": "120s", "lowerLevelsBy": 1},
				   {"after": "180s", "country": "FR"}],
				 "closedAction": {"type": "announce-next-opening", "then": "voicemail", "mailbox": "1000@switchboard"}}
				""";

		assertThat(this.reader.read(json)).isEqualTo(this.reader.read(FULL));
	}

	@Test
	void leftOutPartsTakeTheirDefaults() {
		CountrySchedule schedule = this.reader.read(HEAD + "holidays: {}\n" + WEEKDAYS);

		assertThat(schedule.holidays()).contains(new HolidayRule("DE", Optional.empty(), true));
		assertThat(schedule.specialDays()).isEmpty();
		assertThat(schedule.quota()).isEqualTo(Quota.NONE);
		assertThat(schedule.overflow()).isEmpty();
		assertThat(schedule.windows().get(0).skills()).isEmpty();
		assertThat(schedule.closedAction()).isEqualTo(new ClosedAction.AnnounceNextOpening(new ClosedAction.Hangup()));
	}

	@Test
	void countryCodesThatYamlTakesForBooleansStayCountryCodes() {
		CountrySchedule norway = this.reader.read("""
				country: NO
				timeZone: Europe/Oslo
				version: 1
				overflow: [{after: 60s, country: SE}]
				""");

		assertThat(norway.country()).isEqualTo("NO");
	}

	@Test
	void requiredFieldsThatAreMissingAreEachNamed() {
		assertThat(problems("windows: []\n")).containsExactly(new FieldProblem("country", "required but missing"),
				new FieldProblem("timeZone", "required but missing"));
	}

	@Test
	void aDocumentMayLeaveItsVersionToTheWriteThatCarriesIt() {
		CountrySchedule germany = this.reader.read(HEAD.replace("version: 1\n", "") + WEEKDAYS);

		assertThat(germany.version()).isZero();
	}

	@Test
	void skillNoAgentHasIsNamedWhereverItIsRequiredWithTheNearestKnownOne() {
		ScheduleReader checked = new ScheduleReader(holidays, () -> Set.of("german", "support", "english"));

		assertThatThrownBy(() -> checked.read(FULL.replace("german: 2, support", "germna: 2, support")
			.replace("addSkills: {english: 2}", "addSkills: {klingon: 2}")))
			.isInstanceOfSatisfying(InvalidScheduleException.class, (ex) -> assertThat(ex.problems())
				.extracting(FieldProblem::field, FieldProblem::message)
				.containsExactly(tuple("windows[0].skills.germna",
						"unknown skill: no agent has it and it is not in switchboard.schedule.skills: 'germna', did you mean 'german'?"),
						tuple("overflow[0].addSkills.klingon",
								"unknown skill: no agent has it and it is not in switchboard.schedule.skills: 'klingon'")));
	}

	@Test
	void knownSkillsAreAskedForOncePerDocument() {
		AtomicInteger asked = new AtomicInteger();
		ScheduleReader checked = new ScheduleReader(holidays, () -> {
			asked.incrementAndGet();
			return Set.of("german", "support", "english");
		});

		checked.read(FULL);

		assertThat(asked).hasValue(1);
	}

	@Test
	void unknownCountryCodeIsNamed() {
		assertSingleProblem(HEAD.replace("DE", "XX"), "country", "not an ISO 3166 alpha-2 country code like DE: 'XX'");
		assertSingleProblem(HEAD.replace("DE", "de"), "country", "'de'");
	}

	@Test
	void unknownTimeZoneIsNamed() {
		assertSingleProblem(HEAD.replace("Europe/Berlin", "Europe/Berlinn"), "timeZone",
				"unknown time zone, expected a region like Europe/Berlin: 'Europe/Berlinn'");
	}

	@Test
	void fixedOffsetIsNoTimeZoneSinceItKnowsNoDaylightSaving() {
		assertSingleProblem(HEAD.replace("Europe/Berlin", "\"+01:00\""), "timeZone", "'+01:00'");
	}

	@Test
	void versionBelowOneIsNamed() {
		assertSingleProblem(HEAD.replace("version: 1", "version: 0"), "version", "not within 1..");
	}

	@Test
	void windowClosingBeforeItOpensIsNamedByItsClosingTime() {
		assertSingleProblem(HEAD + """
				windows:
				  - {days: [MON], from: "08:00", to: "18:00", team: a}
				  - {days: [TUE], from: "18:00", to: "08:00", team: a}
				""", "windows[1].to",
				"closes at or before it opens: 18:00-08:00; a window that runs past midnight needs overnight: true");
	}

	@Test
	void windowClosingWhenItOpensIsNamed() {
		assertSingleProblem(HEAD + """
				windows: [{days: [MON], from: "08:00", to: "08:00", team: a}]
				""", "windows[0].to", "closes at or before it opens: 08:00-08:00");
	}

	@Test
	void overnightWindowMayCloseBeforeItOpens() {
		CountrySchedule schedule = this.reader.read(HEAD + """
				windows: [{days: [FRI], from: "22:00", to: "06:00", overnight: true, team: night}]
				""");

		assertThat(schedule.windows().get(0).overnight()).isTrue();
	}

	@Test
	void overnightWindowThatClosesTheSameDayIsNamed() {
		assertSingleProblem(HEAD + """
				windows: [{days: [FRI], from: "08:00", to: "18:00", overnight: true, team: a}]
				""", "windows[0].overnight", "overnight but closes after it opens on the same day: 08:00-18:00");
	}

	@Test
	void overlappingWindowsOnTheSameDayAreNamed() {
		assertSingleProblem(HEAD + """
				windows:
				  - {days: [MON, TUE], from: "08:00", to: "12:00", team: a}
				  - {days: [WED], from: "08:00", to: "18:00", team: b}
				  - {days: [TUE], from: "11:30", to: "18:00", team: c}
				""", "windows[2]", "overlaps windows[0] (MON, TUE 08:00-12:00) on TUE at 11:30");
	}

	@Test
	void overnightWindowOverlapsTheNextMorning() {
		assertSingleProblem(HEAD + """
				windows:
				  - {days: [FRI], from: "22:00", to: "06:00", overnight: true, team: night}
				  - {days: [SAT], from: "05:00", to: "12:00", team: day}
				""", "windows[1]", "overlaps windows[0] (FRI 22:00-06:00 overnight) on SAT at 05:00");
	}

	@Test
	void sundayNightWindowRunsIntoMonday() {
		assertSingleProblem(HEAD + """
				windows:
				  - {days: [MON], from: "05:30", to: "12:00", team: day}
				  - {days: [SUN], from: "22:00", to: "06:00", overnight: true, team: night}
				""", "windows[1]", "overlaps windows[0] (MON 05:30-12:00) on MON at 05:30");
	}

	@Test
	void windowsThatTouchDoNotOverlap() {
		CountrySchedule schedule = this.reader.read(HEAD + """
				windows:
				  - {days: [FRI], from: "22:00", to: "06:00", overnight: true, team: night}
				  - {days: [SAT], from: "06:00", to: "12:00", team: day}
				  - {days: [SAT], from: "12:00", to: "22:00", team: late}
				""");

		assertThat(schedule.windows()).hasSize(3);
	}

	@Test
	void overlappingWindowsOnASpecialDayAreNamed() {
		assertSingleProblem(
				HEAD + """
						specialDays:
						  - {date: 2026-12-24, windows: [{from: "08:00", to: "12:00", team: a}, {from: "10:00", to: "14:00", team: b}]}
						""",
				"specialDays[0].windows[1]", "overlaps specialDays[0].windows[0] (08:00-12:00) at 10:00");
	}

	@Test
	void unknownDayNameIsNamedByItsPlaceInTheList() {
		assertSingleProblem(HEAD + """
				windows: [{days: [MON, MOM], from: "08:00", to: "18:00", team: a}]
				""", "windows[0].days[1]", "unknown day, expected MON, TUE, WED, THU, FRI, SAT or SUN: 'MOM'");
	}

	@Test
	void dayListedTwiceIsNamed() {
		assertSingleProblem(HEAD + """
				windows: [{days: [MON, TUE, MON], from: "08:00", to: "18:00", team: a}]
				""", "windows[0].days[2]", "MON listed twice");
	}

	@Test
	void badTimeFormatIsNamed() {
		assertSingleProblem(HEAD + """
				windows: [{days: [MON], from: "8h", to: "18:00", team: a}]
				""", "windows[0].from", "not a time like 08:00: '8h'");
		assertSingleProblem(HEAD + """
				windows: [{days: [MON], from: "08:00", to: "24:00", team: a}]
				""", "windows[0].to", "'24:00'");
	}

	@Test
	void skillLevelOutsideOneToFiveIsNamed() {
		assertSingleProblem(HEAD + """
				windows: [{days: [MON], from: "08:00", to: "18:00", team: a, skills: {german: 6}}]
				""", "windows[0].skills.german", "not within 1..5: 6");
		assertSingleProblem(HEAD + WEEKDAYS + """
				overflow: [{after: 60s, addSkills: {english: 0}}]
				""", "overflow[0].addSkills.english", "not within 1..5: 0");
	}

	@Test
	void zeroNegativeOrAbsurdQuotaIsNamed() {
		assertSingleProblem(HEAD + """
				windows: [{days: [MON], from: "08:00", to: "18:00", team: a, quota: {maxConcurrent: 0}}]
				""", "windows[0].quota.maxConcurrent", "not within 1..100000: 0");
		assertSingleProblem(HEAD + """
				windows: [{days: [MON], from: "08:00", to: "18:00", team: a, quota: {maxAnswered: 100001}}]
				""", "windows[0].quota.maxAnswered", "not within 1..100000: 100001");
		assertSingleProblem(HEAD + "quota: {maxConcurrent: -5}\n", "quota.maxConcurrent", "not within 1..100000: -5");
	}

	@Test
	void countryQuotaHasNoMaxAnsweredSinceThatCountsPerWindow() {
		assertSingleProblem(HEAD + "quota: {maxConcurrent: 5, maxAnswered: 100}\n", "quota.maxAnswered",
				"counts calls per window occurrence");
	}

	@Test
	void holidayCalendarJollydayDoesNotKnowIsNamed() {
		assertSingleProblem(HEAD + "holidays: {calendar: XY}\n", "holidays.calendar",
				"holiday calendar not supported: 'XY'");
	}

	@Test
	void unknownSubdivisionIsNamedWithTheKnownOnes() {
		assertSingleProblem(HEAD + "holidays: {calendar: DE, subdivision: ZZ}\n", "holidays.subdivision",
				"unknown subdivision of DE: 'ZZ', expected one of BB, BE, BW, BY,");
		assertSingleProblem(
				HEAD.replace("DE", "PL").replace("Europe/Berlin", "Europe/Warsaw") + "holidays: {subdivision: MZ}\n",
				"holidays.subdivision", "PL has no subdivisions: 'MZ'");
	}

	@Test
	void overflowStepsOutOfAscendingOrderAreNamed() {
		assertSingleProblem(HEAD + """
				overflow:
				  - {after: 120s, lowerLevelsBy: 1}
				  - {after: 60s, country: FR}
				""", "overflow[1].after", "60s is not after the step before it (overflow[0], 120s)");
		assertSingleProblem(HEAD + """
				overflow:
				  - {after: 1m, lowerLevelsBy: 1}
				  - {after: 60s, country: FR}
				""", "overflow[1].after", "60s is not after the step before it (overflow[0], 60s)");
	}

	@Test
	void overflowAfterZeroOrLessIsNamed() {
		assertSingleProblem(HEAD + "overflow: [{after: 0s, lowerLevelsBy: 1}]\n", "overflow[0].after",
				"not after 0s: 0s");
		assertSingleProblem(HEAD + "overflow: [{after: -30s, lowerLevelsBy: 1}]\n", "overflow[0].after",
				"not after 0s: -30s");
		assertSingleProblem(HEAD + "overflow: [{after: 60, lowerLevelsBy: 1}]\n", "overflow[0].after",
				"not a duration like 60s or 2m: '60'");
	}

	@Test
	void overflowToTheSchedulesOwnCountryIsNamed() {
		assertSingleProblem(HEAD + "overflow: [{after: 60s, country: DE}]\n", "overflow[0].country",
				"the schedule's own country: 'DE'");
	}

	@Test
	void overflowStepWithNoActionOrTwoIsNamed() {
		assertSingleProblem(HEAD + "overflow: [{after: 60s}]\n", "overflow[0]",
				"no action: set addSkills, lowerLevelsBy or country");
		assertSingleProblem(HEAD + "overflow: [{after: 60s, lowerLevelsBy: 1, country: FR}]\n", "overflow[0]",
				"more than one action: lowerLevelsBy, country");
	}

	@Test
	void unknownClosedActionTypeOrThenIsNamed() {
		assertSingleProblem(HEAD + "closedAction: {type: play-music}\n", "closedAction.type",
				"unknown closed action type, expected announce-next-opening, voicemail or callback: 'play-music'");
		assertSingleProblem(HEAD + "closedAction: {type: announce-next-opening, then: transfer}\n", "closedAction.then",
				"unknown then, expected voicemail, callback or hangup: 'transfer'");
	}

	@Test
	void voicemailNeedsAMailbox() {
		assertSingleProblem(HEAD + "closedAction: {type: announce-next-opening, then: voicemail}\n",
				"closedAction.mailbox", "required for voicemail but missing");
		assertSingleProblem(HEAD + "closedAction: {type: callback, mailbox: \"1000@switchboard\"}\n",
				"closedAction.mailbox", "only goes with voicemail");
	}

	@Test
	void aMailboxIsReadAsItsNumberAndOneOfAnotherVoicemailContextIsAProblem() {
		assertThat(
				this.reader.read(HEAD + WEEKDAYS + "closedAction: {type: voicemail, mailbox: \"2000@switchboard\"}\n")
					.closedAction())
			.isEqualTo(new ClosedAction.Voicemail("2000"));
		assertThat(this.reader.read(HEAD + WEEKDAYS + "closedAction: {type: voicemail, mailbox: \"2000\"}\n")
			.closedAction()).isEqualTo(new ClosedAction.Voicemail("2000"));
		assertSingleProblem(HEAD + "closedAction: {type: voicemail, mailbox: \"2000@default\"}\n",
				"closedAction.mailbox", "mailbox not in voicemail context switchboard: '2000@default'");
		assertSingleProblem(HEAD + "closedAction: {type: voicemail, mailbox: \"2000@switchboard@switchboard\"}\n",
				"closedAction.mailbox", "not a mailbox like 1000 or 1000@switchboard: '2000@switchboard@switchboard'");
	}

	@Test
	void thenOnlyFollowsAnAnnouncement() {
		assertSingleProblem(HEAD + "closedAction: {type: callback, then: hangup}\n", "closedAction.then",
				"only follows type announce-next-opening, not callback");
	}

	@Test
	void specialDayDateTwiceIsNamed() {
		assertSingleProblem(HEAD + """
				specialDays:
				  - {date: 2026-12-31, closed: true}
				  - {date: 2026-12-31, windows: [{from: "08:00", to: "12:00", team: a}]}
				""", "specialDays[1].date", "2026-12-31 is already specialDays[0]");
	}

	@Test
	void specialDayIsEitherClosedOrHasWindows() {
		assertSingleProblem(HEAD + """
				specialDays: [{date: 2026-12-31, closed: true, windows: [{from: "08:00", to: "12:00", team: a}]}]
				""", "specialDays[0].closed", "closed but has 1 windows");
		assertSingleProblem(HEAD + "specialDays: [{date: 2026-12-31, reason: party}]\n", "specialDays[0]",
				"neither closed: true nor any windows");
		assertSingleProblem(HEAD + "specialDays: [{date: 2026-02-30, closed: true}]\n", "specialDays[0].date",
				"not a date like 2026-12-24: '2026-02-30'");
	}

	@Test
	void unknownFieldIsNamedWithTheFieldItProbablyMeant() {
		assertSingleProblem(HEAD + """
				windows: [{days: [MON], from: "08:00", to: "18:00", tema: a}]
				""".replace("tema: a", "team: a, tema: b"), "windows[0].tema", "unknown field, did you mean 'team'?");
		assertSingleProblem(HEAD + "windws: []\n", "windws", "unknown field, did you mean 'windows'?");
		assertSingleProblem(HEAD + "holidays: {calendar: DE, closd: true}\n", "holidays.closd",
				"unknown field, did you mean 'closed'?");
	}

	@Test
	void everyProblemIsReportedAtOnce() {
		String broken = """
				country: XX
				timeZone: Mars/Olympus
				version: 1
				windows:
				  - {days: [MON], from: "18:00", to: "08:00", team: a, skills: {german: 9}}
				overflow: [{after: 0s, lowerLevelsBy: 1}]
				closedAction: {type: fax}
				""";

		assertThat(problems(broken)).extracting(FieldProblem::field)
			.containsExactly("country", "timeZone", "windows[0].skills.german", "windows[0].to", "overflow[0].after",
					"closedAction.type");
	}

	@Test
	void textThatIsNotYamlOrJsonIsOneProblemForTheWholeDocument() {
		assertThat(problems("country: [DE\n")).singleElement()
			.satisfies((problem) -> assertThat(problem.field()).isEmpty())
			.satisfies((problem) -> assertThat(problem.message()).startsWith("not valid YAML at line"));
		assertThat(problems("{\"country\": \"DE\",}")).singleElement()
			.satisfies((problem) -> assertThat(problem.message()).startsWith("not valid JSON"));
		assertThat(problems("")).containsExactly(new FieldProblem("", "empty document"));
		assertThat(problems("- DE\n"))
			.containsExactly(new FieldProblem("", "expected an object of schedule fields, got a list"));
	}

	@Test
	void eachProblemOfAYamlScheduleNamesTheLineOfItsField() {
		String text = HEAD + """
				windows:
				  - days: [MON]
				    from: "08:00"
				    to: "18:00"
				    team: de-support
				    skills: {german: 9}
				""";

		assertThat(problems(text))
			.containsExactly(new FieldProblem("windows[0].skills.german", 9, "not within 1..5: 9"));
		assertThat(problems(HEAD + "version: 2\n")).singleElement().extracting(FieldProblem::line).isEqualTo(4);
	}

	@Test
	void keyWrittenTwiceIsAProblemRatherThanSilentlyLost() {
		assertThat(problems(HEAD + "version: 2\n")).singleElement()
			.satisfies((problem) -> assertThat(problem.message()).contains("Duplicate field 'version'"));
	}

	@Test
	void exceptionMessageListsEveryProblem() {
		assertThatExceptionOfType(InvalidScheduleException.class)
			.isThrownBy(() -> this.reader.read(HEAD.replace("DE", "XX") + "windws: []\n"))
			.withMessage("""
					invalid schedule, 2 problems:
					  country: not an ISO 3166 alpha-2 country code like DE: 'XX'
					  windws: unknown field, did you mean 'windows'?""");
	}

	private List<FieldProblem> problems(String text) {
		try {
			this.reader.read(text);
		}
		catch (InvalidScheduleException ex) {
			return ex.problems();
		}
		throw new AssertionError("expected problems, but the document read:\n" + text);
	}

	private void assertSingleProblem(String text, String field, String messageFragment) {
		assertThat(problems(text)).singleElement().satisfies((problem) -> {
			assertThat(problem.field()).isEqualTo(field);
			assertThat(problem.message()).contains(messageFragment);
		});
	}

}
