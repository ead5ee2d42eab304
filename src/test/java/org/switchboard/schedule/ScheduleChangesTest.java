package org.switchboard.schedule;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The history's sentences for each kind of field a schedule has: weekly hours per
 * weekday, a window's team, skills and quotas, special days, holidays, the country quota,
 * overflow, the time zone and the closed action.
 */
class ScheduleChangesTest {

	private static final ScheduleReader reader = new ScheduleReader(new JollydayHolidays());

	private static final String GERMANY = """
			country: DE
			timeZone: Europe/Berlin
			version: 1
			holidays: {calendar: DE, subdivision: BE, closed: true}
			specialDays:
			  - {date: 2026-12-24, reason: Christmas Eve, windows: [{from: "08:00", to: "12:00", team: de-support}]}
			  - {date: 2026-12-31, closed: true, reason: "New Year's Eve"}
			windows:
			  - {days: [MON, TUE, WED, THU, FRI], from: "08:00", to: "18:00", team: de-support, skills: {german: 2, support: 1}, quota: {maxConcurrent: 20, maxAnswered: 400}}
			quota: {maxConcurrent: 40}
			overflow:
			  - {after: 60s, addSkills: {english: 2}}
			  - {after: 120s, lowerLevelsBy: 1}
			  - {after: 180s, country: FR}
			closedAction: {type: announce-next-opening, then: voicemail, mailbox: "1000@switchboard"}
			""";

	@Test
	void theSameHoursWrittenAsOtherWindowsAreNoChange() {
		assertThat(changes(GERMANY, GERMANY)).isEmpty();
		assertThat(changes(GERMANY,
				edit("""
						  - {days: [MON, TUE, WED, THU, FRI], from: "08:00", to: "18:00", team: de-support, skills: {german: 2, support: 1}, quota: {maxConcurrent: 20, maxAnswered: 400}}
						""",
						"""
								  - {days: [THU, FRI], from: "08:00", to: "18:00", team: de-support, skills: {german: 2, support: 1}, quota: {maxConcurrent: 20, maxAnswered: 400}}
								  - {days: [MON, TUE, WED], from: "08:00", to: "18:00", team: de-support, skills: {german: 2, support: 1}, quota: {maxConcurrent: 20, maxAnswered: 400}}
								""")))
			.isEmpty();
	}

	@Test
	void aSaturdayMorningAddedIsNamedByItsDayHoursAndTeam() {
		String saturday = addWindow("""
				  - {days: [SAT], from: "09:00", to: "13:00", team: de-weekend}
				""");

		assertThat(changes(GERMANY, saturday)).containsExactly("Saturday 09:00–13:00 added (de-weekend)");
		assertThat(changes(saturday, GERMANY)).containsExactly("Saturday 09:00–13:00 removed");
	}

	@Test
	void weekdayHoursChangedAreSaidOnceForTheWholeRunOfDays() {
		assertThat(changes(GERMANY, edit("to: \"18:00\"", "to: \"19:00\"")))
			.containsExactly("Monday–Friday 08:00–18:00 changed to 08:00–19:00");
	}

	@Test
	void aDayLeftOutOfAWindowIsThatDayRemoved() {
		assertThat(changes(GERMANY, edit("[MON, TUE, WED, THU, FRI]", "[MON, TUE, THU]")))
			.containsExactly("Wednesday and Friday 08:00–18:00 removed");
	}

	@Test
	void anOvernightShiftAddedSaysSo() {
		assertThat(changes(GERMANY, addWindow("""
				  - {days: [FRI, SAT], from: "22:00", to: "06:00", overnight: true, team: de-night}
				"""))).containsExactly("Friday and Saturday 22:00–06:00 overnight added (de-night)");
	}

	@Test
	void aWindowsTeamSkillsAndQuotasAreNamedWithOldAndNewValues() {
		String edited = edit(
				"team: de-support, skills: {german: 2, support: 1}, quota: {maxConcurrent: 20, maxAnswered: 400}",
				"team: de-day, skills: {german: 3, english: 2}, quota: {maxAnswered: 500}");

		assertThat(changes(GERMANY, edited)).containsExactly(
				"Monday–Friday 08:00–18:00: team de-support → de-day, skill german 2 → 3, skill support 1 removed, "
						+ "skill english 2 added, calls at once 20 → no limit, answered calls per day 400 → 500");
	}

