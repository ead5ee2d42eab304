package org.switchboard.ivr;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
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

import org.switchboard.PublishedEvents;
import org.switchboard.SwitchboardTest;
import org.switchboard.TestUsers;
import org.switchboard.agent.Agents;
import org.switchboard.fakeasterisk.FakeAsterisk;
import org.switchboard.routing.WaitingLine;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Test calls over the REST API, as the "Try a call" page places them: the flow's prompts
 * by name and language, the keys, the decision with its trace, and nothing left behind.
 */
@SwitchboardTest
class TestCallApiTest {

	private static final String AGENT = "7702";

	private final ObjectMapper json = new ObjectMapper();

	@Autowired
	TestRestTemplate http;

	@Autowired
	FakeAsterisk asterisk;

	@Autowired
	Agents agents;

	@Autowired
	PublishedEvents events;

	@Autowired
	WaitingLine line;

	@Autowired
	MeterRegistry meters;

	@Autowired
	TestCalls testCalls;

	TestCallWitness witness;

	final List<String> placed = new ArrayList<>();

	@BeforeEach
	void anIdleGermanSupportAgent() {
		this.witness = new TestCallWitness(this.events, this.line, this.agents, this.meters);
		this.witness.readyGermanSupportAgent(this.asterisk, AGENT);
		this.events.clear();
	}

	@AfterEach
	void hangUpAndAgentLeaves() {
		this.placed.forEach((id) -> TestUsers.admin(this.http).delete("/api/test-calls/" + id));
		this.agents.delete(AGENT);
	}

	@Test
	void callOnTheSupportLineShowsEachPromptWithItsLanguageAndEndsWithTheAgentItWouldGetLeftUntouched()
			throws Exception {
		double counted = this.witness.counted();

		ResponseEntity<String> response = place("""
				{"line": "8000", "callerId": "+4930123456"}""");

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		JsonNode call = this.json.readTree(response.getBody());
		String id = call.get("id").asText();
		assertThat(response.getHeaders().getLocation()).hasToString("/api/test-calls/" + id);
		assertThat(call.get("state").asText()).isEqualTo("LISTENING");
		assertThat(call.get("line").asText()).isEqualTo("8000");
		JsonNode first = call.get("events").get(0);
		assertThat(first.get("kind").asText()).isEqualTo("prompt");
		assertThat(first.get("name").asText()).isEqualTo("custom/choose-language");
		assertThat(first.get("language").asText()).isEqualTo("*");
		assertThat(first.get("text").asText()).isEqualTo("prompt custom/choose-language (every language)");

		call = press(id, "2");

		assertThat(call.get("state").asText()).isEqualTo("LISTENING");
		JsonNode menu = last(call);
		assertThat(menu.get("name").asText()).isEqualTo("main-menu");
		assertThat(menu.get("language").asText()).isEqualTo("de");
		assertThat(menu.get("sound").asText()).isEqualTo("custom/de/main-menu");
		assertThat(call.get("events").get(1).get("text").asText()).isEqualTo("caller presses 2");

		call = press(id, "2");

		assertThat(call.get("state").asText()).isEqualTo("ENDED");
		JsonNode decision = last(call);
		assertThat(decision.get("kind").asText()).isEqualTo("decision");
		assertThat(decision.get("next").asText()).isEqualTo("connect");
		assertThat(decision.get("agent").asText()).isEqualTo(AGENT);
		assertThat(decision.get("text").asText())
			.isEqualTo("decision: connect: agent " + AGENT + " would take the call now (a test call reserves nobody)");
		assertThat(decision.get("variables").get("SB_QUEUE").asText()).isEqualTo("support");
		assertThat(decision.get("trace").toString()).contains("window").contains("agent " + AGENT);
		this.witness.assertUntouched(AGENT);
		this.witness.assertNoTraceOf("test-call." + id);
		assertThat(this.witness.counted()).isEqualTo(counted);
		assertThat(TestUsers.admin(this.http).getForObject("/api/test-calls/" + id, String.class))
			.isEqualTo(call.toString());
	}

