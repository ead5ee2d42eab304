package org.switchboard.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.switchboard.agent.Agent;
import org.switchboard.common.Document;
import org.switchboard.common.Document.Kind;
import org.switchboard.common.Document.Scalar;
import org.switchboard.common.Document.Words;
import org.switchboard.common.FieldProblem;
import org.switchboard.common.Fields;
import org.switchboard.common.Fields.Entry;
import org.switchboard.common.InvalidFieldsException;

/**
 * An agent's profile as an admin writes it in JSON: every field is checked before any is
 * used, and all that is wrong is thrown at once, field by field with its line.
 */
final class AgentProfileReader {

	/** The profile read, and the version the body names, if any. */
	record Profile(Agent agent, OptionalLong version) {

	}

	private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

	private static final Pattern ENDPOINT = Pattern.compile("[A-Za-z][A-Za-z0-9]*/[^\\s/]+");

	private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

	private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");

	private static final Pattern WHOLE_NUMBER = Pattern.compile("-?[0-9]{1,18}");

	private static final Set<String> FIELDS = Set.of("id", "name", "endpoint", "skills", "languages", "team", "version",
			"status");

	private AgentProfileReader() {
	}

	/** The agent in the JSON body, every field checked before any is used. */
	static Profile read(String id, String json) {
		List<FieldProblem> problems = new ArrayList<>();
		Document document;
		try {
			document = Document.json(json, false);
		}
		catch (Document.Unreadable ex) {
			String where = (ex.line() > 0) ? " at line " + ex.line() : "";
			throw new InvalidFieldsException("Invalid agent",
					List.of(new FieldProblem("", ex.line(), "not valid JSON" + where + ": " + ex.getMessage())),
					"nothing was changed");
		}
		Fields body = (document == null) ? null
				: Fields.of(Entry.root(document), "an object of agent fields", Words.OBJECT, problems::add)
					.orElse(null);
		if (body == null) {
			throw new InvalidFieldsException("Invalid agent", "", "expected an object of agent fields");
		}
		if (!ID.matcher(id).matches()) {
			problems.add(new FieldProblem("id", "not 1-64 letters, digits, '.', '-' or '_': '" + id + "'"));
		}
		body.get("id")
			.filter((given) -> !text(given).equals(id))
			.ifPresent((given) -> body.problem(given, "the body is agent " + text(given) + "'s, not " + id + "'s"));
		String name = text(body, "name");
		String endpoint = text(body, "endpoint");
		if (endpoint != null && !ENDPOINT.matcher(endpoint).matches()) {
			body.problem("endpoint", "not a dial string like PJSIP/1001: '" + endpoint + "'");
		}
		String team = text(body, "team");
		if (team != null && !NAME.matcher(team).matches()) {
			body.problem("team", "not 1-32 lower-case letters, digits, '-' or '_': '" + team + "'");
		}
		Map<String, Integer> skills = skills(body);
		Set<String> languages = languages(body);
		OptionalLong version = body.get("version").map(AgentProfileReader::wholeNumber).orElse(OptionalLong.empty());
		for (Entry field : body.entries()) {
			if (!FIELDS.contains(field.key())) {
				body.problem(field, "unknown field, expected one of " + new TreeSet<>(FIELDS));
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidFieldsException("Invalid agent", problems, "nothing was changed");
		}
		return new Profile(new Agent(id, name, endpoint, skills, languages, team), version);
	}

	/**
	 * The skills in the body, skill → level 1..5; a wrong one is a problem, not a skill.
	 */
	private static Map<String, Integer> skills(Fields body) {
		Map<String, Integer> skills = new LinkedHashMap<>();
		Optional<Entry> field = body.get("skills");
		if (field.isPresent() && !(field.get().value() instanceof Document.Mapping)) {
			body.problem(field.get(), "expected an object of skill → level 1..5");
			return skills;
		}
		for (Entry skill : field.flatMap((entry) -> body.map(entry, "skill")).map(Fields::entries).orElse(List.of())) {
			OptionalLong level = wholeNumber(skill);
			if (!NAME.matcher(skill.key()).matches()) {
				body.problem(skill,
						"not a skill name of 1-32 lower-case letters, digits, '-' or '_': '" + skill.key() + "'");
			}
			else if (level.isEmpty() || level.getAsLong() < 1 || level.getAsLong() > 5) {
				body.problem(skill, "level not within 1..5: " + shown(skill.value()));
			}
			else {
				skills.put(skill.key(), (int) level.getAsLong());
			}
		}
		return skills;
	}

	/** The languages in the body, ISO 639-1 codes. */
	private static Set<String> languages(Fields body) {
		Set<String> languages = new LinkedHashSet<>();
		Optional<Entry> field = body.get("languages");
		if (field.isPresent() && !field.get().isList()) {
			body.problem(field.get(), "expected a list like [\"de\", \"en\"]");
			return languages;
		}
		for (Entry item : field.map(body::items).orElse(List.of())) {
			String language = text(item);
			if (!LANGUAGE.matcher(language).matches()) {
				body.problem(item, "not an ISO 639-1 code like de: '" + language + "'");
			}
			languages.add(language);
		}
		return languages;
	}

	private static String text(Fields body, String field) {
		Optional<String> text = body.get(field).filter(Entry::isScalar).map(AgentProfileReader::text);
		if (text.isEmpty() || text.get().isBlank()) {
			body.problem(field, "required but missing");
			return null;
		}
		return text.get().strip();
	}

	/** A single value's text, or nothing for a list or an object. */
	private static String text(Entry entry) {
		return (entry.value() instanceof Scalar scalar) ? scalar.text() : "";
	}

	/** A whole number written as a number. */
	private static OptionalLong wholeNumber(Entry entry) {
		return (entry.value() instanceof Scalar scalar && scalar.kind() == Kind.NUMBER
				&& WHOLE_NUMBER.matcher(scalar.text()).matches()) ? OptionalLong.of(Long.parseLong(scalar.text()))
						: OptionalLong.empty();
	}

	/** A value as JSON shows it: text quoted, a number or a flag as written. */
	private static String shown(Document value) {
		return switch (value) {
			case Scalar scalar when scalar.kind() == Kind.TEXT -> "\"" + scalar.text() + "\"";
			case Scalar scalar -> scalar.text();
			case Document.Mapping map -> "{…}";
			case Document.Sequence list -> "[…]";
		};
	}

}
