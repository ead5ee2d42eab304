package org.switchboard.routing;

import java.time.Instant;
import java.util.Map;
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
 * @param priority 0..9, higher is served first
 * @param arrivedAt when the call first arrived; it keeps this when its needs widen or it
 * is put back after a ring-no-answer
 */
public record CallNeeds(String callId, String queue, Map<String, Integer> skills, int priority, Instant arrivedAt) {

	/** The score room of one priority: arrival in ms since 1970 stays below it. */
	static final long PRIORITY_BAND = 10_000_000_000_000L;

	public CallNeeds {
		if (callId == null || callId.isBlank() || callId.chars().anyMatch(Character::isWhitespace)) {
			throw new IllegalArgumentException("call id is blank or holds spaces: '" + callId + "'");
		}
		Skills.requireName(queue, "queue of call " + callId);
		skills = Skills.levels((skills != null) ? skills : Map.of());
		if (priority < 0 || priority > 9) {
			throw new IllegalArgumentException("priority of call " + callId + " outside 0..9: " + priority);
		}
		if (arrivedAt == null || arrivedAt.toEpochMilli() < 0 || arrivedAt.toEpochMilli() >= PRIORITY_BAND) {
			throw new IllegalArgumentException(
					"arrival of call " + callId + " not between 1970 and 2286: " + arrivedAt);
		}
	}

	/**
	 * The needs as one canonical text, e.g. {@code billing=2,de=3}, or {@code any}: calls
	 * that need the same wait in one group, and an agent is matched against groups, not
	 * calls.
	 */
	String group() {
		if (this.skills.isEmpty()) {
			return "any";
		}
		return new TreeMap<>(this.skills).entrySet()
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
