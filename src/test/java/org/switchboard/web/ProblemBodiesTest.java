package org.switchboard.web;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import org.switchboard.SwitchboardTest;
import org.switchboard.TestUsers;
import org.switchboard.agent.Agent;
import org.switchboard.agent.Agents;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exact problem every kind of refusal of the API answers, status, content type, ETag
 * and body, as a client reads it: the bodies are kept in {@code problem-bodies.txt}, so a
 * change to how problems are built cannot change what a client sees unnoticed.
 */
@SwitchboardTest
class ProblemBodiesTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Autowired
	TestRestTemplate http;

	@Autowired
	Agents agents;

	@Test
	void everyRefusalAnswersTheProblemAClientKnows() throws Exception {
		this.agents.delete("8202");
		this.agents.save(new Agent("8202", "Noor", "PJSIP/8202", Map.of(), Set.of("en"), "problems"));
		this.agents.login("8202");
		TestRestTemplate admin = TestUsers.admin(this.http);
		ObjectNode schedule = (ObjectNode) JSON.readTree(admin.getForObject("/api/schedules/PL", String.class));
		ObjectNode badZone = schedule.deepCopy();
		badZone.put("timeZone", "Mars/Base");
		ObjectNode noVersion = schedule.deepCopy();
		noVersion.remove("version");
		String agent = "{\"name\":\"Noor\",\"endpoint\":\"PJSIP/8202\",\"team\":\"problems\"}";
		Map<String, ResponseEntity<String>> all = new LinkedHashMap<>();
		all.put("schedule-invalid", send(admin, HttpMethod.PUT, "/api/schedules/PL", badZone.toString(), null));
		all.put("schedule-stale", send(admin, HttpMethod.PUT, "/api/schedules/PL", schedule.toString(), "\"999\""));
		all.put("schedule-noversion", send(admin, HttpMethod.PUT, "/api/schedules/PL", noVersion.toString(), null));
		all.put("schedule-badifmatch", send(admin, HttpMethod.PUT, "/api/schedules/PL", schedule.toString(), "x"));
		all.put("schedule-missing", send(admin, HttpMethod.GET, "/api/schedules/AQ", null, null));
		all.put("week-badzone", send(admin, HttpMethod.GET, "/api/schedules/PL/week?zone=Mars/Base", null, null));
		all.put("agent-invalid", send(admin, HttpMethod.PUT, "/api/agents/8202",
				"{\"name\":\"Noor\",\"endpoint\":\"nowhere\",\"team\":\"Problems!\"}", "\"1\""));
		all.put("agent-stale", send(admin, HttpMethod.PUT, "/api/agents/8202", agent, "\"999\""));
		all.put("agent-missing", send(admin, HttpMethod.GET, "/api/agents/nobody", null, null));
		all.put("agent-state", send(admin, HttpMethod.POST, "/api/agents/8202/state", "{\"action\":\"login\"}", null));
		all.put("agent-action", send(admin, HttpMethod.POST, "/api/agents/8202/state", "{\"action\":\"fly\"}", null));
		all.put("announcement-missing", send(admin, HttpMethod.DELETE, "/api/announcements/AQ", null, null));
		all.put("announcement-badscope",
				send(admin, HttpMethod.PUT, "/api/announcements/XYZ1", "{\"sounds\":{\"en\":\"a\"}}", null));
		all.put("announcement-badscope-delete", send(admin, HttpMethod.DELETE, "/api/announcements/XYZ1", null, null));
		all.put("announcement-nosounds", send(admin, HttpMethod.PUT, "/api/announcements/DE", "{\"sounds\":{}}", null));
		all.put("whatif-nodial", send(admin, HttpMethod.POST, "/api/routing/what-if", "{}", null));
		all.put("calls-limit", send(admin, HttpMethod.GET, "/api/calls?limit=0", null, null));
		all.put("calls-window", send(admin, HttpMethod.GET,
				"/api/calls?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", null, null));
		all.put("kpis-groupby", send(admin, HttpMethod.GET, "/api/kpis?groupBy=moon", null, null));
		all.put("flow-invalid",
				sendYaml(admin, "/api/flows/validate", "name: broken\nlines: [\"7777\"]\nstart: nowhere\nnodes: {}\n"));
		all.put("testcall-invalid",
				send(admin, HttpMethod.POST, "/api/test-calls", "{\"line\":\"x\",\"at\":\"y\"}", null));
		all.put("testcall-missing",
				send(admin, HttpMethod.POST, "/api/test-calls/nope/keys", "{\"keys\":\"1\"}", null));
		all.put("testcall-keys", send(admin, HttpMethod.POST, "/api/test-calls/nope/keys", "{\"keys\":\"x\"}", null));
		all.put("unknown-path", send(admin, HttpMethod.GET, "/api/nothing", null, null));
		all.put("unauthorized", send(this.http, HttpMethod.GET, "/api/agents", null, null));
		all.put("forbidden", send(TestUsers.agent(this.http), HttpMethod.GET, "/api/schedules", null, null));
		StringBuilder out = new StringBuilder();
		all.forEach((name, response) -> out.append(name)
			.append(' ')
			.append(response.getStatusCode().value())
			.append(' ')
			.append(response.getHeaders().getContentType())
			.append(" etag=")
			.append(response.getHeaders().getETag())
			.append('\n')
			.append(response.getBody())
			.append("\n\n"));
		String expected = new String(getClass().getResourceAsStream("problem-bodies.txt").readAllBytes(),
				StandardCharsets.UTF_8)
			.replace("{plVersion}", schedule.get("version").asText());

		assertThat(out.toString()).isEqualTo(expected);
	}

	private ResponseEntity<String> send(TestRestTemplate client, HttpMethod method, String path, String body,
			String ifMatch) {
		HttpHeaders headers = new HttpHeaders();
		if (body != null) {
			headers.setContentType(MediaType.APPLICATION_JSON);
		}
		if (ifMatch != null) {
			headers.setIfMatch(ifMatch);
		}
		return client.exchange(path, method, new HttpEntity<>(body, headers), String.class);
	}

	private ResponseEntity<String> sendYaml(TestRestTemplate client, String path, String body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.parseMediaType("application/yaml"));
		return client.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
	}

}
