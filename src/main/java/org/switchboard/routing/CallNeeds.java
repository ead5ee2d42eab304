package org.switchboard.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.switchboard.agent.Skills;

/**
 * What a call needs from an agent, and what orders it in the waiting line.
 *
 * @param callId the caller channel's Uniqueid
 * @param queue the line it waits in, for its position and the line's size
 * @param skills every skill the agent must have, at least at this level (1..5); a
 * language is a skill like any other
 * @param alternatives other sets of skills that also serve the call, tried after
 * {@code skills} in this order: what overflow steps add as the call waits
 * @param priority 0..9, higher is served first
 * @param arrivedAt when the call first arrived; it keeps this when its needs widen or it
 * is put back after a ring-no-answer
 * @param quota the country quota it counts against, if any
 */
public record CallNeeds(String callId, String queue, Map<String, Integer> skills,
		List<Map<String, Integer>> alternatives, int priority, Instant arrivedAt, Optional<CallQuota> quota) {

	/** The score room of one priority: arrival in ms since 1970 stays below it. */
	static final long PRIORITY_BAND = 10_000_000_000_000L;

	public CallNeeds {
		if (callId == null || callId.isBlank() || callId.chars().anyMatch(Character::isWhitespace)) {
			throw new IllegalArgumentException("call id is blank or holds spaces: '" + callId + "'");
		}
		Skills.requireName(queue, "queue of call " + callId);
		skills = Skills.levels((skills != null) ? skills : Map.of());
		alternatives = (alternatives != null) ? alternatives.stream().map(Skills::levels).toList() : List.of();
		quota = (quota != null) ? quota : Optional.empty();
		if (priority < 0 || priority > 9) {
			throw new IllegalArgumentException("priority of call " + callId + " outside 0..9: " + priority);
		}
		if (arrivedAt == null || arrivedAt.toEpochMilli() < 0 || arrivedAt.toEpochMilli() >= PRIORITY_BAND) {
			throw new IllegalArgumentException(
					"arrival of call " + callId + " not between 1970 and 2286: " + arrivedAt);
		}
	}

	/** Needs with no alternatives and no quota. */
	public CallNeeds(String callId, String queue, Map<String, Integer> skills, int priority, Instant arrivedAt) {
		this(callId, queue, skills, List.of(), priority, arrivedAt, Optional.empty());
	}

	/** The same call, served also by these alternatives. */
	CallNeeds withAlternatives(List<Map<String, Integer>> alternatives) {
		return new CallNeeds(this.callId, this.queue, this.skills, alternatives, this.priority, this.arrivedAt,
				this.quota);
	}

	/** The same call, counted against this quota. */
	CallNeeds withQuota(Optional<CallQuota> quota) {
		return new CallNeeds(this.callId, this.queue, this.skills, this.alternatives, this.priority, this.arrivedAt,
				quota);
	}

	/**
	 * The needs as one canonical text, e.g. {@code billing=2,de=3}, or {@code any}: calls
	 * that need the same wait in one group, and an agent is matched against groups, not
	 * calls.
	 */
	String group() {
		return group(this.skills);
	}

	/**
	 * Every group that serves the call, its own first, then the alternatives; no group
	 * twice.
	 */
	List<String> groups() {
		Set<String> groups = new LinkedHashSet<>();
		groups.add(group());
		this.alternatives.forEach((alternative) -> groups.add(group(alternative)));
		return new ArrayList<>(groups);
	}

	/** The groups as the Lua scripts take them, separated by {@code |}. */
	String groupList() {
		return String.join("|", groups());
	}

	/** The groups of a {@link #groupList()} text, the call's own first. */
	static List<Map<String, Integer>> groupsOf(String groupList) {
		return java.util.Arrays.stream(groupList.split("\\|")).map(CallNeeds::skillsOf).toList();
	}

	private static String group(Map<String, Integer> skills) {
		if (skills.isEmpty()) {
			return "any";
		}
		return new TreeMap<>(skills).entrySet()
			.stream()
			.map((skill) -> skill.getKey() + "=" + skill.getValue())
			.collect(Collectors.joining(","));
	}

	/** The needs a {@link #group()} text stands for. */
	static Map<String, Integer> skillsOf(String group) {
		Map<String, Integer> skills = new TreeMap<>();
		if (!group.equals("any")) {
			for (String need : group.split(",")) {
				String[] skill = need.split("=");
				skills.put(skill[0], Integer.valueOf(skill[1]));
			}
		}
		return skills;
	}

	/** The place in line, lowest first: higher priority, then earlier arrival. */
	long score() {
		return (9L - this.priority) * PRIORITY_BAND + this.arrivedAt.toEpochMilli();
	}

}
