package org.switchboard.schedule;

import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.switchboard.agent.Agent;
import org.switchboard.agent.Agents;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ScheduleSettings.class)
class ScheduleConfiguration {

	@Bean
	Holidays holidays() {
		return new JollydayHolidays();
	}

	/** The configured skills and every skill or language a saved agent has. */
	static Supplier<Set<String>> knownSkills(ScheduleSettings settings, Agents agents) {
		return () -> {
			Set<String> known = new TreeSet<>(settings.skills());
			agents.all().stream().map(Agent::levels).forEach((levels) -> known.addAll(levels.keySet()));
			return known;
		};
	}

}
