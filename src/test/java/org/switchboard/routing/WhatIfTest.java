package org.switchboard.routing;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import org.switchboard.SwitchboardTest;
import org.switchboard.TestUsers;
import org.switchboard.fakeasterisk.AgiTranscript;
import org.switchboard.fakeasterisk.Caller;
import org.switchboard.fakeasterisk.FakeAsterisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The country schedules seeded at start, as the what-if endpoint and the IVR see them.
 */
@SwitchboardTest
class WhatIfTest {

	@Autowired
	TestRestTemplate http;

	@Autowired
	FakeAsterisk asterisk;

	@Value("${switchboard.agi.port}")
	int agiPort;

	@Test
	void berlinCallerOnChristmasEveAfternoonHearsClosedWithTheReasonAndTheNextOpening() {
		ResponseEntity<String> answer = whatIf(
				"""
						{"callerId": "+4930123456", "dialed": "8000", "at": "2026-12-24T16:30:00Z", "skills": {"billing": 2}}""");

		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(answer.getBody()).contains("\"country\":\"DE\"")
			.contains("\"open\":false")
			.contains("Christmas Eve")
			// Berlin's holidays close the 25th and 26th; the 27th is a Sunday
			.contains("\"nextOpen\":\"2026-12-28T08:00:00+01:00\",\"timeZone\":\"Europe/Berlin\"");
	}

	@Test
	void berlinCallerOnAMondayMorningIsOpenWithTheWindowThatServesThem() {
		ResponseEntity<String> answer = whatIf("""
				{"callerId": "+4930123456", "dialed": "8000", "at": "2026-11-23T09:00:00Z"}""");

		assertThat(answer.getBody()).contains("\"open\":true").contains("de-support");
	}

	@Test
	void anOpenLineNamesTheAgentAClaimWouldChooseWithoutReservingThem(@Autowired org.switchboard.agent.Agents agents) {
		agents.save(new org.switchboard.agent.Agent("8801", "Whatif", "PJSIP/8801",
				java.util.Map.of("whatif", 4, "german", 3, "support", 2), java.util.Set.of("de"), "de-support"));
		// the agent's phone registers, as Switchboard hears from Asterisk
		this.asterisk.phoneRegisters("8801", "sip:8801@127.0.0.1:5091");
		await().atMost(Duration.ofSeconds(10)).until(() -> agents.status("8801").orElseThrow().reachable());
		agents.login("8801");
		agents.ready("8801");

		ResponseEntity<String> answer = whatIf(
				"""
						{"callerId": "+4930123456", "dialed": "8000", "at": "2026-11-23T09:00:00Z", "skills": {"whatif": 3}}""");

		assertThat(answer.getBody()).contains("\"agent\":\"8801\"").contains("german").contains("whatif");
		assertThat(agents.status("8801").orElseThrow().state()).isEqualTo(org.switchboard.agent.AgentState.READY);
	}

	@Test
	void aQuestionWithoutAMomentIsAnsweredForNowByTheApplicationsClock() {
		// the tests' clock stands on Monday 2026-11-23 10:00 UTC: 05:00 in New York
		ResponseEntity<String> answer = whatIf("""
				{"callerId": "+12125550123", "dialed": "8000"}""");

		assertThat(answer.getBody()).contains("\"open\":false")
			.contains("\"nextOpen\":\"2026-11-23T08:00:00-05:00\",\"timeZone\":\"America/New_York\"");
	}

	@Test
	void withheldCallerIdFallsBackToTheCountryOfTheLineDialled() {
		ResponseEntity<String> answer = whatIf("""
				{"callerId": "anonymous", "dialed": "+33199001234", "at": "2026-11-23T09:00:00Z"}""");

		assertThat(answer.getBody()).contains("\"country\":\"FR\"");
	}

	@Test
	void aQuestionWithoutTheLineIsRefusedNamingTheField() {
		ResponseEntity<String> answer = whatIf("{\"callerId\": \"+4930123456\"}");

		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(answer.getBody()).contains("dialed");
	}

	@Test
	void callerFromACountryThatIsClosedNowTakesTheFlowsClosedBranch() {
		// the tests' clock stands on Monday 10:00 UTC: 05:00 in New York, before the US
		// opens
		AgiTranscript call = this.asterisk.call(this.agiPort, "ivr")
			.callerId("+12125550123")
			.dnid("8000")
			.caller(Caller.presses("1"))
			.start()
			.awaitEnd(Duration.ofSeconds(10));

		assertThat(call.variable("SB_COUNTRY")).isEqualTo("US");
		assertThat(call.prompts()).contains("custom/en/closed").doesNotContain("custom/en/main-menu");
	}

	@Test
	void callerRoutedWhileTheirCountryIsClosedHearsWhenItOpensAndLeavesAMessage(
			@Autowired org.switchboard.ivr.IvrSettings ivr, @Autowired org.switchboard.ivr.FlowRegistry flows,
			@Autowired WaitingLine line) throws Exception {
		java.nio.file.Files.writeString(ivr.flowsDir().resolve("closed-line.yml"), """
				name: closed-line
				lines: ["7900"]
				languages: [en]
				start: agent
				nodes:
				  agent: {type: route, skills: {closedtest: 1}, queue: closedtest}
				""");
		flows.reload();

		// Monday 10:00 UTC is 05:00 in New York: the US opens at 08:00 local, 13:00 UTC
		AgiTranscript call = this.asterisk.call(this.agiPort, "ivr")
			.callerId("+12125550123")
			.dnid("7900")
			.uniqueId("1795337900.1")
			.start()
			.awaitEnd(Duration.ofSeconds(10));

		assertThat(call.prompts()).contains("custom/en/closed-until");
		assertThat(call.commands())
			.contains("SAY DATETIME " + java.time.Instant.parse("2026-11-23T13:00:00Z").getEpochSecond()
					+ " \"\" \"AdB 'digits/at' IMp\" \"America/New_York\"");
		assertThat(call.variable("SB_NEXT")).isEqualTo("voicemail");
		assertThat(call.variable("SB_MAILBOX")).isEqualTo("4000");
		assertThat(line.position("1795337900.1")).isEmpty();
	}

	private ResponseEntity<String> whatIf(String json) {
		org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
		headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
		return TestUsers.admin(this.http)
			.postForEntity("/api/routing/what-if", new org.springframework.http.HttpEntity<>(json, headers),
					String.class);
	}

}
