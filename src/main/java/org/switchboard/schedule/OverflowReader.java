package org.switchboard.schedule;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.switchboard.common.Document.Words;
import org.switchboard.common.FieldProblem;
import org.switchboard.common.Fields;
import org.switchboard.common.Fields.Entry;

/**
 * Reads the overflow steps, strictly ascending in their delay, each doing one thing: add
 * skills, lower levels, or send the call to another country.
 */
final class OverflowReader {

	private static final Pattern DURATION = Pattern.compile("(-?[0-9]{1,9})(s|m)");

	private static final Duration MAX_AFTER = Duration.ofDays(1);

	private static final int MAX_LOWER_LEVELS = 4;

	private final List<FieldProblem> problems;

	private final SkillReader skills;

	private Duration previous;

	private String previousPath;

	OverflowReader(List<FieldProblem> problems, SkillReader skills) {
		this.problems = problems;
		this.skills = skills;
	}

	/** The steps read without a problem; {@code country} is the schedule's own. */
	List<OverflowStep> read(List<Entry> items, Optional<String> country) {
		List<OverflowStep> steps = new ArrayList<>();
		for (Entry item : items) {
			Fields.of(item, "an object like {after: 60s, lowerLevelsBy: 1}", Words.OBJECT, this.problems::add)
				.ifPresent((step) -> {
					int before = this.problems.size();
					Optional<OverflowStep> read = step(item, step, country);
					if (this.problems.size() == before) {
						read.ifPresent(steps::add);
					}
				});
		}
		return steps;
	}

	private Optional<OverflowStep> step(Entry item, Fields step, Optional<String> country) {
		Optional<Duration> after = step.require("after").flatMap((value) -> after(step, value));
		if (after.isPresent() && this.previous != null && after.get().compareTo(this.previous) <= 0) {
			step.problem("after", format(after.get()) + " is not after the step before it (" + this.previousPath + ", "
					+ format(this.previous) + ")");
		}
		if (after.isPresent()) {
			this.previous = after.get();
			this.previousPath = item.field();
		}
		List<String> actions = List.of("addSkills", "lowerLevelsBy", "country").stream().filter(step::has).toList();
		Optional<OverflowStep> action = Optional.empty();
		if (actions.isEmpty()) {
			step.problem(item, "no action: set addSkills, lowerLevelsBy or country");
		}
		else if (actions.size() > 1) {
			step.problem(item, "more than one action: " + String.join(", ", actions) + "; one step does one thing");
		}
		else if (after.isPresent()) {
			action = action(step, actions.get(0), after.get(), country);
		}
		step.reportUnknownFields();
		return action;
	}

	private Optional<OverflowStep> action(Fields step, String action, Duration delay, Optional<String> country) {
		return switch (action) {
			case "addSkills" -> step.get("addSkills")
				.map((value) -> this.skills.read(step, value))
				.map((skills) -> new OverflowStep.AddSkills(delay, skills));
			case "lowerLevelsBy" -> step.get("lowerLevelsBy")
				.flatMap((value) -> step.number(value, 1, MAX_LOWER_LEVELS))
				.map((by) -> new OverflowStep.LowerLevels(delay, by));
			default -> step.get("country")
				.flatMap((value) -> otherCountry(step, value, country))
				.map((other) -> new OverflowStep.OtherCountry(delay, other));
		};
	}

	private static Optional<Duration> after(Fields step, Entry value) {
		return step.text(value).flatMap((text) -> {
			Matcher matcher = DURATION.matcher(text);
			if (!matcher.matches()) {
				step.problem(value, "not a duration like 60s or 2m: '" + text + "'");
				return Optional.empty();
			}
			long amount = Long.parseLong(matcher.group(1));
			Duration after = matcher.group(2).equals("s") ? Duration.ofSeconds(amount) : Duration.ofMinutes(amount);
			if (after.isNegative() || after.isZero()) {
				step.problem(value, "not after 0s: " + text);
				return Optional.empty();
			}
			if (after.compareTo(MAX_AFTER) > 0) {
				step.problem(value, "longer than a day: " + text);
				return Optional.empty();
			}
			return Optional.of(after);
		});
	}

	private static Optional<String> otherCountry(Fields step, Entry value, Optional<String> own) {
		return ScheduleDocument.country(step, value).flatMap((other) -> {
			if (own.isPresent() && own.get().equals(other)) {
				step.problem(value, "the schedule's own country: '" + other + "'");
				return Optional.empty();
			}
			return Optional.of(other);
		});
	}

	private static String format(Duration duration) {
		return duration.toSeconds() + "s";
	}

}
