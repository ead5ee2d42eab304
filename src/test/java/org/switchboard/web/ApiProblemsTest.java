package org.switchboard.web;

import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import org.switchboard.SwitchboardTest;
import org.switchboard.TestUsers;
import org.switchboard.agent.Agent;
import org.switchboard.agent.Agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Every error of the API reads the same way, whoever answers it (Spring Security, Spring
 * MVC, a controller, the error page): {@code application/problem+json} with the status, a
 * title and a detail that says what went wrong, and no stack trace.
 */
@SwitchboardTest
class ApiProblemsTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final String AGENT = "8201";

	private static final String AGENT_BODY = "{\"name\":\"Noor\",\"endpoint\":\"PJSIP/8201\",\"team\":\"problems\"}";

	@Autowired
	TestRestTemplate http;

	@Autowired
	Agents agents;

	@BeforeEach
	void anAgentIsLoggedIn() {
		this.agents.delete(AGENT);
		this.agents.save(new Agent(AGENT, "Noor", "PJSIP/" + AGENT, Map.of(), Set.of("en"), "problems"));
		this.agents.login(AGENT);
	}

	/** A request that goes wrong, and the status it must get. */
	record Case(int status, Function<ApiProblemsTest, ResponseEntity<String>> request) {

	}

	static Stream<Arguments> everyErrorOfTheApi() {
		return Stream.of(
				error("401 without a login", 401, (test) -> test.http.getForEntity("/api/schedules", String.class)),
				error("401 with a wrong password", 401,
						(test) -> test.http.withBasicAuth(TestUsers.ADMIN, "wrong")
							.getForEntity("/api/agents", String.class)),
				error("403 for a supervisor publishing a schedule", 403,
						(test) -> test.send(TestUsers.supervisor(test.http), HttpMethod.PUT, "/api/schedules/PL",
								test.schedule(), json(), null)),
				error("403 for an agent reading the schedules", 403,
						(test) -> TestUsers.agent(test.http).getForEntity("/api/schedules", String.class)),
				error("404 for an unknown agent", 404,
						(test) -> test.admin().getForEntity("/api/agents/nobody", String.class)),
				error("404 for a country without a schedule", 404,
						(test) -> test.admin().getForEntity("/api/schedules/AQ", String.class)),
				error("404 for an unknown path", 404,
						(test) -> test.admin().getForEntity("/api/nothing", String.class)),
				error("404 for an unknown path written to", 404,
						(test) -> test.send(test.admin(), HttpMethod.POST, "/api/nothing", "{}", json(), null)),
				error("404 for an announcement that is not on", 404,
						(test) -> test.send(test.admin(), HttpMethod.DELETE, "/api/announcements/NZ", null, null,
								null)),
				error("405 for a method the path does not take", 405,
						(test) -> test.send(test.admin(), HttpMethod.DELETE, "/api/schedules/PL", null, null, null)),
				error("409 for a state change the agent's state refuses", 409,
						(test) -> test.send(test.admin(), HttpMethod.POST, "/api/agents/" + AGENT + "/state",
								"{\"action\":\"login\"}", json(), null)),
				error("412 for an agent edited on a stale version", 412,
						(test) -> test.send(test.admin(), HttpMethod.PUT, "/api/agents/" + AGENT, AGENT_BODY, json(),
								"\"999\"")),
				error("412 for a schedule edited on a stale version", 412,
						(test) -> test.send(test.admin(), HttpMethod.PUT, "/api/schedules/PL", test.schedule(), json(),
								"\"999\"")),
				error("415 for a body of the wrong type", 415,
						(test) -> test.send(test.admin(), HttpMethod.PUT, "/api/schedules/PL", test.schedule(),
								MediaType.TEXT_PLAIN, null)),
				error("400 for an invalid agent", 400,
						(test) -> test.send(test.admin(), HttpMethod.PUT, "/api/agents/" + AGENT,
								"{\"name\":\"Noor\",\"endpoint\":\"nowhere\",\"team\":\"problems\"}", json(), "\"1\"")),
				error("400 for a what-if whose instant is not one", 400,
						(test) -> test.send(test.admin(), HttpMethod.POST, "/api/routing/what-if",
								"{\"dialed\":\"8000\",\"at\":\"yesterday\"}", json(), null)),
				error("400 for a body that is not JSON", 400,
						(test) -> test.send(test.admin(), HttpMethod.POST, "/api/agents/" + AGENT + "/state",
								"{\"action\":", json(), null)),
				error("400 for a version in the path that is not a number", 400,
						(test) -> test.admin().getForEntity("/api/schedules/PL/history/latest", String.class)),
				error("400 for a path the firewall refuses", 400,
						(test) -> test.admin()
							.exchange(RequestEntity.get(URI.create(test.http.getRootUri() + "/api/schedules/%2500"))
								.build(), String.class)),
				error("422 for an invalid flow", 422,
						(test) -> test.send(test.admin(), HttpMethod.POST, "/api/flows/validate",
								"name: broken\nlines: [\"7777\"]\nstart: nowhere\nnodes: {}\n",
								MediaType.parseMediaType("application/yaml"), null)),
				error("428 for a schedule written with no version", 428,
						(test) -> test.send(test.admin(), HttpMethod.PUT, "/api/schedules/PL",
								test.scheduleWithoutVersion(), json(), null)),
				error("428 for an agent written with no version", 428, (test) -> test.send(test.admin(), HttpMethod.PUT,
						"/api/agents/" + AGENT, AGENT_BODY, json(), null)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("everyErrorOfTheApi")
	void everyErrorIsAProblemWithStatusTitleAndDetail(Case error) throws Exception {
		ResponseEntity<String> response = error.request().apply(this);

		assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(error.status());
		assertThat(response.getHeaders().getContentType()).isNotNull();
		assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.as("%s", response.getHeaders().getContentType())
			.isTrue();
		JsonNode problem = JSON.readTree(response.getBody());
		assertThat(problem.path("status").asInt()).isEqualTo(error.status());
		assertThat(problem.path("title").asText()).isNotBlank();
		assertThat(problem.path("detail").asText()).isNotBlank();
		assertThat(response.getBody()).doesNotContain("Exception", "org.springframework", "java.");
	}

	@Test
	void invalidFieldsAreNamedOneByOne() throws Exception {
		JsonNode agent = JSON.readTree(send(admin(), HttpMethod.PUT, "/api/agents/" + AGENT,
				"{\"name\":\"Noor\",\"endpoint\":\"nowhere\",\"team\":\"Problems!\"}", json(), "\"1\"")
			.getBody());
		JsonNode whatIf = JSON.readTree(send(admin(), HttpMethod.POST, "/api/routing/what-if",
				"{\"dialed\":\"8000\",\"at\":\"yesterday\"}", json(), null)
			.getBody());

		assertThat(agent.get("errors").findValuesAsText("field")).containsExactly("endpoint", "team");
		assertThat(whatIf.get("errors").findValuesAsText("field")).containsExactly("at");
		assertThat(whatIf.get("detail").asText()).startsWith("at: ").contains("yesterday");
	}

	@Test
	void aRefusedStateChangeSaysWhichStateRefusedIt() throws Exception {
		JsonNode problem = JSON.readTree(send(admin(), HttpMethod.POST, "/api/agents/" + AGENT + "/state",
				"{\"action\":\"login\"}", json(), null)
			.getBody());

		assertThat(problem.get("detail").asText()).isEqualTo("agent 8201 is NOT_READY: login is not possible now");
		assertThat(problem.at("/agentStatus/state").asText()).isEqualTo("NOT_READY");
	}

	@Test
	void aFailureOfTheServerNamesNoInternals() throws Exception {
		MockMvc mvc = MockMvcBuilders.standaloneSetup(new Failing()).setControllerAdvice(new ApiProblems()).build();

		var response = mvc.perform(get("/api/failing")).andReturn().getResponse();

		assertThat(response.getStatus()).isEqualTo(500);
		assertThat(response.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		JsonNode problem = JSON.readTree(response.getContentAsString());
		assertThat(problem.get("title").asText()).isEqualTo("Internal error");
		assertThat(problem.get("detail").asText()).startsWith("The server failed to answer; its log has the cause");
		assertThat(response.getContentAsString()).doesNotContain("secret", "IllegalStateException", "Failing");
	}

	/** A controller with a fault, standing in for any. */
	@RestController
	static class Failing {

		@GetMapping("/api/failing")
		String fail() {
			throw new IllegalStateException("secret internals of the server");
		}

	}

	private static Arguments error(String name, int status, Function<ApiProblemsTest, ResponseEntity<String>> request) {
		return Arguments.of(Named.of(name, new Case(status, request)));
	}

	private static MediaType json() {
		return MediaType.APPLICATION_JSON;
	}

	private TestRestTemplate admin() {
		return TestUsers.admin(this.http);
	}

	private String schedule() {
		return admin().getForObject("/api/schedules/PL", String.class);
	}

	private String scheduleWithoutVersion() {
		try {
			ObjectNode document = (ObjectNode) JSON.readTree(schedule());
			document.remove("version");
			return document.toString();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private ResponseEntity<String> send(TestRestTemplate client, HttpMethod method, String path, String body,
			MediaType type, String ifMatch) {
		HttpHeaders headers = new HttpHeaders();
		if (type != null) {
			headers.setContentType(type);
		}
		if (ifMatch != null) {
			headers.setIfMatch(ifMatch);
		}
		return client.exchange(path, method, new HttpEntity<>(body, headers), String.class);
	}

}
