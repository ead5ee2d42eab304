package org.switchboard.schedule;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.switchboard.common.DidYouMean;
import org.switchboard.common.Fields;
import org.switchboard.common.Fields.Entry;

/**
 * Reads skill levels, a window's or an overflow step's, refusing names no agent has when
 * the known skills are given; they are asked for once per document.
 */
final class SkillReader {

	private final Supplier<Set<String>> knownSkills;

	private Set<String> skillNames;

	SkillReader(Supplier<Set<String>> knownSkills) {
		this.knownSkills = knownSkills;
	}

	/** Skill names and levels 1..5, in the order written. */
	Map<String, Integer> read(Fields fields, Entry value) {
		Map<String, Integer> skills = new LinkedHashMap<>();
		Optional<Fields> map = fields.map(value, "skill");
		if (map.isEmpty()) {
			return skills;
		}
		if (map.get().isEmpty()) {
			fields.problem(value, "no skills");
		}
		for (Entry entry : map.get().entries()) {
			if (!WindowReader.NAME.matcher(entry.key()).matches()) {
				fields.problem(entry, "not a skill name of letters, digits, '-', '_' and '.': '" + entry.key() + "'");
			}
			else {
				unknownSkill(entry.key()).ifPresent((message) -> fields.problem(entry, message));
			}
			fields.number(entry, 1, 5).ifPresent((level) -> skills.put(entry.key(), level));
		}
		return skills;
	}

	/** Whether the skill may be required; asks for the known skills once. */
	private Optional<String> unknownSkill(String skill) {
		if (this.knownSkills == null) {
			return Optional.empty();
		}
		if (this.skillNames == null) {
			this.skillNames = new TreeSet<>(this.knownSkills.get());
		}
		if (this.skillNames.contains(skill)) {
			return Optional.empty();
		}
		return Optional
			.of("unknown skill: no agent has it and it is not in switchboard.schedule.skills: '" + skill + "'"
					+ DidYouMean.nearest(skill, this.skillNames)
						.map((known) -> ", did you mean '" + known + "'?")
						.orElse(""));
	}

}