	@Test
	void specialDaysAddedRemovedAndChangedAreNamedByDateAndReason() {
		String edited = edit("""
				  - {date: 2026-12-24, reason: Christmas Eve, windows: [{from: "08:00", to: "12:00", team: de-support}]}
				  - {date: 2026-12-31, closed: true, reason: "New Year's Eve"}
				""", """
				  - {date: 2026-12-24, reason: Heiligabend, windows: [{from: "09:00", to: "13:00", team: de-support}]}
				  - {date: 2027-01-02, reason: Inventory, windows: [{from: "10:00", to: "14:00", team: de-support}]}
				  - {date: 2026-11-27, closed: true, reason: Company party}
				""");

		assertThat(changes(GERMANY, edited)).containsExactly(
				"Special day 2026-11-27 Company party added: closed all day",
				"Special day 2026-12-24 Christmas Eve renamed Heiligabend",
				"Special day 2026-12-24 Heiligabend 08:00–12:00 changed to 09:00–13:00",
				"Special day 2026-12-31 New Year's Eve removed",
				"Special day 2027-01-02 Inventory added: open 10:00–14:00 (de-support)");
	}

	@Test
	void aSpecialDayThatNowOpensSaysItsHours() {
		assertThat(changes(GERMANY, edit("""
				{date: 2026-12-31, closed: true, reason: "New Year's Eve"}""",
				"""
						{date: 2026-12-31, reason: "New Year's Eve", windows: [{from: "08:00", to: "12:00", team: de-support}]}""")))
			.containsExactly("Special day 2026-12-31 New Year's Eve now open 08:00–12:00 (de-support)");
	}

	@Test
	void holidayCalendarKeptDroppedMovedAndNoLongerClosing() {
		String none = edit("holidays: {calendar: DE, subdivision: BE, closed: true}\n", "");

		assertThat(changes(none, GERMANY)).containsExactly("Closed on official holidays of DE-BE");
		assertThat(changes(GERMANY, none)).containsExactly("Official holidays of DE-BE no longer kept");
		assertThat(changes(GERMANY, edit("subdivision: BE", "subdivision: BY")))
			.containsExactly("Holiday calendar DE-BE → DE-BY");
		assertThat(changes(GERMANY, edit("subdivision: BE, closed: true", "subdivision: BE, closed: false")))
			.containsExactly("Now open on official holidays of DE-BE");
	}

	@Test
	void overflowStepsAreMatchedByWhatTheyDoSoADelayChangeReadsAsOne() {
		String edited = edit("""
				  - {after: 60s, addSkills: {english: 2}}
				  - {after: 120s, lowerLevelsBy: 1}
				  - {after: 180s, country: FR}
				""", """
				  - {after: 60s, addSkills: {english: 3}}
				  - {after: 90s, country: FR}
				  - {after: 300s, country: AT}
				""");

		assertThat(changes(GERMANY, edited)).containsExactly("Overflow to FR after 180 s changed to 90 s",
				"Overflow after 60 s: adding english 2 → adding english 3",
				"Overflow lowering skill levels by 1 after 120 s removed", "Overflow to AT after 300 s added");
	}

	@Test
	void timeZoneCountryQuotaAndClosedActionShowOldAndNew() {
		String edited = edit("timeZone: Europe/Berlin", "timeZone: Europe/Paris")
			.replace("quota: {maxConcurrent: 40}", "quota: {maxConcurrent: 50}")
			.replace("{type: announce-next-opening, then: voicemail, mailbox: \"1000@switchboard\"}",
					"{type: callback}");

		assertThat(changes(GERMANY, edited)).containsExactly("Time zone Europe/Berlin → Europe/Paris",
				"Country quota: calls at once 40 → 50",
				"When closed: announce the next opening, then voicemail to mailbox 1000 → offer a callback");
	}

	private static String edit(String from, String to) {
		assertThat(GERMANY).contains(from);
		return GERMANY.replace(from, to);
	}

	/** Germany with one more weekly window, after the weekday one. */
	private static String addWindow(String window) {
		return edit("quota: {maxConcurrent: 40}\n", window + "quota: {maxConcurrent: 40}\n");
	}

	private static List<String> changes(String before, String after) {
		return ScheduleChanges.between(reader.read(before), reader.read(after));
	}

}
