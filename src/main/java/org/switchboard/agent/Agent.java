package org.switchboard.agent;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who an agent is and what they can take: their skills at levels 1..5 and the languages
 * they speak. A language counts as a skill of the same name (ISO 639-1, e.g. {@code de}),
 * so a call can require it like any other.
 *
 * @param id the agent's id, e.g. {@code 1001}
 * @param name how people know them
 * @param endpoint their phone as a dial string, e.g. {@code PJSIP/1001}
 * @param skills skill → level 1..5
 * @param languages ISO 639-1 codes
 * @param team the team whose rules apply to them
 */
public record Agent(String id, String name, String endpoint, Map<String, Integer> skills, Set<String> languages,
		String team) {

	private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

	private static final Pattern ENDPOINT = Pattern.compile("[A-Za-z][A-Za-z0-9]*/[^\\s/]+");

	private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");

	public Agent {
		if (id == null || !ID.matcher(id).matches()) {
			throw new IllegalArgumentException("agent id is not 1-64 letters, digits, '.', '-' or '_': '" + id + "'");
		}
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("agent " + id + " has a blank name");
		}
		if (endpoint == null || !ENDPOINT.matcher(endpoint).matches()) {
			throw new IllegalArgumentException(
					"endpoint of agent " + id + " is not a dial string like PJSIP/1001: '" + endpoint + "'");
		}
		skills = Skills.levels((skills != null) ? skills : Map.of());
		languages = Set.copyOf((languages != null) ? languages : Set.of());
		for (String language : languages) {
			if (!LANGUAGE.matcher(language).matches()) {
				throw new IllegalArgumentException(
						"language of agent " + id + " is not an ISO 639-1 code like de: '" + language + "'");
			}
		}
		Skills.requireName(team, "team of agent " + id);
	}

	/**
	 * What a call is matched against: the skills, and each language as a skill at the top
	 * level unless the skills give it a level of its own.
	 */
	public Map<String, Integer> levels() {
		Map<String, Integer> levels = new HashMap<>(this.skills);
		this.languages.forEach((language) -> levels.putIfAbsent(language, Skills.MAX_LEVEL));
		return Map.copyOf(levels);
	}

}
