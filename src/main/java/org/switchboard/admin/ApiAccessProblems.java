package org.switchboard.admin;

import java.io.IOException;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

import org.switchboard.web.Problems;

/**
 * The API's 401 and 403 as problems, like every other error of the API: Spring Security
 * answers them before any controller, so they are written here. A 401 still asks for HTTP
 * Basic; the web UI's pages keep their login redirect. The problems are built like every
 * other ({@link Problems}).
 */
class ApiAccessProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final ObjectMapper json;

	ApiAccessProblems(ObjectMapper json) {
		this.json = json;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"switchboard\"");
		String detail = (ex instanceof BadCredentialsException) ? "Wrong user name or password"
				: "Log in first: HTTP Basic, or the web UI's session";
		Problems.write(this.json, request, response,
				Problems.problem(HttpStatus.UNAUTHORIZED, "Not logged in", detail));
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
			throws IOException {
		Authentication who = SecurityContextHolder.getContext().getAuthentication();
		String detail;
		if (ex instanceof CsrfException) {
			detail = "The session's CSRF token is missing or wrong: reload the page (a request with HTTP Basic "
					+ "credentials needs none)";
		}
		else if (who == null) {
			detail = "Not allowed: " + request.getMethod() + " " + request.getRequestURI();
		}
		else {
			detail = who.getName() + " (roles "
					+ who.getAuthorities()
						.stream()
						.map(GrantedAuthority::getAuthority)
						.map((role) -> role.replaceFirst("^ROLE_", ""))
						.collect(Collectors.joining(", "))
					+ ") may not " + request.getMethod() + " " + request.getRequestURI();
		}
		Problems.write(this.json, request, response, Problems.problem(HttpStatus.FORBIDDEN, "Not allowed", detail));
	}

}
