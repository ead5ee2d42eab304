package org.switchboard.admin;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import org.switchboard.SwitchboardTest;
import org.switchboard.TestUsers;
import org.switchboard.agent.Agent;
import org.switchboard.agent.Agents;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may do what: 401 without a login, 403 without the role, per role. */
@SwitchboardTest
class SecurityTest {

	private static final List<String> READS = List.of("/api/schedules", "/api/schedules/DE",
			"/api/schedules/DE/history", "/api/agents", "/api/skills", "/api/live", "/api/flows", "/api/announcements",
			"/api/calls", "/api/kpis", "/v3/api-docs");

	@Autowired
	TestRestTemplate http;

	@Autowired
	Agents agents;

	@LocalServerPort
	int port;

	@BeforeEach
	void agentsExist() {
		this.agents.save(new Agent(TestUsers.AGENT_ID, "Alex", "PJSIP/" + TestUsers.AGENT_ID, Map.of(), Set.of("en"),
				"security"));
		this.agents.reachable(TestUsers.AGENT_ID, true);
		this.agents.save(new Agent("7002", "Kim", "PJSIP/7002", Map.of(), Set.of("en"), "security"));
	}

	@Test
	void withoutLoginEveryApiAnswers401AndAsksForBasic() {
		for (String path : READS) {
			ResponseEntity<String> response = this.http.getForEntity(path, String.class);
			assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
			assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).as(path).startsWith("Basic");
		}
		assertThat(this.http.postForEntity("/api/flows/reload", null, String.class).getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void wrongPasswordAnswers401() {
		assertThat(this.http.withBasicAuth(TestUsers.ADMIN, "wrong")
			.getForEntity("/api/schedules", String.class)
			.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void healthAndPrometheusStayOpenForProbesAndScrapers() {
		assertThat(this.http.getForEntity("/actuator/health", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(this.http.getForEntity("/actuator/prometheus", String.class).getStatusCode())
			.isEqualTo(HttpStatus.OK);
	}

	@Test
	void theWebUiSendsAnonymousPeopleToTheLoginForm() throws Exception {
		HttpResponse<String> response = browser().send(request("/ui/").build(), BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/login");
	}

	@Test
	void supervisorReadsEverythingButChangesNoScheduleAndNoAgentProfile() {
		TestRestTemplate supervisor = TestUsers.supervisor(this.http);
		for (String path : List.of("/api/schedules", "/api/schedules/DE", "/api/agents", "/api/live", "/api/flows",
				"/v3/api-docs")) {
			assertThat(supervisor.getForEntity(path, String.class).getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
		}
		String germany = supervisor.getForObject("/api/schedules/DE", String.class);
		assertThat(put(supervisor, "/api/schedules/DE", germany).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(put(supervisor, "/api/agents/7002", "{\"name\":\"Kim\"}").getStatusCode())
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(supervisor.postForEntity("/api/flows/reload", null, String.class).getStatusCode())
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(supervisor.exchange("/api/announcements/DE", HttpMethod.DELETE, null, String.class).getStatusCode())
			.isEqualTo(HttpStatus.FORBIDDEN);
	}

	@Test
	void supervisorPausesAndLogsOutAnyAgent() {
		TestRestTemplate supervisor = TestUsers.supervisor(this.http);
		this.agents.login("7002");
		this.agents.ready("7002");

		ResponseEntity<String> paused = state(supervisor, "7002", "{\"action\":\"pause\",\"reason\":\"coaching\"}");

		assertThat(paused.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(paused.getBody()).contains("\"state\":\"NOT_READY\"").contains("\"reason\":\"coaching\"");
		assertThat(state(supervisor, "7002", "{\"action\":\"logout\"}").getBody()).contains("\"state\":\"LOGGED_OUT\"");
	}

	@Test
	void agentChangesTheirOwnStateOnlyAndReadsNothingElse() {
		TestRestTemplate agent = TestUsers.agent(this.http);
		this.agents.logout(TestUsers.AGENT_ID);

		assertThat(state(agent, TestUsers.AGENT_ID, "{\"action\":\"login\"}").getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(agent.getForEntity("/api/agents/" + TestUsers.AGENT_ID + "/state", String.class).getBody())
			.contains("NOT_READY");
		assertThat(state(agent, "7002", "{\"action\":\"login\"}").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		for (String path : List.of("/api/schedules", "/api/agents", "/api/live", "/api/agents/7002/state")) {
			assertThat(agent.getForEntity(path, String.class).getStatusCode()).as(path).isEqualTo(HttpStatus.FORBIDDEN);
		}
	}

	@Test
	void agentReadsTheirOwnProfileAndCallsAndKnowsWhichAgentTheyAre() {
		TestRestTemplate agent = TestUsers.agent(this.http);

		assertThat(agent.getForObject("/api/me", String.class)).contains("\"agent\":\"" + TestUsers.AGENT_ID + "\"");
		assertThat(agent.getForObject("/api/agents/" + TestUsers.AGENT_ID, String.class)).contains("\"name\":\"Alex\"");
		assertThat(agent.getForEntity("/api/agents/" + TestUsers.AGENT_ID + "/calls", String.class).getStatusCode())
			.isEqualTo(HttpStatus.OK);
		for (String path : List.of("/api/agents/7002", "/api/agents/7002/calls", "/api/calls", "/api/kpis")) {
			assertThat(agent.getForEntity(path, String.class).getStatusCode()).as(path).isEqualTo(HttpStatus.FORBIDDEN);
		}
		assertThat(TestUsers.supervisor(this.http).getForObject("/api/me", String.class)).contains("\"agent\":null");
	}

	@Test
	void loginPageNamesTheProductAndLabelsItsFields() throws Exception {
		String page = browser().send(request("/login").build(), BodyHandlers.ofString()).body();

		assertThat(page).contains("<title>Sign in · Switchboard</title>")
			.contains("<label for=\"username\">User name</label>")
			.contains("<label for=\"password\">Password</label>")
			.doesNotContain("placeholder");
	}

	@Test
	void agentWhoLogsInLandsOnTheUiAndAPageNotForTheirRoleLeadsBack() throws Exception {
		HttpClient browser = loggedIn(TestUsers.AGENT);

		HttpResponse<String> ui = browser.send(request("/ui/").build(), BodyHandlers.ofString());
		HttpResponse<String> swagger = browser.send(request("/swagger-ui.html").header("Accept", "text/html").build(),
				BodyHandlers.ofString());

		assertThat(ui.statusCode()).isEqualTo(200);
		assertThat(ui.body()).contains("<title>Switchboard</title>");
		assertThat(swagger.statusCode()).isEqualTo(403);
		assertThat(swagger.body()).contains("Not for your role")
			.contains("<a href=\"/ui/\" id=\"back\">Back to your page</a>")
			.doesNotContain("Whitelabel");
	}

	@Test
	void aBrowserSessionCannotWriteWithoutItsCsrfToken() throws Exception {
		HttpClient browser = browser();
		String page = browser.send(request("/login").build(), BodyHandlers.ofString()).body();
		String token = page.replaceAll("(?s).*name=\"_csrf\"[^>]*value=\"([^\"]+)\".*", "$1");
		String form = "username=" + TestUsers.ADMIN + "&password=" + TestUsers.PASSWORD + "&_csrf=" + token;
		HttpResponse<String> login = browser
			.send(request("/login").header("Content-Type", "application/x-www-form-urlencoded")
				.POST(BodyPublishers.ofString(form))
				.build(), BodyHandlers.ofString());
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(login.headers().firstValue("Location").orElseThrow()).doesNotContain("error");

		assertThat(browser.send(request("/api/flows").build(), BodyHandlers.ofString()).statusCode()).isEqualTo(200);
		assertThat(browser
			.send(request("/api/flows/reload").POST(BodyPublishers.noBody()).build(), BodyHandlers.ofString())
			.statusCode()).isEqualTo(403);

		String me = browser.send(request("/api/me").build(), BodyHandlers.ofString()).body();
		HttpResponse<String> reload = browser.send(request("/api/flows/reload")
			.header(me.replaceAll(".*\"csrfHeader\":\"([^\"]+)\".*", "$1"),
					me.replaceAll(".*\"csrfToken\":\"([^\"]+)\".*", "$1"))
			.POST(BodyPublishers.noBody())
			.build(), BodyHandlers.ofString());
		assertThat(reload.statusCode()).isEqualTo(200);
	}

	@Test
	void aRequestABrowserSaysComesFromAnotherSiteNeedsTheTokenEvenWithBasicCredentials() throws Exception {
		String basic = "Basic " + Base64.getEncoder()
			.encodeToString((TestUsers.ADMIN + ":" + TestUsers.PASSWORD).getBytes(StandardCharsets.UTF_8));

		HttpResponse<String> forged = browser().send(request("/api/flows/reload").header("Authorization", basic)
			.header("Sec-Fetch-Site", "cross-site")
			.POST(BodyPublishers.noBody())
			.build(), BodyHandlers.ofString());
		HttpResponse<String> fromAClient = browser().send(
				request("/api/flows/reload").header("Authorization", basic).POST(BodyPublishers.noBody()).build(),
				BodyHandlers.ofString());

		assertThat(forged.statusCode()).isEqualTo(403);
		assertThat(fromAClient.statusCode()).isEqualTo(200);
	}

	/** A browser-like client logged in through the form as this user. */
	private HttpClient loggedIn(String user) throws Exception {
		HttpClient browser = browser();
		String page = browser.send(request("/login").build(), BodyHandlers.ofString()).body();
		String token = page.replaceAll("(?s).*name=\"_csrf\"[^>]*value=\"([^\"]+)\".*", "$1");
		HttpResponse<String> login = browser.send(request("/login")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofString("username=" + user + "&password=" + TestUsers.PASSWORD + "&_csrf=" + token))
			.build(), BodyHandlers.ofString());
		assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith("/ui/");
		return browser;
	}

	/**
	 * A client that keeps cookies like a browser and shows redirects instead of following
	 * them.
	 */
	private static HttpClient browser() {
		return HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
	}

	private static ResponseEntity<String> put(TestRestTemplate http, String path, String json) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		headers.setIfMatch("\"1\"");
		return http.exchange(path, HttpMethod.PUT, new HttpEntity<>(json, headers), String.class);
	}

	private static ResponseEntity<String> state(TestRestTemplate http, String agentId, String json) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		return http.exchange("/api/agents/" + agentId + "/state", HttpMethod.POST, new HttpEntity<>(json, headers),
				String.class);
	}

}
