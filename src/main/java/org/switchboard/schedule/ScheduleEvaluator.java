package org.switchboard.schedule;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
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

	public ScheduleEvaluator(Holidays holidays) {
		this.holidays = holidays;
	}

	/** The decision for {@code schedule} at {@code at}, with its trace. */
	public ScheduleDecision evaluate(CountrySchedule schedule, Instant at) {
		ZoneId zone = schedule.timeZone();
		ZonedDateTime local = at.atZone(zone);
		LocalDate today = local.toLocalDate();
		String now = dayAndTime(local);
		List<String> trace = new ArrayList<>();
		trace.add(at + " is " + dayDateAndTime(local) + " in " + zone);

		DayPlan todayPlan = plan(schedule, today);
		DayPlan yesterdayPlan = plan(schedule, today.minusDays(1));
		trace.add(todayPlan.note());
		Optional<Occurrence> match = Optional.empty();
		for (Occurrence occurrence : occurrences(todayPlan, zone)) {
			boolean covers = occurrence.covers(at);
			trace.add(describe(occurrence, false) + (covers ? " covers " : " does not cover ") + now
					+ (covers && match.isEmpty() ? ": open" : ""));
			match = match.or(() -> covers ? Optional.of(occurrence) : Optional.empty());
		}
		traceWeeklyWindowsNotToday(schedule, todayPlan, now, trace);
		for (Occurrence occurrence : occurrences(yesterdayPlan, zone)) {
			if (occurrence.window().overnight()) {
				boolean covers = occurrence.covers(at);
				trace.add(describe(occurrence, true) + (covers ? " still covers " : " does not cover ") + now
						+ (covers && match.isEmpty() ? ": open" : ""));
				match = match.or(() -> covers ? Optional.of(occurrence) : Optional.empty());
			}
		}
		traceOvernightWindowsThatDidNotOpen(schedule, yesterdayPlan, trace);

		List<Occurrence> ahead = occurrencesAhead(schedule, today, zone);
		LocalDate lastDay = today.plusDays(HORIZON.toDays());
		if (match.isPresent()) {
			Occurrence open = match.get();
			Optional<ZonedDateTime> closes = closingTime(open, ahead, lastDay);
			trace.add("open until "
					+ closes.map(ScheduleEvaluator::dayDateAndTime).orElse("beyond " + HORIZON.toDays() + " days"));
			return new ScheduleDecision.Open(schedule.country(), at, open.window(), open.opens(), open.closes(),
					reason(open, today), closes, trace);
		}
		Optional<ZonedDateTime> opens = ahead.stream()
			.map(Occurrence::opens)
			.filter((start) -> start.toInstant().isAfter(at) && !start.toLocalDate().isAfter(lastDay))
			.min(Comparator.naturalOrder());
		String reason = todayPlan.closedReason().orElse("no window covers " + now);
		trace.add("closed, " + opens.map((start) -> "opens next " + dayDateAndTime(start))
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
			DayPlan plan = plan(schedule, date);
			Optional<String> special = plan.special().map((day) -> day.reason().orElse("special day"));
			for (Occurrence occurrence : occurrences(plan, zone)) {
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

	/** Which windows run on {@code date}, and the trace line that says why. */
	private DayPlan plan(CountrySchedule schedule, LocalDate date) {
		Optional<SpecialDay> special = schedule.specialDay(date);
		if (special.isPresent()) {
			String why = special.get().reason().map((text) -> " (" + text + ")").orElse("");
			return special.get().closed()
					? new DayPlan(date, List.of(), Source.SPECIAL_DAY, special,
							date + " is a special day" + why + ": closed",
							Optional.of("special day " + date + why + ": closed"))
					: new DayPlan(date, special.get().windows(), Source.SPECIAL_DAY, special,
							date + " is a special day" + why + ": its windows replace holidays and the week",
							Optional.empty());
		}
		List<Window> weekly = schedule.windows()
			.stream()
			.filter((window) -> window.days().contains(date.getDayOfWeek()))
			.toList();
		if (schedule.holidays().isEmpty()) {
			return new DayPlan(date, weekly, Source.WEEK, Optional.empty(),
					date + " is no special day; no holiday calendar", Optional.empty());
		}
		HolidayRule rule = schedule.holidays().get();
		Optional<Holiday> holiday = this.holidays.on(rule, date);
		if (holiday.isEmpty()) {
			return new DayPlan(date, weekly, Source.WEEK, Optional.empty(),
					date + " is no special day and no holiday in " + rule.label(), Optional.empty());
		}
		String named = date + " is a holiday in " + rule.label() + " (" + holiday.get().name() + ")";
		return rule.closed()
				? new DayPlan(date, List.of(), Source.HOLIDAY, Optional.empty(), named + ": closed",
						Optional.of("holiday in " + rule.label() + ": " + holiday.get().name()))
				: new DayPlan(date, weekly, Source.WEEK, Optional.empty(),
						named + ", but holidays do not close this line", Optional.empty());
	}

	private static List<Occurrence> occurrences(DayPlan plan, ZoneId zone) {
		List<Occurrence> occurrences = new ArrayList<>();
		for (Window window : plan.windows()) {
			ZonedDateTime opens = ZonedDateTime.of(plan.date(), window.from(), zone);
			LocalDate closingDay = window.overnight() ? plan.date().plusDays(1) : plan.date();
			ZonedDateTime closes = ZonedDateTime.of(closingDay, window.to(), zone);
			// a window inside a spring-forward gap can shrink to nothing
			if (closes.isAfter(opens)) {
				occurrences.add(new Occurrence(window, plan, opens, closes));
			}
		}
		return occurrences;
	}

	/** Every occurrence from yesterday to one day past the horizon, by opening time. */
	private List<Occurrence> occurrencesAhead(CountrySchedule schedule, LocalDate today, ZoneId zone) {
		List<Occurrence> ahead = new ArrayList<>();
		for (LocalDate date = today.minusDays(1); !date.isAfter(today.plusDays(HORIZON.toDays() + 1)); date = date
			.plusDays(1)) {
			ahead.addAll(occurrences(plan(schedule, date), zone));
		}
		ahead.sort(Comparator.comparing(Occurrence::opens));
		return ahead;
	}

	/**
	 * When the line closes: the end of {@code open}, carried on through windows that take
	 * over without a gap; empty if that runs past the horizon.
	 */
	private static Optional<ZonedDateTime> closingTime(Occurrence open, List<Occurrence> ahead, LocalDate lastDay) {
		ZonedDateTime closes = open.closes();
		boolean extended = true;
		while (extended) {
			extended = false;
			for (Occurrence next : ahead) {
				if (!next.opens().isAfter(closes) && next.closes().isAfter(closes)) {
					closes = next.closes();
					extended = true;
				}
			}
		}
		return closes.toLocalDate().isAfter(lastDay) ? Optional.empty() : Optional.of(closes);
	}

	/** Weekly windows that do not open today, each with a line saying so. */
	private static void traceWeeklyWindowsNotToday(CountrySchedule schedule, DayPlan today, String now,
			List<String> trace) {
		if (today.source() != Source.WEEK) {
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
	private static void traceOvernightWindowsThatDidNotOpen(CountrySchedule schedule, DayPlan yesterday,
			List<String> trace) {
		if (yesterday.source() == Source.WEEK) {
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

	private static String reason(Occurrence open, LocalDate today) {
		String window = "window " + open.window().label() + " (" + open.window().team() + ")";
		String from = open.plan().date().equals(today) ? ""
				: " from " + shortDay(open.plan().date()) + " " + open.plan().date();
		if (open.plan().source() == Source.SPECIAL_DAY) {
			Optional<String> why = open.plan().special().flatMap(SpecialDay::reason);
			return "special day " + open.plan().date() + why.map((text) -> " (" + text + ")").orElse("") + ": " + window
					+ from;
		}
		return window + from;
	}

	private static String describe(Occurrence occurrence, boolean fromYesterday) {
		String window = "window " + occurrence.window().label() + " (" + occurrence.window().team() + ")";
		return fromYesterday ? window + " from " + shortDay(occurrence.plan().date()) + " " + occurrence.plan().date()
				: window;
	}

	/** Like {@code Sat 03:00}, with seconds only when there are some. */
	private static String dayAndTime(ZonedDateTime local) {
		return shortDay(local.toLocalDate()) + " " + local.toLocalTime().truncatedTo(ChronoUnit.SECONDS);
	}

	/** Like {@code Mon 2026-03-30 08:00 (+02:00)}. */
	private static String dayDateAndTime(ZonedDateTime local) {
		return shortDay(local.toLocalDate()) + " " + local.toLocalDate() + " "
				+ local.toLocalTime().truncatedTo(ChronoUnit.SECONDS) + " (" + local.getOffset() + ")";
	}

	private static String shortDay(LocalDate date) {
		return date.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
	}

	private enum Source {

		SPECIAL_DAY, HOLIDAY, WEEK

	}

	/**
	 * The windows that run on one date and why.
	 *
	 * @param special the special day, when it decides
	 * @param closedReason the decision's reason when the date itself is closed
	 */
	private record DayPlan(LocalDate date, List<Window> windows, Source source, Optional<SpecialDay> special,
			String note, Optional<String> closedReason) {

	}

	/** One window on one date, as instants. */
	private record Occurrence(Window window, DayPlan plan, ZonedDateTime opens, ZonedDateTime closes) {

		boolean covers(Instant at) {
			return !this.opens.toInstant().isAfter(at) && this.closes.toInstant().isAfter(at);
		}

	}

}
