package org.switchboard.admin;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may use the admin API and UI ({@code switchboard.admin.*}). No password is ever
 * kept here in clear but the built-in admin's, and that one comes from the environment.
 *
 * @param password the password of user {@code admin}; blank: one is generated at the
 * site's first start, logged once, and only its bcrypt hash is kept (in Redis)
 * @param users further users by name
 */
@Validated
@ConfigurationProperties("switchboard.admin")
record AdminSettings(String password, @DefaultValue @Valid Map<String, User> users) {

	/** The built-in user that always has role ADMIN. */
	static final String ADMIN = "admin";

	/**
	 * One user.
	 *
	 * @param passwordHash a bcrypt hash, e.g. from {@code htpasswd -bnBC 10 "" secret}
	 * @param roles one or more of ADMIN, SUPERVISOR, AGENT
	 * @param agent the agent id an AGENT user is; their own state is all they may change
	 */
	record User(@NotBlank @Pattern(regexp = "\\$2[aby]?\\$\\d\\d\\$.{53}",
			message = "is not a bcrypt hash") String passwordHash, @NotEmpty List<Role> roles, String agent) {

	}

}
