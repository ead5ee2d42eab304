package org.switchboard.schedule;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The words of a schedule decision's trace and reason, so that a supervisor can follow
 * why the line is open or closed: the windows that did not apply and the days and times.
 */
final class DecisionTrace {

	private DecisionTrace() {
	}

	/** Weekly windows that do not open today, each with a line saying so. */
	static void traceWeeklyWindowsNotToday(CountrySchedule schedule, DayPlan today, String now, List<String> trace) {
		if (today.source() != DayPlan.Source.WEEK) {
			if (!schedule.windows().isEmpty()) {
				trace.add("weekly windows do not apply on " + today.date());
			}
			return;
		}
		DayOfWeek day = today.date().getDayOfWeek();
		for (Window window : schedule.windows()) {
			if (!window.days().contains(day)) {
				// an overnight window that opened yesterday gets its own line
				trace.add("window " + window.label() + (window.overnight()
						? " does not open on " + shortDay(today.date()) : " does not cover " + now));
			}
		}
	}

	/** Yesterday's overnight windows that a special day or holiday kept shut. */
	static void traceOvernightWindowsThatDidNotOpen(CountrySchedule schedule, DayPlan yesterday, List<String> trace) {
		if (yesterday.source() == DayPlan.Source.WEEK) {
			return;
		}
		DayOfWeek day = yesterday.date().getDayOfWeek();
		for (Window window : schedule.windows()) {
			if (window.overnight() && window.days().contains(day)) {
				trace.add("window " + window.label() + " did not open on " + shortDay(yesterday.date()) + " "
						+ yesterday.date() + ": " + yesterday.note());
			}
		}
	}

	static String reason(WindowOccurrence open, LocalDate today) {
		String window = "window " + open.window().label() + " (" + open.window().team() + ")";
		String from = open.plan().date().equals(today) ? ""
				: " from " + shortDay(open.plan().date()) + " " + open.plan().date();
		if (open.plan().source() == DayPlan.Source.SPECIAL_DAY) {
			Optional<String> why = open.plan().special().flatMap(SpecialDay::reason);
			return "special day " + open.plan().date() + why.map((text) -> " (" + text + ")").orElse("") + ": " + window
					+ from;
		}
		return window + from;
	}

	static String describe(WindowOccurrence occurrence, boolean fromYesterday) {
		String window = "window " + occurrence.window().label() + " (" + occurrence.window().team() + ")";
		return fromYesterday ? window + " from " + shortDay(occurrence.plan().date()) + " " + occurrence.plan().date()
				: window;
	}

	/** Like {@code Sat 03:00}, with seconds only when there are some. */
	static String dayAndTime(ZonedDateTime local) {
		return shortDay(local.toLocalDate()) + " " + local.toLocalTime().truncatedTo(ChronoUnit.SECONDS);
	}

	/** Like {@code Mon 2026-03-30 08:00 (+02:00)}. */
	static String dayDateAndTime(ZonedDateTime local) {
		return shortDay(local.toLocalDate()) + " " + local.toLocalDate() + " "
				+ local.toLocalTime().truncatedTo(ChronoUnit.SECONDS) + " (" + local.getOffset() + ")";
	}

	private static String shortDay(LocalDate date) {
		return date.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
	}

}
