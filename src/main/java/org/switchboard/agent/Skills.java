package org.switchboard.agent;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Skill names and levels as agents have them and calls require them. Names become parts
 * of Redis keys and of the waiting line's needs text, so they are kept to lower-case
 * letters, digits, '-' and '_'.
 */
public final class Skills {

	/** The lowest level of a skill. */
	public static final int MIN_LEVEL = 1;

	/** The highest level of a skill; a language an agent speaks counts at this level. */
	public static final int MAX_LEVEL = 5;

	private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

	private Skills() {
	}

	/**
	 * An immutable copy of these levels, refused when a name or a level is out of range.
	 */
	public static Map<String, Integer> levels(Map<String, Integer> levels) {
		Objects.requireNonNull(levels, "skills");
		levels.forEach((skill, level) -> {
			requireName(skill, "skill");
			if (level == null || level < MIN_LEVEL || level > MAX_LEVEL) {
				throw new IllegalArgumentException(
						"level of skill " + skill + " outside " + MIN_LEVEL + ".." + MAX_LEVEL + ": " + level);
			}
		});
		return Map.copyOf(levels);
	}

	/** The name itself, refused unless 1-32 lower-case letters, digits, '-' or '_'. */
	public static String requireName(String name, String what) {
		if (name == null || !NAME.matcher(name).matches()) {
			throw new IllegalArgumentException(
					what + " is not 1-32 lower-case letters, digits, '-' or '_': '" + name + "'");
		}
		return name;
	}

}
