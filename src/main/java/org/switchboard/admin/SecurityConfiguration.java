package org.switchboard.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may call what. API clients use HTTP Basic; people use the form login of the UI,
 * whose session is protected against cross-site requests by a CSRF token (requests with
 * an {@code Authorization} header carry no cookie a foreign site could borrow, so they
 * need none). {@code /api/**} is closed by default: reads need ADMIN or SUPERVISOR,
 * writes ADMIN, except an agent's profile, state, state changes and calls (SUPERVISOR, or
 * the AGENT who is that agent: the user whose {@code agent} setting names them) and the
 * read-only what-if, flow validation and test calls (they change nothing). The UI is open
 * to every user; it shows an AGENT their own page only. Only health and the Prometheus
 * page are open, for probes and scrapers; they hold no phone numbers. The API's 401 and
 * 403 are problems ({@link ApiAccessProblems}); the UI's pages send people to the login
 * form.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdminSettings.class)
class SecurityConfiguration {

	private static final String[] READERS = { Role.ADMIN.name(), Role.SUPERVISOR.name() };

	@Bean
	PasswordEncoder passwordEncoder() {
		return new BCryptPasswordEncoder();
	}

	@Bean
	UserDetailsService users(AdminSettings settings, RedisAdminPassword adminPassword) {
		List<UserDetails> users = new ArrayList<>();
		users.add(
				User.withUsername(AdminSettings.ADMIN).password(adminPassword.hash()).roles(Role.ADMIN.name()).build());
		settings.users().forEach((name, user) -> {
			if (name.equals(AdminSettings.ADMIN)) {
				throw new IllegalArgumentException("switchboard.admin.users.admin: the built-in admin takes its "
						+ "password from SWITCHBOARD_ADMIN_PASSWORD");
			}
			if (user.roles().contains(Role.AGENT) && (user.agent() == null || user.agent().isBlank())) {
				throw new IllegalArgumentException(
						"switchboard.admin.users." + name + ".agent: required for role AGENT but missing");
			}
			users.add(User.withUsername(name)
				.password(user.passwordHash())
				.roles(user.roles().stream().map(Role::name).toArray(String[]::new))
				.build());
		});
		return new InMemoryUserDetailsManager(users);
	}

	@Bean
	SecurityFilterChain security(HttpSecurity http, AdminSettings settings, ObjectMapper json) throws Exception {
		AuthorizationManager<RequestAuthorizationContext> ownAgentOrSupervisor = ownAgentOrSupervisor(settings);
		ApiAccessProblems apiProblems = new ApiAccessProblems(json);
		RequestMatcher api = path("/api/**");
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus")
			.permitAll()
			.requestMatchers("/login", "/error")
			.permitAll()
			.requestMatchers("/api/me")
			.authenticated()
			.requestMatchers(HttpMethod.GET, "/api/agents/{id}", "/api/agents/{id}/state", "/api/agents/{id}/calls")
			.access(ownAgentOrSupervisor)
			.requestMatchers(HttpMethod.POST, "/api/agents/{id}/state")
			.access(ownAgentOrSupervisor)
			.requestMatchers(HttpMethod.POST, "/api/routing/what-if", "/api/flows/validate")
			.hasAnyRole(READERS)
			.requestMatchers("/api/test-calls", "/api/test-calls/**")
			.hasAnyRole(READERS)
			.requestMatchers(HttpMethod.GET, "/api/**", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
			.hasAnyRole(READERS)
			.requestMatchers("/api/**")
			.hasRole(Role.ADMIN.name())
			.requestMatchers("/", "/ui", "/ui/**")
			.authenticated()
			.anyRequest()
			.hasRole(Role.ADMIN.name()))
			.httpBasic((basic) -> basic.realmName("switchboard")
				.authenticationEntryPoint((request, response, ex) -> (api.matches(request) ? apiProblems : basic())
					.commence(request, response, ex)))
			.formLogin((form) -> form.loginPage("/login").defaultSuccessUrl("/ui/", false))
			.logout((logout) -> logout.logoutSuccessUrl("/login?logout"))
			.csrf((csrf) -> csrf.ignoringRequestMatchers(SecurityConfiguration::cannotBeForged))
			.exceptionHandling((errors) -> errors.defaultAuthenticationEntryPointFor(apiProblems, api)
				.defaultAccessDeniedHandlerFor(apiProblems, api)
				// a single mapping would answer every page with a problem: pages get the
				// error page (static/error/403.html)
				.defaultAccessDeniedHandlerFor(new AccessDeniedHandlerImpl(), AnyRequestMatcher.INSTANCE)
				.defaultAuthenticationEntryPointFor(basic(), path("/v3/**"))
				.defaultAuthenticationEntryPointFor(basic(), path("/actuator/**"))
				.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), path("/**")));
		return http.build();
	}

	/**
	 * A request a foreign site cannot make in a logged-in person's name: it carries its
	 * own credentials, or no session at all (so it is judged by its role, 401 or 403,
	 * rather than refused for a missing token). A login always needs the token, and so
	 * does anything a browser says comes from another site, since a browser may replay
	 * Basic credentials it remembers.
	 */
	private static boolean cannotBeForged(HttpServletRequest request) {
		String site = request.getHeader("Sec-Fetch-Site");
		if ("cross-site".equals(site) || "same-site".equals(site)) {
			return false;
		}
		return request.getHeader("Authorization") != null
				|| (request.getRequestedSessionId() == null && !"/login".equals(request.getServletPath()));
	}

	private static RequestMatcher path(String pattern) {
		return PathPatternRequestMatcher.withDefaults().matcher(pattern);
	}

	private static BasicAuthenticationEntryPoint basic() {
		BasicAuthenticationEntryPoint entryPoint = new BasicAuthenticationEntryPoint();
		entryPoint.setRealmName("switchboard");
		return entryPoint;
	}

	/** SUPERVISOR or ADMIN for any agent; an AGENT user for the agent they are. */
	private static AuthorizationManager<RequestAuthorizationContext> ownAgentOrSupervisor(AdminSettings settings) {
		Map<String, AdminSettings.User> users = settings.users();
		return (Supplier<Authentication> authentication, RequestAuthorizationContext context) -> {
			Authentication who = authentication.get();
			if (who == null || !who.isAuthenticated()) {
				return new AuthorizationDecision(false);
			}
			List<String> roles = who.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
			if (roles.contains("ROLE_ADMIN") || roles.contains("ROLE_SUPERVISOR")) {
				return new AuthorizationDecision(true);
			}
			AdminSettings.User user = users.get(who.getName());
			return new AuthorizationDecision(
					roles.contains("ROLE_AGENT") && user != null && context.getVariables().get("id") != null
							&& context.getVariables().get("id").equals(user.agent()));
		};
	}

}
