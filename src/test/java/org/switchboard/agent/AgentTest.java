package org.switchboard.agent;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AgentTest {

	@Test
	void languagesCountAsSkillsAtTheTopLevelUnlessGivenOne() {
		Agent agent = new Agent("1001", "Ada", "PJSIP/1001", Map.of("billing", 3, "fr", 2), Set.of("de", "fr"),
				"support");

		assertThat(agent.levels()).containsOnly(Map.entry("billing", 3), Map.entry("de", 5), Map.entry("fr", 2));
	}

	@Test
	void refusesWhatCannotBeRoutedNamingTheValue() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Agent("10 01", "Ada", "PJSIP/1001", Map.of(), Set.of(), "support"))
			.withMessage("agent id is not 1-64 letters, digits, '.', '-' or '_': '10 01'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Agent("1001", "Ada", "1001", Map.of(), Set.of(), "support"))
			.withMessage("endpoint of agent 1001 is not a dial string like PJSIP/1001: '1001'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Agent("1001", "Ada", "PJSIP/1001", Map.of("billing", 6), Set.of(), "support"))
			.withMessage("level of skill billing outside 1..5: 6");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Agent("1001", "Ada", "PJSIP/1001", Map.of("Billing:x", 2), Set.of(), "support"))
			.withMessageContaining("'Billing:x'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Agent("1001", "Ada", "PJSIP/1001", Map.of(), Set.of("deu"), "support"))
			.withMessage("language of agent 1001 is not an ISO 639-1 code like de: 'deu'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Agent("1001", " ", "PJSIP/1001", Map.of(), Set.of(), "support"))
			.withMessage("agent 1001 has a blank name");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Agent("1001", "Ada", "PJSIP/1001", Map.of(), Set.of(), ""))
			.withMessage("team of agent 1001 is not 1-32 lower-case letters, digits, '-' or '_': ''");
	}

	@Test
	void settingsBindOneTeamsOwnLimitAndDefaultTheRest() {
		AgentSettings settings = new Binder(new MapConfigurationPropertySource(
				Map.of("switchboard.agent.team-max-ring-misses.sales", "3", "switchboard.agent.reaper-interval", "2s")))
			.bind("switchboard.agent", AgentSettings.class)
			.get();

		assertThat(settings.maxRingMisses("sales")).isEqualTo(3);
		assertThat(settings.maxRingMisses("support")).isEqualTo(1);
		assertThat(settings.reaperInterval()).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void settingsRefuseALimitBelowOneNamingTheTeam() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new AgentSettings(1, Map.of("sales", 0), Duration.ofSeconds(5), Duration.ofSeconds(30)))
			.withMessage("switchboard.agent.team-max-ring-misses.sales < 1: 0");
		assertThat(new AgentSettings(1, Map.of("sales", 3), Duration.ofSeconds(5), Duration.ofSeconds(30))
			.maxRingMisses("sales")).isEqualTo(3);
	}

}
