package org.switchboard.schedule;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The changes of opening hours in words, compared day by day and by their hours, so that
 * moving a window in the list or splitting it by days says nothing changed when nothing
 * did.
 */
final class WindowChanges {

	private WindowChanges() {
	}

	/** Each weekday's hours compared, and the same change on several days said once. */
	static void week(List<Window> before, List<Window> after, List<String> changes) {
		Map<String, Set<DayOfWeek>> days = new LinkedHashMap<>();
		for (DayOfWeek day : DayOfWeek.values()) {
			for (String change : day(on(before, day), on(after, day))) {
				days.computeIfAbsent(change, (key) -> EnumSet.noneOf(DayOfWeek.class)).add(day);
			}
		}
		days.forEach((change, on) -> changes.add(ScheduleChanges.days(on) + " " + change));
	}

	private static List<Window> on(List<Window> windows, DayOfWeek day) {
		return windows.stream().filter((window) -> window.days().contains(day)).toList();
	}

	/**
	 * One day's windows compared by their hours (windows of a day never overlap, so the
	 * hours name a window): the same hours with other details, hours removed, added, or
	 * changed when as many go as come.
	 */
	static List<String> day(List<Window> before, List<Window> after) {
		Map<String, Window> old = byHours(before);
		Map<String, Window> now = byHours(after);
		List<String> changes = new ArrayList<>();
		List<Window> removed = new ArrayList<>();
		for (Window window : old.values()) {
			Window same = now.get(ScheduleChanges.hours(window));
			if (same == null) {
				removed.add(window);
			}
			else {
				List<String> details = details(window, same);
				if (!details.isEmpty()) {
					changes.add(ScheduleChanges.hours(window) + ": " + String.join(", ", details));
				}
			}
		}
		List<Window> added = now.values()
			.stream()
			.filter((window) -> !old.containsKey(ScheduleChanges.hours(window)))
			.toList();
		if (removed.size() == added.size()) {
			for (int i = 0; i < removed.size(); i++) {
				List<String> details = details(removed.get(i), added.get(i));
				changes.add(ScheduleChanges.hours(removed.get(i)) + " changed to " + ScheduleChanges.hours(added.get(i))
						+ (details.isEmpty() ? "" : ", " + String.join(", ", details)));
			}
		}
		else {
			removed.forEach((window) -> changes.add(ScheduleChanges.hours(window) + " removed"));
			added.forEach((window) -> changes.add(ScheduleChanges.hours(window) + " added (" + window.team() + ")"));
		}
		return changes;
	}

	/** The windows by their hours, earliest first. */
	private static Map<String, Window> byHours(List<Window> windows) {
		Map<String, Window> byHours = new LinkedHashMap<>();
		windows.stream()
			.sorted(Comparator.comparing(Window::from))
			.forEach((window) -> byHours.put(ScheduleChanges.hours(window), window));
		return byHours;
	}

	/** What differs between two windows other than their days and hours. */
	private static List<String> details(Window before, Window after) {
		List<String> details = new ArrayList<>();
		if (!before.team().equals(after.team())) {
			details.add("team " + before.team() + " → " + after.team());
		}
		details.addAll(skills(before.skills(), after.skills()));
		ScheduleChanges.limit(before.quota().maxConcurrent(), after.quota().maxConcurrent(), "calls at once")
			.ifPresent(details::add);
		ScheduleChanges
			.limit(before.quota().maxAnswered(), after.quota().maxAnswered(),
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

}
