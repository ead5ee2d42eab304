package org.switchboard.schedule;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.switchboard.common.Document.Words;
import org.switchboard.common.FieldProblem;
import org.switchboard.common.Fields;
import org.switchboard.common.Fields.Entry;

/**
 * Reads one window, weekly with its days or a special day's without, and checks that it
 * closes after it opens or, overnight, on the next day.
 */
final class WindowReader {

	/** A team or skill name. */
	static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

	private static final Pattern TIME = Pattern.compile("([01]?[0-9]|2[0-3]):([0-5][0-9])");

	private static final Map<String, DayOfWeek> DAYS = days();

	private final List<FieldProblem> problems;

	private final SkillReader skills;

	private final QuotaReader quotas;

	WindowReader(List<FieldProblem> problems, SkillReader skills, QuotaReader quotas) {
		this.problems = problems;
		this.skills = skills;
		this.quotas = quotas;
	}

	SkillReader skills() {
		return this.skills;
	}

	/** A window, weekly with its days or a special day's without. */
	Optional<Window> read(Entry item, boolean weekly) {
		String example = weekly ? "{days: [MON], from: \"08:00\", to: \"18:00\", team: support}"
				: "{from: \"08:00\", to: \"12:00\", team: support}";
		return Fields.of(item, "an object like " + example, Words.OBJECT, this.problems::add).flatMap((window) -> {
			int before = this.problems.size();
			Set<DayOfWeek> days = weekly ? days(window) : Set.of();
			Optional<LocalTime> from = window.require("from").flatMap((value) -> time(window, value));
			Optional<LocalTime> to = window.require("to").flatMap((value) -> time(window, value));
			boolean overnight = window.flag("overnight", false);
			Optional<String> team = window.require("team").flatMap((value) -> name(window, value, "team"));
			Map<String, Integer> skills = window.get("skills")
				.map((value) -> this.skills.read(window, value))
				.orElse(Map.of());
			Quota quota = window.get("quota").map((value) -> this.quotas.read(value, true)).orElse(Quota.NONE);
			window.reportUnknownFields();
			if (from.isPresent() && to.isPresent()) {
				checkHours(window, from.get(), to.get(), overnight);
			}
			if (this.problems.size() > before) {
				return Optional.empty();
			}
			return Optional.of(new Window(days, from.get(), to.get(), overnight, team.get(), skills, quota));
		});
	}

	private static void checkHours(Fields window, LocalTime from, LocalTime to, boolean overnight) {
		String hours = from + "-" + to;
		if (!overnight && !to.isAfter(from)) {
			window.problem("to", "closes at or before it opens: " + hours
					+ "; a window that runs past midnight needs overnight: true");
		}
		else if (overnight && to.isAfter(from)) {
			window.problem("overnight", "overnight but closes after it opens on the same day: " + hours);
		}
	}

	private static Set<DayOfWeek> days(Fields window) {
		Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
		Optional<Entry> list = window.require("days");
		List<Entry> items = list.map(window::items).orElse(List.of());
		if (list.isPresent() && items.isEmpty() && list.get().isList()) {
			window.problem(list.get(), "no days");
		}
		for (Entry item : items) {
			window.text(item).ifPresent((name) -> {
				DayOfWeek day = DAYS.get(name.toUpperCase(Locale.ROOT));
				if (day == null) {
					window.problem(item, "unknown day, expected MON, TUE, WED, THU, FRI, SAT or SUN: '" + name + "'");
				}
				else if (!days.add(day)) {
					window.problem(item, Window.name(day) + " listed twice");
				}
			});
		}
		return days;
	}

	private static Optional<LocalTime> time(Fields fields, Entry value) {
		return fields.text(value).flatMap((text) -> {
			Matcher matcher = TIME.matcher(text);
			if (!matcher.matches()) {
				fields.problem(value, "not a time like 08:00: '" + text + "'");
				return Optional.empty();
			}
			return Optional.of(LocalTime.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2))));
		});
	}

	private static Optional<String> name(Fields fields, Entry value, String noun) {
		return fields.text(value).flatMap((text) -> {
			if (!NAME.matcher(text).matches()) {
				fields.problem(value, "not a " + noun + " name of letters, digits, '-', '_' and '.': '" + text + "'");
				return Optional.empty();
			}
			return Optional.of(text);
		});
	}

	private static Map<String, DayOfWeek> days() {
		Map<String, DayOfWeek> days = new HashMap<>();
		for (DayOfWeek day : DayOfWeek.values()) {
			days.put(Window.name(day), day);
			days.put(day.name(), day);
		}
		return Map.copyOf(days);
	}

}
