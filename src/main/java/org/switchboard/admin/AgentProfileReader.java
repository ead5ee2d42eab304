package org.switchboard.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.switchboard.agent.Agent;
import org.switchboard.common.FieldProblem;
import org.switchboard.common.InvalidFieldsException;

/**
 * An agent's profile as an admin writes it in JSON: every field is checked before any is
 * used, and all that is wrong is thrown at once, field by field.
 */
final class AgentProfileReader {

	private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

	private static final Pattern ENDPOINT = Pattern.compile("[A-Za-z][A-Za-z0-9]*/[^\\s/]+");

	private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

	private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");

	private static final Set<String> FIELDS = Set.of("id", "name", "endpoint", "skills", "languages", "team", "version",
			"status");

	private AgentProfileReader() {
	}

	/** The agent in the body, every field checked before any is used. */
	static Agent read(String id, JsonNode body) {
		List<FieldProblem> problems = new ArrayList<>();
		if (body == null || !body.isObject()) {
			throw new InvalidFieldsException("Invalid agent", "", "expected an object of agent fields");
		}
		if (!ID.matcher(id).matches()) {
			problems.add(new FieldProblem("id", "not 1-64 letters, digits, '.', '-' or '_': '" + id + "'"));
		}
		if (body.hasNonNull("id") && !body.get("id").asText().equals(id)) {
			problems
				.add(new FieldProblem("id", "the body is agent " + body.get("id").asText() + "'s, not " + id + "'s"));
		}
		String name = text(body, "name", problems);
		String endpoint = text(body, "endpoint", problems);
		if (endpoint != null && !ENDPOINT.matcher(endpoint).matches()) {
			problems.add(new FieldProblem("endpoint", "not a dial string like PJSIP/1001: '" + endpoint + "'"));
		}
		String team = text(body, "team", problems);
		if (team != null && !NAME.matcher(team).matches()) {
			problems.add(new FieldProblem("team", "not 1-32 lower-case letters, digits, '-' or '_': '" + team + "'"));
		}
		Map<String, Integer> skills = skills(body, problems);
		Set<String> languages = languages(body, problems);
		body.fieldNames().forEachRemaining((field) -> {
			if (!FIELDS.contains(field)) {
				problems.add(new FieldProblem(field, "unknown field, expected one of " + new TreeSet<>(FIELDS)));
			}
		});
		if (!problems.isEmpty()) {
			throw new InvalidFieldsException("Invalid agent", problems, "nothing was changed");
		}
		return new Agent(id, name, endpoint, skills, languages, team);
	}

	/**
	 * The skills in the body, skill → level 1..5; a wrong one is a problem, not a skill.
	 */
	private static Map<String, Integer> skills(JsonNode body, List<FieldProblem> problems) {
		Map<String, Integer> skills = new LinkedHashMap<>();
		JsonNode skillNodes = body.path("skills");
		if (!skillNodes.isMissingNode() && !skillNodes.isNull() && !skillNodes.isObject()) {
			problems.add(new FieldProblem("skills", "expected an object of skill → level 1..5"));
		}
		skillNodes.properties().forEach((entry) -> {
			String field = "skills." + entry.getKey();
			if (!NAME.matcher(entry.getKey()).matches()) {
				problems.add(new FieldProblem(field,
						"not a skill name of 1-32 lower-case letters, digits, '-' or '_': '" + entry.getKey() + "'"));
			}
			else if (!entry.getValue().isIntegralNumber() || entry.getValue().asInt() < 1
					|| entry.getValue().asInt() > 5) {
				problems.add(new FieldProblem(field, "level not within 1..5: " + entry.getValue()));
			}
			else {
				skills.put(entry.getKey(), entry.getValue().asInt());
			}
		});
		return skills;
	}

	/** The languages in the body, ISO 639-1 codes. */
	private static Set<String> languages(JsonNode body, List<FieldProblem> problems) {
		Set<String> languages = new LinkedHashSet<>();
		JsonNode languageNodes = body.path("languages");
		if (!languageNodes.isMissingNode() && !languageNodes.isNull() && !languageNodes.isArray()) {
			problems.add(new FieldProblem("languages", "expected a list like [\"de\", \"en\"]"));
		}
		for (int i = 0; languageNodes.isArray() && i < languageNodes.size(); i++) {
			String language = languageNodes.get(i).asText();
			if (!LANGUAGE.matcher(language).matches()) {
				problems
					.add(new FieldProblem("languages[" + i + "]", "not an ISO 639-1 code like de: '" + language + "'"));
			}
			languages.add(language);
		}
		return languages;
	}

	private static String text(JsonNode body, String field, List<FieldProblem> problems) {
		JsonNode node = body.get(field);
		if (node == null || node.isNull() || !node.isValueNode() || node.asText().isBlank()) {
			problems.add(new FieldProblem(field, "required but missing"));
			return null;
		}
		return node.asText().strip();
	}

}
