package org.switchboard.schedule;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * When one country's support line is open and who answers it, as admins edit it and
 * {@link ScheduleReader} checks it. All times are local to {@link #timeZone()}.
 *
 * @param country the ISO 3166 alpha-2 code, like {@code DE}
 * @param timeZone the region zone every local time is read in
 * @param version the document's version (0 when a document names none); the store
 * compares the version an edit was made on with the one in force
 * @param holidays the official holiday calendar, if the line keeps one
 * @param specialDays dates whose hours replace holidays and the weekly windows
 * @param windows the weekly opening windows
 * @param quota the country-wide limit on calls at once
 * @param overflow how a waiting call's requirements widen, in ascending order of delay
 * @param closedAction what a caller gets while the line is closed
 */
public record CountrySchedule(String country, ZoneId timeZone, long version, Optional<HolidayRule> holidays,
		List<SpecialDay> specialDays, List<Window> windows, Quota quota, List<OverflowStep> overflow,
		ClosedAction closedAction) {

	public CountrySchedule {
		Objects.requireNonNull(country, "country");
		Objects.requireNonNull(timeZone, "timeZone");
		Objects.requireNonNull(holidays, "holidays");
		specialDays = List.copyOf(specialDays);
		windows = List.copyOf(windows);
		Objects.requireNonNull(quota, "quota");
		overflow = List.copyOf(overflow);
		Objects.requireNonNull(closedAction, "closedAction");
	}

	/** The special day on {@code date}, if there is one. */
	public Optional<SpecialDay> specialDay(LocalDate date) {
		return this.specialDays.stream().filter((day) -> day.date().equals(date)).findFirst();
	}

}
