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

	/** The user, their roles and the session's CSRF header and token. */
	record Me(String user, List<String> roles, String csrfHeader, String csrfToken) {

	}

	@GetMapping("/api/me")
	@Operation(operationId = "getMe", summary = "The user logged in, their roles, and the CSRF token of their session")
	Me me(Authentication who, HttpServletRequest request) {
		CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
		return new Me(who.getName(),
				who.getAuthorities()
					.stream()
					.map(GrantedAuthority::getAuthority)
					.map((role) -> role.replaceFirst("^ROLE_", ""))
					.toList(),
				(token != null) ? token.getHeaderName() : null, (token != null) ? token.getToken() : null);
	}

}
