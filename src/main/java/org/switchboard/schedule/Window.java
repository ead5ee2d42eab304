package org.switchboard.schedule;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One opening window: local hours, the team that answers and the skills a call needs. An
 * overnight window closes on the next day; it belongs to the day it opens, whose special
 * day or holiday decides whether it opens at all.
 *
 * @param days the weekdays it opens on; empty for a special day's windows
 * @param from the local time it opens
 * @param to the local time it closes, on the next day if {@code overnight}
 * @param overnight whether it runs past midnight
 * @param team the team that answers
 * @param skills skill name to the minimum level 1..5 an agent needs
 * @param quota its own limits
 */
public record Window(Set<DayOfWeek> days, LocalTime from, LocalTime to, boolean overnight, String team,
		Map<String, Integer> skills, Quota quota) {

	public Window {
		days = days.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(days));
		Objects.requireNonNull(from, "from");
		Objects.requireNonNull(to, "to");
		Objects.requireNonNull(team, "team");
		skills = Collections.unmodifiableMap(new LinkedHashMap<>(skills));
		Objects.requireNonNull(quota, "quota");
	}

	/**
	 * Reads like {@code MON-FRI 08:00-18:00}, or {@code 08:00-12:00} on a special day.
	 */
	public String label() {
		String hours = this.from + "-" + this.to + (this.overnight ? " overnight" : "");
		return this.days.isEmpty() ? hours : daysLabel() + " " + hours;
	}

	/**
	 * The days in week order, runs of three or more shortened: {@code MON-FRI},
	 * {@code SUN-THU}, {@code SAT, SUN}. A run may wrap from Sunday to Monday.
	 */
	public String daysLabel() {
		return String.join(", ", runs().stream().map(Window::runLabel).toList());
	}

	/** The days in the order {@link #daysLabel()} names them. */
	List<DayOfWeek> orderedDays() {
		return runs().stream().flatMap(List::stream).toList();
	}

	private List<List<DayOfWeek>> runs() {
		return runs(this.days);
	}

	/** The days as runs of consecutive days in week order; a run may wrap from Sunday. */
	static List<List<DayOfWeek>> runs(Set<DayOfWeek> days) {
		if (days.size() == 7) {
			return List.of(List.of(DayOfWeek.values()));
		}
		List<List<DayOfWeek>> runs = new ArrayList<>();
		for (DayOfWeek day : DayOfWeek.values()) {
			if (days.contains(day) && !days.contains(day.minus(1))) {
				List<DayOfWeek> run = new ArrayList<>();
				for (DayOfWeek next = day; days.contains(next) && run.size() < 7; next = next.plus(1)) {
					run.add(next);
				}
				runs.add(run);
			}
		}
		return runs;
	}

	private static String runLabel(List<DayOfWeek> run) {
		if (run.size() >= 3) {
			return name(run.get(0)) + "-" + name(run.get(run.size() - 1));
		}
		return String.join(", ", run.stream().map(Window::name).toList());
	}

	/** The three-letter name documents use, like {@code MON}. */
	static String name(DayOfWeek day) {
		return day.name().substring(0, 3).toUpperCase(Locale.ROOT);
	}

}
