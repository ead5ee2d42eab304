package org.switchboard.schedule;

import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

/** Official holiday calendars, by code like {@code DE}, and their subdivisions. */
public interface Holidays {

	/** Whether the calendar, upper case, is known. */
	boolean knows(String calendar);

	/** The calendar's subdivision codes, upper case like {@code BE}; empty if none. */
	Set<String> subdivisions(String calendar);

	/** The official holiday on {@code date} under {@code rule}, if there is one. */
	Optional<Holiday> on(HolidayRule rule, LocalDate date);

}
