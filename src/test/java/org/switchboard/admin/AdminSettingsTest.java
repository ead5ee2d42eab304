package org.switchboard.admin;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Users in the settings: bcrypt hashes only, and a role each; start-up refuses others.
 */
class AdminSettingsTest {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(Settings.class);

	@Test
	void usersWithABcryptHashAndRolesAreRead() {
		this.context.withPropertyValues(
				"switchboard.admin.users.sue.password-hash=$2y$10$abcdefghijklmnopqrstuuV6qTqOEvbBtDT0wtoD1bJbH4Lq9aQ.u",
				"switchboard.admin.users.sue.roles=SUPERVISOR,AGENT", "switchboard.admin.users.sue.agent=1001")
			.run((started) -> {
				assertThat(started).hasNotFailed();
				AdminSettings settings = started.getBean(AdminSettings.class);
				assertThat(settings.users().get("sue").roles()).containsExactly(Role.SUPERVISOR, Role.AGENT);
				assertThat(settings.users().get("sue").agent()).isEqualTo("1001");
			});
	}

	@Test
	void aPasswordInClearIsRefusedAtStartNamingTheUser() {
		this.context
			.withPropertyValues("switchboard.admin.users.sue.password-hash=secret",
					"switchboard.admin.users.sue.roles=SUPERVISOR")
			.run((started) -> {
				assertThat(started).hasFailed();
				assertThat(started.getStartupFailure()).rootCause()
					.hasMessageContaining("users[sue].passwordHash")
					.hasMessageContaining("is not a bcrypt hash");
			});
	}

	@Test
	void aUserWithoutRolesOrAnUnknownRoleIsRefused() {
		this.context.withPropertyValues(
				"switchboard.admin.users.sue.password-hash=$2y$10$abcdefghijklmnopqrstuuV6qTqOEvbBtDT0wtoD1bJbH4Lq9aQ.u")
			.run((started) -> assertThat(started).hasFailed());
		this.context.withPropertyValues(
				"switchboard.admin.users.sue.password-hash=$2y$10$abcdefghijklmnopqrstuuV6qTqOEvbBtDT0wtoD1bJbH4Lq9aQ.u",
				"switchboard.admin.users.sue.roles=BOSS")
			.run((started) -> assertThat(started).hasFailed());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(AdminSettings.class)
	static class Settings {

	}

}
