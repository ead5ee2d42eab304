package org.switchboard.admin;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import org.switchboard.call.CallRequest;
import org.switchboard.ivr.CallRouter;
import org.switchboard.ivr.IvrOutcome;
import org.switchboard.call.CallEvent;
import org.switchboard.SwitchboardTest;
import org.switchboard.TestUsers;
import org.switchboard.agent.Agents;
import org.switchboard.routing.CallNeeds;
import org.switchboard.routing.WaitingLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Agents and skills over the API, and the live floor a supervisor watches. */
@SwitchboardTest
class AgentApiTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Autowired
	TestRestTemplate http;

	@Autowired
	Agents agents;

	@Autowired
	WaitingLine line;

	@Autowired
	Clock clock;

	@Autowired
	CallRouter router;

	TestRestTemplate admin;

	@BeforeEach
	void logIn() {
		this.admin = TestUsers.admin(this.http);
		this.agents.delete("8101");
	}

	@Test
	void adminCreatesEditsAndDeletesAnAgentNamingTheVersionEachTime() throws Exception {
		ResponseEntity<String> created = put("8101",
				"{\"name\":\"Lena\",\"endpoint\":\"PJSIP/8101\",\"skills\":{\"billing\":3},\"languages\":[\"de\"],\"team\":\"de-support\"}",
				null, "*");
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(created.getHeaders().getETag()).isEqualTo("\"1\"");

		ResponseEntity<String> edited = put("8101",
				"{\"name\":\"Lena M.\",\"endpoint\":\"PJSIP/8101\",\"skills\":{\"billing\":4},\"team\":\"de-support\"}",
				"\"1\"", null);
		assertThat(edited.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(edited.getHeaders().getETag()).isEqualTo("\"2\"");
		assertThat(this.agents.find("8101").orElseThrow().skills()).containsEntry("billing", 4);
		assertThat(this.admin.getForObject("/api/skills", String.class)).contains("billing");

		HttpHeaders stale = new HttpHeaders();
		stale.setIfMatch("\"1\"");
		assertThat(this.admin.exchange("/api/agents/8101", HttpMethod.DELETE, new HttpEntity<>(stale), String.class)
			.getStatusCode()).isEqualTo(HttpStatus.PRECONDITION_FAILED);
		HttpHeaders current = new HttpHeaders();
		current.setIfMatch("\"2\"");
		assertThat(this.admin.exchange("/api/agents/8101", HttpMethod.DELETE, new HttpEntity<>(current), String.class)
			.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(this.agents.find("8101")).isEmpty();
	}

	@Test
	void aSkillOrLanguageOnlyAnAgentHasIsOfferedToSchedulesWhileTheAgentExists() {
		assertThat(this.admin.getForObject("/api/skills", String.class)).doesNotContain("mortgages", "\"sw\"");

		put("8101",
				"{\"name\":\"Lena\",\"endpoint\":\"PJSIP/8101\",\"skills\":{\"mortgages\":2},\"languages\":[\"sw\"],\"team\":\"de-support\"}",
				null, "*");
		assertThat(this.admin.getForObject("/api/skills", String.class)).contains("mortgages", "\"sw\"", "billing");

		this.agents.delete("8101");
		assertThat(this.admin.getForObject("/api/skills", String.class)).doesNotContain("mortgages", "\"sw\"");
	}

	@Test
	void staleAgentEditGets412AndChangesNothing() {
		put("8101", "{\"name\":\"Lena\",\"endpoint\":\"PJSIP/8101\",\"team\":\"de-support\"}", null, "*");
		put("8101", "{\"name\":\"Lena 2\",\"endpoint\":\"PJSIP/8101\",\"team\":\"de-support\"}", "\"1\"", null);

		ResponseEntity<String> stale = put("8101", "{\"name\":\"Lena 3\",\"endpoint\":\"PJSIP/8101\",\"team\":\"x\"}",
				"\"1\"", null);

		assertThat(stale.getStatusCode()).isEqualTo(HttpStatus.PRECONDITION_FAILED);
		assertThat(this.agents.find("8101").orElseThrow().name()).isEqualTo("Lena 2");
	}

	@Test
	void anAgentThatExistsIsNotCreatedTwice() {
		put("8101", "{\"name\":\"Lena\",\"endpoint\":\"PJSIP/8101\",\"team\":\"de-support\"}", null, "*");

		assertThat(put("8101", "{\"name\":\"Other\",\"endpoint\":\"PJSIP/8101\",\"team\":\"x\"}", null, "*")
			.getStatusCode()).isEqualTo(HttpStatus.PRECONDITION_FAILED);
	}

	@Test
	void invalidAgentIsRefusedWholeNamingEveryField() throws Exception {
		ResponseEntity<String> response = put("8101",
				"{\"name\":\"\",\"endpoint\":\"8101\",\"skills\":{\"Billing\":2,\"support\":9},\"languages\":[\"deu\"],\"team\":\"DE support\",\"colour\":\"red\"}",
				null, "*");

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		JsonNode problem = JSON.readTree(response.getBody());
		assertThat(problem.get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("name", "endpoint",
				"team", "skills.Billing", "skills.support", "languages[0]", "colour");
		assertThat(this.agents.find("8101")).isEmpty();
	}

	@Test
	void eachProblemOfAMultiLineBodyNamesTheLineOfItsField() throws Exception {
		ResponseEntity<String> response = put("8101", """
				{
				  "name": "Lena",
				  "endpoint": "PJSIP/8101",
				  "skills": {"support": 9},
				  "team": "de-support"
				}
				""", null, "*");

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		JsonNode error = JSON.readTree(response.getBody()).get("errors").get(0);
		assertThat(error.get("field").asText()).isEqualTo("skills.support");
		assertThat(error.get("line").asInt()).isEqualTo(4);
		assertThat(error.get("message").asText()).isEqualTo("level not within 1..5: 9");
	}

	@Test
	void anEndpointOfAnotherAgentIsRefused() {
		put("8101", "{\"name\":\"Lena\",\"endpoint\":\"PJSIP/8101\",\"team\":\"de-support\"}", null, "*");
		this.agents.delete("8102");

		ResponseEntity<String> response = put("8102",
				"{\"name\":\"Max\",\"endpoint\":\"PJSIP/8101\",\"team\":\"de-support\"}", null, "*");

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.getBody()).contains("\"field\":\"endpoint\"").contains("already belongs to agent 8101");
	}

	@Test
	void writesWithoutAVersionAreRefusedWith428() {
		put("8101", "{\"name\":\"Lena\",\"endpoint\":\"PJSIP/8101\",\"team\":\"de-support\"}", null, "*");

		assertThat(put("8101", "{\"name\":\"Lena\",\"endpoint\":\"PJSIP/8101\",\"team\":\"de-support\"}", null, null)
			.getStatusCode()).isEqualTo(HttpStatus.PRECONDITION_REQUIRED);
	}

	@Test
	void liveFloorShowsWaitingCallersPerQueueAndCountryWithTheirWaitAndAgentsByState() throws Exception {
		put("8101", "{\"name\":\"Lena\",\"endpoint\":\"PJSIP/8101\",\"team\":\"de-support\"}", null, "*");
		this.agents.login("8101");
		// a German caller routed to a queue nobody serves: they wait, and routing keeps
		// their country with the call
		this.router.route(new CallRequest("ivr", "PJSIP/carrier-live-1", "live-1", "+4930123456", "", "8000", "8000",
				"", "de", List.of()), new IvrOutcome.Routed(Map.of("livewire", 1), "livequeue", 0));
		// as if they had been waiting for 42 s
		this.line.enqueue(
				new CallNeeds("live-1", "livequeue", Map.of("livewire", 1), 0, this.clock.instant().minusSeconds(42)));
		try {
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				JsonNode floor = JSON.readTree(TestUsers.supervisor(this.http).getForObject("/api/live", String.class));
				JsonNode mine = null;
				for (JsonNode waiting : floor.get("lines")) {
					if (waiting.get("queue").asText().equals("livequeue")) {
						mine = waiting;
					}
				}
				assertThat(mine).isNotNull();
				assertThat(mine.get("country").asText()).isEqualTo("DE");
				assertThat(mine.get("waiting").asInt()).isEqualTo(1);
				assertThat(mine.get("longestWaitSeconds").asLong()).isBetween(42L, 60L);
				assertThat(floor.at("/agentsByState/NOT_READY").findValuesAsText("id")).contains("8101");
			});
		}
		finally {
			this.line.remove("live-1");
		}
	}

	private ResponseEntity<String> put(String id, String json, String ifMatch, String ifNoneMatch) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		if (ifMatch != null) {
			headers.setIfMatch(ifMatch);
		}
		if (ifNoneMatch != null) {
			headers.setIfNoneMatch(ifNoneMatch);
		}
		return this.admin.exchange("/api/agents/" + id, HttpMethod.PUT, new HttpEntity<>(json, headers), String.class);
	}

}
