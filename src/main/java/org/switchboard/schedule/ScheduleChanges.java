package org.switchboard.schedule;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What changed between two versions of a country's schedule, in sentences a supervisor
 * reads in the history, like {@code Saturday 09:00–13:00 added (fr-support)} or
 * {@code Overflow to FR after 180 s changed to 240 s}. Weekly hours are compared day by
 * day, and days that changed alike are named together ({@code Monday–Friday}), so moving
 * a window in the list or splitting it by days says nothing changed when nothing did.
 */
public final class ScheduleChanges {

	private ScheduleChanges() {
	}

	/** The changes from {@code before} to {@code after}, empty if there are none. */
	public static List<String> between(CountrySchedule before, CountrySchedule after) {
		List<String> changes = new ArrayList<>();
		if (!before.timeZone().equals(after.timeZone())) {
			changes.add("Time zone " + before.timeZone() + " → " + after.timeZone());
		}
		WindowChanges.week(before.windows(), after.windows(), changes);
		specialDays(before.specialDays(), after.specialDays(), changes);
		holidays(before.holidays(), after.holidays(), changes);
		limit(before.quota().maxConcurrent(), after.quota().maxConcurrent(), "calls at once")
			.ifPresent((change) -> changes.add("Country quota: " + change));
		OverflowChanges.overflow(before.overflow(), after.overflow(), changes);
		if (!before.closedAction().equals(after.closedAction())) {
			changes.add("When closed: " + describe(before.closedAction()) + " → " + describe(after.closedAction()));
		}
		return changes;
	}

	/** Like {@code calls at once 10 → no limit}; empty if the limit is the same. */
	static Optional<String> limit(OptionalInt before, OptionalInt after, String what) {
		if (before.equals(after)) {
			return Optional.empty();
		}
		return Optional.of(what + " " + limit(before) + " → " + limit(after));
	}

	private static String limit(OptionalInt limit) {
		return limit.isPresent() ? Integer.toString(limit.getAsInt()) : "no limit";
	}

	private static void specialDays(List<SpecialDay> before, List<SpecialDay> after, List<String> changes) {
		Map<LocalDate, SpecialDay> old = before.stream()
			.collect(Collectors.toMap(SpecialDay::date, Function.identity(), (a, b) -> a, LinkedHashMap::new));
		Map<LocalDate, SpecialDay> now = after.stream()
			.collect(Collectors.toMap(SpecialDay::date, Function.identity(), (a, b) -> a, LinkedHashMap::new));
		Set<LocalDate> dates = new TreeSet<>(old.keySet());
		dates.addAll(now.keySet());
		for (LocalDate date : dates) {
			SpecialDay was = old.get(date);
			SpecialDay is = now.get(date);
			if (was == null) {
				changes.add(name(is) + " added: " + hours(is));
			}
			else if (is == null) {
				changes.add(name(was) + " removed");
			}
			else {
				if (!was.reason().equals(is.reason())) {
					changes.add(name(was) + " renamed " + is.reason().orElse("(no reason)"));
				}
				if (was.closed() != is.closed()) {
					changes.add(name(is) + " now " + hours(is));
				}
				else {
					WindowChanges.day(was.windows(), is.windows())
						.forEach((change) -> changes.add(name(is) + " " + change));
				}
			}
		}
	}

	/** Like {@code Special day 2026-12-24 Christmas Eve}. */
	private static String name(SpecialDay day) {
		return "Special day " + day.date() + day.reason().map((reason) -> " " + reason).orElse("");
	}

	/** Like {@code closed all day} or {@code open 08:00–12:00 (de-support)}. */
	private static String hours(SpecialDay day) {
		if (day.closed()) {
			return "closed all day";
		}
		return "open " + day.windows()
			.stream()
			.sorted(Comparator.comparing(Window::from))
			.map((window) -> hours(window) + " (" + window.team() + ")")
			.collect(Collectors.joining(" and "));
	}

	/** Like {@code 08:00–18:00} or {@code 22:00–06:00 overnight}. */
	static String hours(Window window) {
		return window.from() + "–" + window.to() + (window.overnight() ? " overnight" : "");
	}

	private static void holidays(Optional<HolidayRule> before, Optional<HolidayRule> after, List<String> changes) {
		if (before.equals(after)) {
			return;
		}
		if (after.isEmpty()) {
			changes.add("Official holidays of " + before.get().label() + " no longer kept");
			return;
		}
		HolidayRule rule = after.get();
		String effect = (rule.closed() ? "closed" : "open") + " on official holidays of ";
		if (before.isEmpty()) {
			changes.add((rule.closed() ? "Closed" : "Open") + " on official holidays of " + rule.label());
			return;
		}
		if (!before.get().label().equals(rule.label())) {
			changes.add("Holiday calendar " + before.get().label() + " → " + rule.label());
		}
		if (before.get().closed() != rule.closed()) {
			changes.add("Now " + effect + rule.label());
		}
	}

	private static String describe(ClosedAction action) {
		return switch (action) {
			case ClosedAction.AnnounceNextOpening announce ->
				"announce the next opening, then " + then(announce.then());
			case ClosedAction.Voicemail voicemail -> then(voicemail);
			case ClosedAction.Callback callback -> then(callback);
		};
	}

	private static String then(ClosedAction.Then then) {
		return switch (then) {
			case ClosedAction.Voicemail voicemail -> "voicemail to mailbox " + voicemail.mailbox();
			case ClosedAction.Callback callback -> "offer a callback";
			case ClosedAction.Hangup hangup -> "hang up";
		};
	}

	/** Like {@code 90 s}. */
	static String seconds(Duration duration) {
		return duration.toSeconds() + " s";
	}

	/**
	 * Like {@code Monday–Friday}, {@code Sunday–Thursday}, {@code Saturday and Sunday}.
	 */
	static String days(Set<DayOfWeek> days) {
		if (days.size() == 7) {
			return "Every day";
		}
		List<String> runs = Window.runs(days)
			.stream()
			.flatMap((run) -> run.size() >= 3 ? Stream.of(name(run.get(0)) + "–" + name(run.get(run.size() - 1)))
					: run.stream().map(ScheduleChanges::name))
			.toList();
		if (runs.size() == 1) {
			return runs.get(0);
		}
		return String.join(", ", runs.subList(0, runs.size() - 1)) + " and " + runs.get(runs.size() - 1);
	}

	private static String name(DayOfWeek day) {
		return day.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
	}

}
