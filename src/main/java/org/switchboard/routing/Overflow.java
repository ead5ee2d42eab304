package org.switchboard.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

import org.switchboard.agent.Skills;
import org.switchboard.schedule.OverflowStep;
import org.switchboard.schedule.ScheduleDecision;

/**
 * How a waiting call's needs widen with its wait, from its country's overflow steps. The
 * steps add up, and each adds alternatives after what the call had, so an agent with the
 * call's own skills is still tried first:
 * <ul>
 * <li>{@code addSkills}: agents with the IVR's skills and these instead of the window's;
 * <li>{@code lowerLevelsBy}: every set so far, each level lower by that much (never below
 * 1);
 * <li>{@code country} (follow the sun): the IVR's skills and the skills of that country's
 * open window, only while that country is open; a closed one is looked at again a minute
 * later.
 * </ul>
 */
final class Overflow {

	/**
	 * How soon a follow-the-sun step skipped because its country was closed is retried.
	 */
	static final Duration RECHECK = Duration.ofMinutes(1);

	private Overflow() {
	}

	/**
	 * What a call can take after waiting {@code waited}.
	 *
	 * @param alternatives the sets of skills that also serve the call, in order
	 * @param next how long after arrival the needs may widen again; empty when never
	 * @param trace what each step did
	 */
	record Widening(List<Map<String, Integer>> alternatives, Optional<Duration> next, List<String> trace) {

	}

	static Widening widen(List<OverflowStep> steps, Map<String, Integer> flowSkills, Map<String, Integer> skills,
			Duration waited, Function<String, Optional<ScheduleDecision.Open>> openWindowOf) {
		List<Map<String, Integer>> sets = new ArrayList<>(List.of(skills));
		List<String> trace = new ArrayList<>();
		Optional<Duration> next = Optional.empty();
		for (OverflowStep step : steps) {
			if (step.after().compareTo(waited) > 0) {
				next = earlier(next, step.after());
				continue;
			}
			switch (step) {
				case OverflowStep.AddSkills add -> {
					sets.add(RoutingPlanner.merged(flowSkills, add.skills()));
					trace.add("after " + add.after().toSeconds() + "s: also agents with " + sets.getLast());
				}
				case OverflowStep.LowerLevels lower -> {
					List<Map<String, Integer>> lowered = sets.stream().map((set) -> lowered(set, lower.by())).toList();
					sets.addAll(lowered);
					trace.add("after " + lower.after().toSeconds() + "s: levels lower by " + lower.by());
				}
				case OverflowStep.OtherCountry other -> {
					Optional<ScheduleDecision.Open> open = openWindowOf.apply(other.country());
					if (open.isPresent()) {
						sets.add(RoutingPlanner.merged(flowSkills, open.get().window().skills()));
						trace.add("after " + other.after().toSeconds() + "s: " + other.country() + "'s team "
								+ open.get().window().team() + " with " + sets.getLast());
					}
					else {
						trace.add("after " + other.after().toSeconds() + "s: " + other.country()
								+ " is closed, looked at again in " + RECHECK.toSeconds() + "s");
						next = earlier(next, waited.plus(RECHECK));
					}
				}
			}
		}
		return new Widening(
				sets.subList(1, sets.size()).stream().distinct().filter((set) -> !set.equals(skills)).toList(), next,
				trace);
	}

	private static Optional<Duration> earlier(Optional<Duration> next, Duration candidate) {
		return Optional.of(next.filter((at) -> at.compareTo(candidate) <= 0).orElse(candidate));
	}

	private static Map<String, Integer> lowered(Map<String, Integer> set, int by) {
		Map<String, Integer> lowered = new TreeMap<>();
		set.forEach((skill, level) -> lowered.put(skill, Math.max(Skills.MIN_LEVEL, level - by)));
		return lowered;
	}

}
