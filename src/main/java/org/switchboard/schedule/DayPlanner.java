package org.switchboard.schedule;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which windows of a schedule run on a local date, by the rules special day, then
 * holiday, then the week, and when each opens and closes as instants.
 */
class DayPlanner {

	private final Holidays holidays;

	DayPlanner(Holidays holidays) {
		this.holidays = holidays;
	}

	/** Which windows run on {@code date}, and the trace line that says why. */
	DayPlan plan(CountrySchedule schedule, LocalDate date) {
		Optional<SpecialDay> special = schedule.specialDay(date);
		if (special.isPresent()) {
			String why = special.get().reason().map((text) -> " (" + text + ")").orElse("");
			return special.get().closed()
					? new DayPlan(date, List.of(), DayPlan.Source.SPECIAL_DAY, special,
							date + " is a special day" + why + ": closed",
							Optional.of("special day " + date + why + ": closed"))
					: new DayPlan(date, special.get().windows(), DayPlan.Source.SPECIAL_DAY, special,
							date + " is a special day" + why + ": its windows replace holidays and the week",
							Optional.empty());
		}
		List<Window> weekly = schedule.windows()
			.stream()
			.filter((window) -> window.days().contains(date.getDayOfWeek()))
			.toList();
		if (schedule.holidays().isEmpty()) {
			return new DayPlan(date, weekly, DayPlan.Source.WEEK, Optional.empty(),
					date + " is no special day; no holiday calendar", Optional.empty());
		}
		HolidayRule rule = schedule.holidays().get();
		Optional<Holiday> holiday = this.holidays.on(rule, date);
		if (holiday.isEmpty()) {
			return new DayPlan(date, weekly, DayPlan.Source.WEEK, Optional.empty(),
					date + " is no special day and no holiday in " + rule.label(), Optional.empty());
		}
		String named = date + " is a holiday in " + rule.label() + " (" + holiday.get().name() + ")";
		return rule.closed()
				? new DayPlan(date, List.of(), DayPlan.Source.HOLIDAY, Optional.empty(), named + ": closed",
						Optional.of("holiday in " + rule.label() + ": " + holiday.get().name()))
				: new DayPlan(date, weekly, DayPlan.Source.WEEK, Optional.empty(),
						named + ", but holidays do not close this line", Optional.empty());
	}

	static List<WindowOccurrence> occurrences(DayPlan plan, ZoneId zone) {
		List<WindowOccurrence> occurrences = new ArrayList<>();
		for (Window window : plan.windows()) {
			ZonedDateTime opens = ZonedDateTime.of(plan.date(), window.from(), zone);
			LocalDate closingDay = window.overnight() ? plan.date().plusDays(1) : plan.date();
			ZonedDateTime closes = ZonedDateTime.of(closingDay, window.to(), zone);
			// a window inside a spring-forward gap can shrink to nothing
			if (closes.isAfter(opens)) {
				occurrences.add(new WindowOccurrence(window, plan, opens, closes));
			}
		}
		return occurrences;
	}

	/** Every occurrence from yesterday to one day past the horizon, by opening time. */
	List<WindowOccurrence> occurrencesAhead(CountrySchedule schedule, LocalDate today, ZoneId zone) {
		List<WindowOccurrence> ahead = new ArrayList<>();
		for (LocalDate date = today.minusDays(1); !date
			.isAfter(today.plusDays(ScheduleEvaluator.HORIZON.toDays() + 1)); date = date.plusDays(1)) {
			ahead.addAll(occurrences(plan(schedule, date), zone));
		}
		ahead.sort(Comparator.comparing(WindowOccurrence::opens));
		return ahead;
	}

}
