package org.switchboard.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a country's line is open at an instant. For the local date the rules go
 * special day, then holiday (when the schedule closes on holidays), then the weekly
 * windows. An overnight window belongs to the day it opens: that day's rules decide
 * whether it opens, and once open it runs to its closing time on the next day.
 * <p>
 * Every time is local, so a window keeps its wall-clock hours across DST changes. A local
 * time that falls in a spring-forward gap moves later by the gap's length, and one that
 * falls twice in an autumn overlap is taken at its first occurrence, as
 * {@link ZonedDateTime#of(LocalDateTime, ZoneId)} does.
 */
public final class ScheduleEvaluator {

	/** How far ahead the next opening or closing is searched. */
	public static final Duration HORIZON = Duration.ofDays(30);

	private final Holidays holidays;

	private final DayPlanner planner;

	public ScheduleEvaluator(Holidays holidays) {
		this.holidays = holidays;
		this.planner = new DayPlanner(holidays);
	}

	/** The decision for {@code schedule} at {@code at}, with its trace. */
	public ScheduleDecision evaluate(CountrySchedule schedule, Instant at) {
		ZoneId zone = schedule.timeZone();
		ZonedDateTime local = at.atZone(zone);
		LocalDate today = local.toLocalDate();
		String now = DecisionTrace.dayAndTime(local);
		List<String> trace = new ArrayList<>();
		trace.add(at + " is " + DecisionTrace.dayDateAndTime(local) + " in " + zone);

		DayPlan todayPlan = this.planner.plan(schedule, today);
		DayPlan yesterdayPlan = this.planner.plan(schedule, today.minusDays(1));
		trace.add(todayPlan.note());
		Optional<WindowOccurrence> match = Optional.empty();
		for (WindowOccurrence occurrence : DayPlanner.occurrences(todayPlan, zone)) {
			boolean covers = occurrence.covers(at);
			trace.add(DecisionTrace.describe(occurrence, false) + (covers ? " covers " : " does not cover ") + now
					+ (covers && match.isEmpty() ? ": open" : ""));
			match = match.or(() -> covers ? Optional.of(occurrence) : Optional.empty());
		}
		DecisionTrace.traceWeeklyWindowsNotToday(schedule, todayPlan, now, trace);
		for (WindowOccurrence occurrence : DayPlanner.occurrences(yesterdayPlan, zone)) {
			if (occurrence.window().overnight()) {
				boolean covers = occurrence.covers(at);
				trace.add(DecisionTrace.describe(occurrence, true) + (covers ? " still covers " : " does not cover ")
						+ now + (covers && match.isEmpty() ? ": open" : ""));
				match = match.or(() -> covers ? Optional.of(occurrence) : Optional.empty());
			}
		}
		DecisionTrace.traceOvernightWindowsThatDidNotOpen(schedule, yesterdayPlan, trace);

		List<WindowOccurrence> ahead = this.planner.occurrencesAhead(schedule, today, zone);
		if (match.isPresent()) {
			return open(schedule, at, match.get(), ahead, trace);
		}
		return closed(schedule, at, todayPlan.closedReason().orElse("no window covers " + now), ahead, trace);
	}

	private static ScheduleDecision open(CountrySchedule schedule, Instant at, WindowOccurrence open,
			List<WindowOccurrence> ahead, List<String> trace) {
		LocalDate today = at.atZone(schedule.timeZone()).toLocalDate();
		Optional<ZonedDateTime> closes = closingTime(open, ahead, today.plusDays(HORIZON.toDays()));
		trace.add("open until "
				+ closes.map(DecisionTrace::dayDateAndTime).orElse("beyond " + HORIZON.toDays() + " days"));
		return new ScheduleDecision.Open(schedule.country(), at, open.window(), open.opens(), open.closes(),
				DecisionTrace.reason(open, today), closes, trace);
	}

	private static ScheduleDecision closed(CountrySchedule schedule, Instant at, String reason,
			List<WindowOccurrence> ahead, List<String> trace) {
		LocalDate lastDay = at.atZone(schedule.timeZone()).toLocalDate().plusDays(HORIZON.toDays());
		Optional<ZonedDateTime> opens = ahead.stream()
			.map(WindowOccurrence::opens)
			.filter((start) -> start.toInstant().isAfter(at) && !start.toLocalDate().isAfter(lastDay))
			.min(Comparator.naturalOrder());
		trace.add("closed, " + opens.map((start) -> "opens next " + DecisionTrace.dayDateAndTime(start))
			.orElse("no opening within " + HORIZON.toDays() + " days"));
		return new ScheduleDecision.Closed(schedule.country(), at, reason, opens, trace);
	}

	/**
	 * The windows open for part of {@code from} to {@code to}, and the holidays and
	 * special days of the local dates in between, by the same rules as
	 * {@link #evaluate(CountrySchedule, Instant)}.
	 */
	public OpeningHours openingHours(CountrySchedule schedule, Instant from, Instant to) {
		if (!to.isAfter(from)) {
			throw new IllegalArgumentException("to not after from: " + from + " to " + to);
		}
		ZoneId zone = schedule.timeZone();
		LocalDate first = from.atZone(zone).toLocalDate();
		LocalDate last = to.minusNanos(1).atZone(zone).toLocalDate();
		List<OpeningHours.Opening> openings = new ArrayList<>();
		List<OpeningHours.MarkedDay> days = new ArrayList<>();
		// an overnight window of the day before may still be open at the start
		for (LocalDate date = first.minusDays(1); !date.isAfter(last); date = date.plusDays(1)) {
			DayPlan plan = this.planner.plan(schedule, date);
			Optional<String> special = plan.special().map((day) -> day.reason().orElse("special day"));
			for (WindowOccurrence occurrence : DayPlanner.occurrences(plan, zone)) {
				if (occurrence.opens().toInstant().isBefore(to) && occurrence.closes().toInstant().isAfter(from)) {
					openings.add(new OpeningHours.Opening(occurrence.window(), date, occurrence.opens(),
							occurrence.closes(), special));
				}
			}
			if (!date.isBefore(first)) {
				days.addAll(markedDays(schedule, date));
			}
		}
		openings.sort(Comparator.comparing(OpeningHours.Opening::opens));
		return new OpeningHours(schedule.country(), from, to, openings, days);
	}

	private List<OpeningHours.MarkedDay> markedDays(CountrySchedule schedule, LocalDate date) {
		List<OpeningHours.MarkedDay> days = new ArrayList<>();
		Optional<SpecialDay> special = schedule.specialDay(date);
		special.ifPresent((day) -> days.add(new OpeningHours.MarkedDay(date, OpeningHours.Kind.SPECIAL_DAY,
				day.reason().orElse("special day"), day.closed())));
		schedule.holidays()
			.ifPresent((rule) -> this.holidays.on(rule, date)
				.ifPresent((holiday) -> days.add(new OpeningHours.MarkedDay(date, OpeningHours.Kind.HOLIDAY,
						holiday.name(), rule.closed() && special.isEmpty()))));
		return days;
	}

	/**
	 * When the line closes: the end of {@code open}, carried on through windows that take
	 * over without a gap; empty if that runs past the horizon.
	 */
	private static Optional<ZonedDateTime> closingTime(WindowOccurrence open, List<WindowOccurrence> ahead,
			LocalDate lastDay) {
		ZonedDateTime closes = open.closes();
		boolean extended = true;
		while (extended) {
			extended = false;
			for (WindowOccurrence next : ahead) {
				if (!next.opens().isAfter(closes) && next.closes().isAfter(closes)) {
					closes = next.closes();
					extended = true;
				}
			}
		}
		return closes.toLocalDate().isAfter(lastDay) ? Optional.empty() : Optional.of(closes);
	}

}
