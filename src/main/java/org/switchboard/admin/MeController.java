package org.switchboard.admin;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who is logged in, with the CSRF token the UI sends back on every write of its session.
 */
@RestController
@Tag(name = "me", description = "Who is logged in")
class MeController {

	private final AdminSettings settings;

	MeController(AdminSettings settings) {
		this.settings = settings;
	}

	/**
	 * The user, their roles, the agent they are (their {@code agent} setting; null for a
	 * user who is no agent) and the session's CSRF header and token.
	 */
	record Me(String user, List<String> roles, String agent, String csrfHeader, String csrfToken) {

	}

	@GetMapping("/api/me")
	@Operation(operationId = "getMe", summary = "The user logged in, their roles, and the CSRF token of their session")
	Me me(Authentication who, HttpServletRequest request) {
		CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
		List<String> roles = who.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.map((role) -> role.replaceFirst("^ROLE_", ""))
			.toList();
		AdminSettings.User user = this.settings.users().get(who.getName());
		String agent = (user != null && roles.contains(Role.AGENT.name())) ? user.agent() : null;
		return new Me(who.getName(), roles, agent, (token != null) ? token.getHeaderName() : null,
				(token != null) ? token.getToken() : null);
	}

}
