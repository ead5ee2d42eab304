package org.switchboard.schedule;

import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ScheduleSettings.class)
class ScheduleConfiguration {

	@Bean
	Holidays holidays() {
		return new JollydayHolidays();
	}

	/** The configured skills and every skill or language in use, e.g. a saved agent's. */
	static Supplier<Set<String>> knownSkills(ScheduleSettings settings, SkillsInUse inUse) {
		return () -> {
			Set<String> known = new TreeSet<>(settings.skills());
			known.addAll(inUse.skills());
			return known;
		};
	}

}