	@Test
	void aMomentWithAZoneIsWhenTheCallPlaysChristmasEveEveningIsClosed() throws Exception {
		JsonNode call = this.json.readTree(place("""
				{"line": "8000", "callerId": "+4930123456", "at": "2026-12-24T17:30", "zone": "Europe/Berlin"}""")
			.getBody());
		assertThat(call.get("at").asText()).isEqualTo("2026-12-24T17:30:00+01:00");
		assertThat(call.get("zone").asText()).isEqualTo("Europe/Berlin");

		call = press(call.get("id").asText(), "2");

		assertThat(call.get("events").toString()).contains("\"name\":\"closed-message\",\"language\":\"de\"");
		assertThat(last(call).get("name").asText()).isEqualTo("closed-menu");

		call = press(call.get("id").asText(), "1");

		assertThat(last(call).get("text").asText()).isEqualTo("decision: voicemail: a message in mailbox 1000");
		assertThat(call.get("state").asText()).isEqualTo("ENDED");
	}

	@Test
	void aCaseNumberIsTypedKeyByKeyAndTakenWithTheHashKey() throws Exception {
		String id = this.json.readTree(place("""
				{"line": "8000", "callerId": "+4930123456", "at": "2026-11-23T10:00:00Z"}""").getBody())
			.get("id")
			.asText();
		press(id, "1");
		press(id, "3");

		for (String key : List.of("1", "2", "3", "4", "5")) {
			assertThat(last(press(id, key)).get("name").asText()).isEqualTo("enter-case");
		}
		JsonNode call = press(id, "6#");

		assertThat(call.get("events").toString()).contains("\"text\":\"caller types 123456\"")
			.contains("\"name\":\"please-hold\",\"language\":\"en\"");
		JsonNode decision = last(call);
		assertThat(decision.get("variables").get("SB_QUEUE").asText()).isEqualTo("tier2");
		assertThat(decision.get("variables").get("SB_PRIORITY").asText()).isEqualTo("5");
		assertThat(decision.get("agent").asText()).isEqualTo(AGENT);
		this.witness.assertUntouched(AGENT);
	}

	@Test
	void aCallbackAsksForTheNumberAndBooksNone() throws Exception {
		String id = this.json
			.readTree(place("""
					{"line": "8000", "callerId": "+4930123456", "at": "2026-12-24T17:30", "zone": "Europe/Berlin"}""")
				.getBody())
			.get("id")
			.asText();
		press(id, "2");

		JsonNode call = press(id, "2");

		assertThat(call.get("events").toString()).contains("\"name\":\"custom/de/callback-your-number\"")
			.contains("\"text\":\"runs SayDigits 4930123456\"");
		assertThat(last(call).get("name").asText()).isEqualTo("custom/de/callback-confirm");

		call = press(id, "1");

		assertThat(last(call).get("text").asText()).isEqualTo(
				"decision: callback to +4930123456 in queue support when an agent is free (a test call books none)");
		this.witness.assertNoTraceOf("test-call." + id);
	}

	@Test
	void silenceLetsTheListeningPromptTimeOutAndItAsksAgain() throws Exception {
		String id = this.json.readTree(place("""
				{"line": "8000", "callerId": "+4930123456", "at": "2026-11-23T10:00:00Z"}""").getBody())
			.get("id")
			.asText();

		ResponseEntity<String> silence = TestUsers.admin(this.http)
			.postForEntity("/api/test-calls/" + id + "/silence", null, String.class);

		JsonNode call = this.json.readTree(silence.getBody());
		JsonNode events = call.get("events");
		assertThat(events.get(1).get("text").asText()).isEqualTo("caller stays silent");
		assertThat(events.get(2).get("name").asText()).isEqualTo("custom/choose-language");
		assertThat(call.get("state").asText()).isEqualTo("LISTENING");
	}

	@Test
	void everyWrongFieldIsNamedInOneProblem() throws Exception {
		ResponseEntity<String> response = place("""
				{"line": "", "callerId": "abc", "at": "tomorrow", "zone": "Mars/Base"}""");

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
		JsonNode problem = this.json.readTree(response.getBody());
		assertThat(problem.get("detail").asText()).isEqualTo("4 problems; no call was placed");
		assertThat(problem.get("errors").toString()).contains("{\"field\":\"line\",\"message\":\"required")
			.contains("{\"field\":\"callerId\",\"message\":\"not a phone number: 'abc'")
			.contains("{\"field\":\"zone\",\"message\":\"not a time zone: 'Mars/Base'")
			.contains("{\"field\":\"at\",\"message\":\"not a date-time: 'tomorrow'");

		assertThat(place("""
				{"line": "9999", "callerId": "+4930123456"}""").getBody())
			.contains("{\"field\":\"line\",\"message\":\"no flow answers line 9999\"}");
		assertThat(place("""
				{"line": "8000", "at": "2026-12-24T17:30"}""").getBody())
			.contains("{\"field\":\"at\",\"message\":\"'2026-12-24T17:30' has no offset: give a zone");
	}

