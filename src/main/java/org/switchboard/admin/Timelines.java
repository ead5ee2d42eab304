package org.switchboard.admin;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.switchboard.schedule.OpeningHours;

/**
 * Cuts a schedule's opening hours into what the timelines draw: rows of local days in a
 * zone (the country's, the viewer's) with bars placed by wall-clock minute, and spans of
 * one UTC day. The browser only places what it gets; every zone and DST rule stays here.
 */
final class Timelines {

	private static final int DAY_MINUTES = 24 * 60;

	private Timelines() {
	}

	/** A stretch of time, in UTC. */
	record Span(OffsetDateTime from, OffsetDateTime to) {

		static Span of(Instant from, Instant to) {
			return new Span(from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC));
		}

		Instant start() {
			return this.from.toInstant();
		}

		Instant end() {
			return this.to.toInstant();
		}

	}

	/**
	 * One local day in one zone.
	 *
	 * @param weekday like {@code Mon}
	 * @param clockChange when the clocks change that day, like
	 * {@code clocks go forward 1 h at 02:00}; null on other days
	 */
	record DayRow(LocalDate date, String weekday, List<Bar> open, List<Mark> marks, String clockChange) {

	}

	/**
	 * The part of one opening that falls on a day row, placed by wall-clock minute.
	 *
	 * @param startMinute minutes after the row's midnight, 0..1439
	 * @param endMinute 1..1440, 1440 when it runs to the next day
	 * @param from like {@code 08:00}
	 * @param to like {@code 18:00}, {@code 24:00} when it runs to the next day
	 * @param opens when the whole opening starts, with the row zone's offset
	 * @param closes when it ends
	 * @param window the weekly window's label, like {@code MON-FRI 08:00-18:00}
	 * @param specialDay the special day's reason it belongs to, or null
	 */
	record Bar(int startMinute, int endMinute, String from, String to, OffsetDateTime opens, OffsetDateTime closes,
			String team, String window, String specialDay) {

	}

	/**
	 * The part of a holiday or special day (a whole date in the country's zone) that
	 * falls on a day row.
	 *
	 * @param kind {@code holiday} or {@code special-day}
	 * @param date the country's local date it is
	 * @param closed whether it keeps the line closed all that date
	 */
	record Mark(String kind, LocalDate date, String name, boolean closed, int startMinute, int endMinute) {

	}

	/**
	 * The {@code count} days from {@code first} in {@code zone}, each with its bars and
	 * marks.
	 */
	static List<DayRow> days(OpeningHours hours, ZoneId country, ZoneId zone, LocalDate first, int count) {
		List<DayRow> rows = new ArrayList<>();
		for (LocalDate date = first; date.isBefore(first.plusDays(count)); date = date.plusDays(1)) {
			ZonedDateTime start = date.atStartOfDay(zone);
			ZonedDateTime end = date.plusDays(1).atStartOfDay(zone);
			List<Bar> bars = new ArrayList<>();
			for (OpeningHours.Opening opening : hours.openings()) {
				cut(opening.opens().toInstant(), opening.closes().toInstant(), start, end)
					.ifPresent((minutes) -> bars.add(new Bar(minutes.start(), minutes.end(), clock(minutes.start()),
							clock(minutes.end()), opening.opens().withZoneSameInstant(zone).toOffsetDateTime(),
							opening.closes().withZoneSameInstant(zone).toOffsetDateTime(), opening.window().team(),
							opening.window().label(), opening.specialDay().orElse(null))));
			}
			List<Mark> marks = new ArrayList<>();
			for (OpeningHours.MarkedDay day : hours.days()) {
				cut(day.date().atStartOfDay(country).toInstant(),
						day.date().plusDays(1).atStartOfDay(country).toInstant(), start, end)
					.ifPresent((minutes) -> marks.add(new Mark(kind(day.kind()), day.date(), day.name(), day.closed(),
							minutes.start(), minutes.end())));
			}
			rows.add(new DayRow(date, date.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH), bars, marks,
					clockChange(zone, start, end).orElse(null)));
		}
		return rows;
	}

	/**
	 * The part of {@code from} to {@code to} within one day row, as wall-clock minutes of
	 * that row; empty if none.
	 */
	private static Optional<Minutes> cut(Instant from, Instant to, ZonedDateTime dayStart, ZonedDateTime dayEnd) {
		Instant start = max(from, dayStart.toInstant());
		Instant end = min(to, dayEnd.toInstant());
		if (!start.isBefore(end)) {
			return Optional.empty();
		}
		int startMinute = start.equals(dayStart.toInstant()) ? minute(dayStart.toLocalTime())
				: minute(start.atZone(dayStart.getZone()).toLocalTime());
		int endMinute = end.equals(dayEnd.toInstant()) ? DAY_MINUTES
				: minute(end.atZone(dayStart.getZone()).toLocalTime());
		// an autumn hour lived twice can put a wall-clock end before its start
		return Optional.of(new Minutes(startMinute, Math.max(endMinute, startMinute + 1)));
	}

	/** Wall-clock minutes of a day row. */
	private record Minutes(int start, int end) {

	}

	/** Like {@code clocks go forward 1 h at 02:00}, if the clocks change that day. */
	private static Optional<String> clockChange(ZoneId zone, ZonedDateTime start, ZonedDateTime end) {
		ZoneOffsetTransition change = zone.getRules().nextTransition(start.toInstant().minusNanos(1));
		if (change == null || !change.getInstant().isBefore(end.toInstant())) {
			return Optional.empty();
		}
		Duration by = change.getDuration().abs();
		String length = by.toMinutesPart() == 0 ? by.toHours() + " h" : by.toMinutes() + " min";
		return Optional.of("clocks go " + (change.isGap() ? "forward " : "back ") + length + " at "
				+ change.getDateTimeBefore().toLocalTime());
	}

	/** The spans, overlapping or touching ones joined, in order. */
	static List<Span> union(List<Span> spans) {
		List<Span> sorted = spans.stream().sorted(Comparator.comparing(Span::start)).toList();
		List<Span> joined = new ArrayList<>();
		for (Span span : sorted) {
			Span last = joined.isEmpty() ? null : joined.get(joined.size() - 1);
			if (last != null && !span.start().isAfter(last.end())) {
				joined.set(joined.size() - 1, Span.of(last.start(), max(last.end(), span.end())));
			}
			else {
				joined.add(span);
			}
		}
		return joined;
	}

	/** The times between {@code from} and {@code to} that no span covers. */
	static List<Span> gaps(List<Span> spans, Instant from, Instant to) {
		List<Span> gaps = new ArrayList<>();
		Instant at = from;
		for (Span span : union(spans)) {
			if (span.start().isAfter(at)) {
				gaps.add(Span.of(at, min(span.start(), to)));
			}
			at = max(at, span.end());
		}
		if (at.isBefore(to)) {
			gaps.add(Span.of(at, to));
		}
		return gaps.stream().filter((gap) -> gap.start().isBefore(gap.end())).toList();
	}

	/** The times both lists of spans cover. */
	static List<Span> both(List<Span> these, List<Span> those) {
		List<Span> both = new ArrayList<>();
		for (Span one : union(these)) {
			for (Span other : union(those)) {
				Instant start = max(one.start(), other.start());
				Instant end = min(one.end(), other.end());
				if (start.isBefore(end)) {
					both.add(Span.of(start, end));
				}
			}
		}
		return both;
	}

	/** Like {@code special-day}. */
	static String kind(OpeningHours.Kind kind) {
		return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	private static int minute(LocalTime time) {
		return time.getHour() * 60 + time.getMinute();
	}

	private static String clock(int minute) {
		return String.format(Locale.ROOT, "%02d:%02d", minute / 60, minute % 60);
	}

	private static Instant max(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

	private static Instant min(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

}
