package org.switchboard.agent;

import java.util.Set;
import java.util.TreeSet;

import org.springframework.stereotype.Component;

import org.switchboard.schedule.SkillsInUse;

/** Every skill or language a saved agent has, for the schedule's check of skill names. */
@Component
class AgentSkillsInUse implements SkillsInUse {

	private final Agents agents;

	AgentSkillsInUse(Agents agents) {
		this.agents = agents;
	}

	@Override
	public Set<String> skills() {
		Set<String> skills = new TreeSet<>();
		this.agents.all().forEach((agent) -> skills.addAll(agent.levels().keySet()));
		return skills;
	}

}