	@Test
	void keysAreDigitsStarAndHashOnlyAndACallThatEndedTakesNoMore() throws Exception {
		String id = this.json.readTree(place("""
				{"line": "8000", "callerId": "+4930123456"}""").getBody()).get("id").asText();

		ResponseEntity<String> letters = keys(id, "1a");

		assertThat(letters.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(letters.getHeaders().getContentType().toString()).startsWith("application/problem+json");
		assertThat(letters.getBody())
			.contains("{\"field\":\"keys\",\"message\":\"one to 32 of 0-9, * and #, not '1a'\"}");

		press(id, "1");
		assertThat(press(id, "4").get("state").asText()).isEqualTo("LISTENING");
		assertThat(press(id, "9").get("state").asText()).isEqualTo("ENDED");
		ResponseEntity<String> late = keys(id, "1");

		assertThat(late.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(late.getHeaders().getContentType().toString()).startsWith("application/problem+json");
		assertThat(late.getBody()).contains("test call " + id + " is over: it takes no more keys");
	}

	@Test
	void testCallsAreCappedAndOnesLeftAloneAreHungUpAndForgotten() throws Exception {
		ResponseEntity<String> response;
		while ((response = place("""
				{"line": "8000", "callerId": "+4930123456"}""")).getStatusCode() == HttpStatus.CREATED) {
			assertThat(this.placed).hasSizeLessThanOrEqualTo(20);
		}

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
		assertThat(this.json.readTree(response.getBody()).get("detail").asText())
			.startsWith("20 test calls are held already, the most allowed");

		this.testCalls.forgetIdle(Instant.now().plus(Duration.ofMinutes(6)));

		ResponseEntity<String> forgotten = TestUsers.admin(this.http)
			.getForEntity("/api/test-calls/" + this.placed.get(0), String.class);
		assertThat(forgotten.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(forgotten.getBody()).contains("forgotten after 5 min left alone");
		assertThat(place("""
				{"line": "8000", "callerId": "+4930123456"}""").getStatusCode()).isEqualTo(HttpStatus.CREATED);
	}

	@Test
	void aSupervisorMayTryACallWhichIsTheirsAloneAndAnAgentMayNot() throws Exception {
		ResponseEntity<String> placedBySue = TestUsers.supervisor(this.http)
			.postForEntity("/api/test-calls", request("""
					{"line": "8000", "callerId": "+4930123456"}"""), String.class);
		assertThat(placedBySue.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		String id = this.json.readTree(placedBySue.getBody()).get("id").asText();

		assertThat(TestUsers.admin(this.http).getForEntity("/api/test-calls/" + id, String.class).getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(TestUsers.agent(this.http).postForEntity("/api/test-calls", request("""
				{"line": "8000"}"""), String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(TestUsers.supervisor(this.http)
			.exchange("/api/test-calls/" + id, HttpMethod.DELETE, null, String.class)
			.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(TestUsers.supervisor(this.http).getForEntity("/api/test-calls/" + id, String.class).getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
	}

	private ResponseEntity<String> place(String body) throws Exception {
		ResponseEntity<String> response = TestUsers.admin(this.http)
			.postForEntity("/api/test-calls", request(body), String.class);
		if (response.getStatusCode() == HttpStatus.CREATED) {
			this.placed.add(this.json.readTree(response.getBody()).get("id").asText());
		}
		return response;
	}

	private JsonNode press(String id, String keys) throws Exception {
		ResponseEntity<String> response = keys(id, keys);
		assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
		return this.json.readTree(response.getBody());
	}

	private ResponseEntity<String> keys(String id, String keys) {
		return TestUsers.admin(this.http)
			.postForEntity("/api/test-calls/" + id + "/keys", request("{\"keys\": \"" + keys + "\"}"), String.class);
	}

	private static HttpEntity<String> request(String body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		return new HttpEntity<>(body, headers);
	}

	private static JsonNode last(JsonNode call) {
		JsonNode events = call.get("events");
		return events.get(events.size() - 1);
	}

}
