package org.switchboard.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The changes of a country's overflow steps in words, a step matched by what it does. */
final class OverflowChanges {

	private OverflowChanges() {
	}

	/**
	 * Overflow steps matched by what they do (to which country, which skills), then those
	 * left by their delay.
	 */
	static void overflow(List<OverflowStep> before, List<OverflowStep> after, List<String> changes) {
		List<OverflowStep> removed = new ArrayList<>(before);
		List<OverflowStep> added = new ArrayList<>();
		List<String> moved = new ArrayList<>();
		for (OverflowStep step : after) {
			Optional<OverflowStep> same = removed.stream().filter((old) -> does(old).equals(does(step))).findFirst();
			if (same.isPresent()) {
				removed.remove(same.get());
				if (!same.get().after().equals(step.after())) {
					moved.add("Overflow " + does(step) + " after " + ScheduleChanges.seconds(same.get().after())
							+ " changed to " + ScheduleChanges.seconds(step.after()));
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
				replaced.add("Overflow after " + ScheduleChanges.seconds(step.after()) + ": " + does(instead.get())
						+ " → " + does(step));
			}
		}
		changes.addAll(moved);
		changes.addAll(replaced);
		removed.forEach((step) -> changes
			.add("Overflow " + does(step) + " after " + ScheduleChanges.seconds(step.after()) + " removed"));
		added.forEach((step) -> changes
			.add("Overflow " + does(step) + " after " + ScheduleChanges.seconds(step.after()) + " added"));
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

}
