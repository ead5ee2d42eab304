package org.switchboard.schedule;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
		week(before.windows(), after.windows(), changes);
		specialDays(before.specialDays(), after.specialDays(), changes);
		holidays(before.holidays(), after.holidays(), changes);
		limit(before.quota().maxConcurrent(), after.quota().maxConcurrent(), "calls at once")
			.ifPresent((change) -> changes.add("Country quota: " + change));
		overflow(before.overflow(), after.overflow(), changes);
		if (!before.closedAction().equals(after.closedAction())) {
			changes.add("When closed: " + describe(before.closedAction()) + " → " + describe(after.closedAction()));
		}
		return changes;
	}

	/** Each weekday's hours compared, and the same change on several days said once. */
	private static void week(List<Window> before, List<Window> after, List<String> changes) {
		Map<String, Set<DayOfWeek>> days = new LinkedHashMap<>();
		for (DayOfWeek day : DayOfWeek.values()) {
			for (String change : day(on(before, day), on(after, day))) {
				days.computeIfAbsent(change, (key) -> EnumSet.noneOf(DayOfWeek.class)).add(day);
			}
		}
		days.forEach((change, on) -> changes.add(days(on) + " " + change));
	}

	private static List<Window> on(List<Window> windows, DayOfWeek day) {
		return windows.stream().filter((window) -> window.days().contains(day)).toList();
	}

	/**
	 * One day's windows compared by their hours (windows of a day never overlap, so the
	 * hours name a window): the same hours with other details, hours removed, added, or
	 * changed when as many go as come.
	 */
	private static List<String> day(List<Window> before, List<Window> after) {
		Map<String, Window> old = byHours(before);
		Map<String, Window> now = byHours(after);
		List<String> changes = new ArrayList<>();
		List<Window> removed = new ArrayList<>();
		for (Window window : old.values()) {
			Window same = now.get(hours(window));
			if (same == null) {
				removed.add(window);
			}
			else {
				List<String> details = details(window, same);
				if (!details.isEmpty()) {
					changes.add(hours(window) + ": " + String.join(", ", details));
				}
			}
		}
		List<Window> added = now.values().stream().filter((window) -> !old.containsKey(hours(window))).toList();
		if (removed.size() == added.size()) {
			for (int i = 0; i < removed.size(); i++) {
				List<String> details = details(removed.get(i), added.get(i));
				changes.add(hours(removed.get(i)) + " changed to " + hours(added.get(i))
						+ (details.isEmpty() ? "" : ", " + String.join(", ", details)));
			}
		}
		else {
			removed.forEach((window) -> changes.add(hours(window) + " removed"));
			added.forEach((window) -> changes.add(hours(window) + " added (" + window.team() + ")"));
		}
		return changes;
	}

	/** The windows by their hours, earliest first. */
	private static Map<String, Window> byHours(List<Window> windows) {
		Map<String, Window> byHours = new LinkedHashMap<>();
		windows.stream()
			.sorted(Comparator.comparing(Window::from))
			.forEach((window) -> byHours.put(hours(window), window));
		return byHours;
	}

	/** What differs between two windows other than their days and hours. */
	private static List<String> details(Window before, Window after) {
		List<String> details = new ArrayList<>();
		if (!before.team().equals(after.team())) {
			details.add("team " + before.team() + " → " + after.team());
		}
		details.addAll(skills(before.skills(), after.skills()));
		limit(before.quota().maxConcurrent(), after.quota().maxConcurrent(), "calls at once").ifPresent(details::add);
		limit(before.quota().maxAnswered(), after.quota().maxAnswered(),
				"answered calls per " + (after.overnight() ? "night" : "day"))
			.ifPresent(details::add);
		return details;
	}

	private static List<String> skills(Map<String, Integer> before, Map<String, Integer> after) {
		Set<String> names = new LinkedHashSet<>(before.keySet());
		names.addAll(after.keySet());
		List<String> changes = new ArrayList<>();
		for (String name : names) {
			Integer old = before.get(name);
			Integer now = after.get(name);
			if (old == null) {
				changes.add("skill " + name + " " + now + " added");
			}
			else if (now == null) {
				changes.add("skill " + name + " " + old + " removed");
			}
			else if (!old.equals(now)) {
				changes.add("skill " + name + " " + old + " → " + now);
			}
		}
		return changes;
	}

	private static Optional<String> limit(OptionalInt before, OptionalInt after, String what) {
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
					day(was.windows(), is.windows()).forEach((change) -> changes.add(name(is) + " " + change));
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

	/**
	 * Overflow steps matched by what they do (to which country, which skills), then those
	 * left by their delay.
	 */
	private static void overflow(List<OverflowStep> before, List<OverflowStep> after, List<String> changes) {
		List<OverflowStep> removed = new ArrayList<>(before);
		List<OverflowStep> added = new ArrayList<>();
		List<String> moved = new ArrayList<>();
		for (OverflowStep step : after) {
			Optional<OverflowStep> same = removed.stream().filter((old) -> does(old).equals(does(step))).findFirst();
			if (same.isPresent()) {
				removed.remove(same.get());
				if (!same.get().after().equals(step.after())) {
					moved.add("Overflow " + does(step) + " after " + seconds(same.get().after()) + " changed to "
							+ seconds(step.after()));
				}
			}
			else {
				added.add(step);
			}
		}
		List<String> replaced = new ArrayList<>();
		for (OverflowStep step : List.copyOf(added)) {
			Optional<OverflowStep> instead = removed.stream()
				.filter((old) -> old.getClass() == step.getClass() && old.after().equals(step.after()))
				.findFirst();
			if (instead.isPresent()) {
				removed.remove(instead.get());
				added.remove(step);
				replaced
					.add("Overflow after " + seconds(step.after()) + ": " + does(instead.get()) + " → " + does(step));
			}
		}
		changes.addAll(moved);
		changes.addAll(replaced);
		removed
			.forEach((step) -> changes.add("Overflow " + does(step) + " after " + seconds(step.after()) + " removed"));
		added.forEach((step) -> changes.add("Overflow " + does(step) + " after " + seconds(step.after()) + " added"));
	}

	/** Like {@code to FR}, {@code adding english 2}. */
	private static String does(OverflowStep step) {
		return switch (step) {
			case OverflowStep.OtherCountry other -> "to " + other.country();
			case OverflowStep.AddSkills add -> "adding " + add.skills()
				.entrySet()
				.stream()
				.map((skill) -> skill.getKey() + " " + skill.getValue())
				.collect(Collectors.joining(", "));
			case OverflowStep.LowerLevels lower -> "lowering skill levels by " + lower.by();
		};
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
