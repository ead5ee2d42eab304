package org.switchboard.ivr;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import org.switchboard.call.CallEvent.IvrEnd;
import org.switchboard.call.CallEvent.IvrFinished;
import org.switchboard.PublishedEvents;
import org.switchboard.SwitchboardTest;
import org.switchboard.TestUsers;
import org.switchboard.fakeasterisk.AgiTranscript;
import org.switchboard.fakeasterisk.Caller;
import org.switchboard.fakeasterisk.FakeAgiCall;
import org.switchboard.fakeasterisk.FakeAsterisk;
import org.switchboard.ivr.simulate.SimulateCommand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The IVR over real FastAGI, through the fake Asterisk, with the shipped flows and the
 * test flows.
 */
@SwitchboardTest
class IvrEndToEndTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@Autowired
	FakeAsterisk asterisk;

	@Autowired
	PublishedEvents events;

	@Autowired
	FlowRegistry flows;

	@Autowired
	IvrSettings settings;

	@Autowired
	TestRestTemplate http;

	@Value("${switchboard.agi.port}")
	int agiPort;

	private String original;

	@BeforeEach
	void keepTheTestFlow() throws Exception {
		this.original = Files.readString(everyNodeFile());
		TestUsers.admin(this.http).delete("/api/announcements/global");
		TestUsers.admin(this.http).delete("/api/announcements/DE");
	}

	@AfterEach
	void restoreTheTestFlow() throws Exception {
		Files.writeString(everyNodeFile(), this.original);
		this.flows.reload();
	}

	@Test
	void germanCallerEscalatesACaseToTierTwoInGerman() {
		AgiTranscript call = call("+4930123456", "8000",
				Caller.presses("2").then(Caller.presses("3")).then(Caller.presses("1234567#")));

		assertThat(call.prompts()).containsExactly("custom/choose-language", "custom/de/main-menu",
				"custom/de/enter-case", "custom/de/pls-hold-while-try");
		// one digit more than the field takes, so an over-long entry is caught
		assertThat(call.commands()).contains("GET DATA \"custom/de/enter-case\" 8000 9");
		assertThat(call.variable("CHANNEL(language)")).isEqualTo("de");
		assertThat(call.variable("SB_NEXT")).isEqualTo("wait");
		assertThat(call.variable("SB_QUEUE")).isEqualTo("tier2");
		assertThat(call.variable("SB_SKILLS")).isEqualTo("support:4");
		assertThat(call.variable("SB_PRIORITY")).isEqualTo("5");
		assertThat(call.variable("SB_COUNTRY")).isEqualTo("DE");
		IvrFinished completed = completed(call);
		assertThat(completed.flow()).isEqualTo("support");
		assertThat(completed.attributes()).containsEntry("caseNumber", "1234567");
	}

	@Test
	void callerBargesIntoTheMenuAndTheRestOfThePromptIsNotPlayed() {
		AgiTranscript call = call("+4930123456", "7000", Caller.presses("1").then(Caller.presses("9")));

		// the key interrupts STREAM FILE (result = ASCII '9'): no WAIT FOR DIGIT was
		// needed
		assertThat(call.lines()).containsSubsequence(">> STREAM FILE \"t/en/menu\" \"0123456789*#\"",
				"<< 200 result=57 endpos=8000");
		assertThat(call.commands()).noneMatch((command) -> command.startsWith("WAIT FOR DIGIT"));
		assertThat(call.prompts()).containsExactly("t/en/choose", "t/en/menu", "t/en/bye");
		assertThat(call.variable("SB_NEXT")).isEqualTo("hangup");
	}

	@Test
	void silenceAfterTheMenuPromptIsWaitedForThenRepromptedThenFails() {
		AgiTranscript call = call("+4930123456", "7000",
				Caller.presses("1")
					.then(Caller.silence())
					.then(Caller.silence())
					.then(Caller.silence())
					.then(Caller.silence())
					.then(Caller.silence())
					.then(Caller.silence()));

		assertThat(call.commands()).filteredOn((command) -> command.startsWith("WAIT FOR DIGIT 3000")).hasSize(3);
		assertThat(call.prompts()).containsExactly("t/en/choose", "t/en/menu", "t/en/no-input", "t/en/menu",
				"t/en/no-input", "t/en/menu", "t/en/no-input");
		assertThat(call.variable("SB_QUEUE")).isEqualTo("general");
	}

	@Test
	void aWrongCardNumberAndSilenceAreAnsweredWithDifferentWords() {
		AgiTranscript call = call("+4930123456", "7000",
				Caller.presses("1")
					.then(Caller.presses("1"))
					.then(Caller.presses("4111111111111112#"))
					.then(Caller.silence())
					.then(Caller.presses("4111111111111111#")));

		assertThat(call.prompts()).containsExactly("t/en/choose", "t/en/menu", "t/en/card", "t/en/wrong-card",
				"t/en/card", "t/en/no-input", "t/en/card");
		assertThat(call.variable("SB_PRIORITY")).isEqualTo("9");
	}

	@Test
	void sensitiveCardNumberNeverLeavesSwitchboardUnmasked() {
		AgiTranscript call = call("+4930123456", "7000",
				Caller.presses("1").then(Caller.presses("1")).then(Caller.presses("4111111111111111#")));

		assertThat(call.variable("SB_PRIORITY")).isEqualTo("9");
		IvrFinished completed = completed(call);
		assertThat(completed.toString()).doesNotContain("4111111111111111");
		assertThat(call.variables().values()).noneMatch((value) -> value.contains("4111111111111111"));
	}

	@ParameterizedTest(name = "hang-up during command {0} leaves the IVR at {1}")
	@CsvSource({ "1, language", "2, menu", "3, menu", "4, card" })
	void hangUpAtEachNodeIsReportedWithTheNodeItHappenedAt(int blockingCommand, String node) {
		Caller caller = switch (blockingCommand) {
			case 1 -> Caller.hangsUp();
			case 2 -> Caller.presses("1").then(Caller.hangsUp());
			case 3 -> Caller.presses("1").then(Caller.silence()).then(Caller.hangsUp());
			default -> Caller.presses("1").then(Caller.presses("1")).then(Caller.hangsUp());
		};
		AgiTranscript call = call("+4930123456", "7000", caller);

		assertThat(call.hungUp()).isTrue();
		assertThat(call.closedByScript()).isTrue();
		IvrFinished finished = completed(call);
		assertThat(finished.end()).isEqualTo(IvrEnd.ABANDONED);
		assertThat(finished.nodes()).last().isEqualTo(node);
	}

	@Test
	void aCallInProgressFinishesOnItsFlowVersionWhileNewCallsGetTheReloadedOne() throws Exception {
		FakeAgiCall during = this.asterisk.call(this.agiPort, "ivr")
			.callerId("+4930123456")
			.dnid("7000")
			.uniqueId("1795335526.501")
			.caller(Caller.presses("1").then(Caller.waits()))
			.start();
		during.awaitCommand("STREAM FILE \"t/en/menu\"", TIMEOUT);

		Files.writeString(everyNodeFile(), this.original.replace("callback: {type: callback, queue: billing",
				"callback: {type: callback, queue: reloaded"));
		assertThat(this.flows.reload().clean()).isTrue();
		during.press("4");

		assertThat(during.awaitEnd(TIMEOUT).variable("SB_QUEUE")).isEqualTo("billing");
		AgiTranscript after = call("+4930123456", "7000", Caller.presses("1").then(Caller.presses("4")));
		assertThat(after.variable("SB_QUEUE")).isEqualTo("reloaded");
	}

	@Test
	void anEditedFlowFileIsPickedUpWithoutAnAdminCall() throws Exception {
		String before = version("every-node");

		Files.writeString(everyNodeFile(), this.original.replace("callback: {type: callback, queue: billing",
				"callback: {type: callback, queue: watched"));

		await().atMost(TIMEOUT).until(() -> !version("every-node").equals(before));
		AgiTranscript call = call("+4930123456", "7000", Caller.presses("1").then(Caller.presses("4")));
		assertThat(call.variable("SB_QUEUE")).isEqualTo("watched");
	}

	@Test
	void anInvalidEditNeverReplacesTheFlowInForce() throws Exception {
		Files.writeString(everyNodeFile(), this.original.replace("target: menu", "target: menuu"));

		ResponseEntity<String> reload = TestUsers.admin(this.http)
			.postForEntity("/api/flows/reload", null, String.class);

		assertThat(reload.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
		assertThat(reload.getBody()).contains("every-node.yml").contains("menuu");
		AgiTranscript call = call("+4930123456", "7000", Caller.presses("1").then(Caller.presses("9")));
		assertThat(call.variable("SB_NEXT")).isEqualTo("hangup");
	}

	@Test
	void aSecondFlowForALineIsRefusedAndTheFlowInForceKeepsIt() throws Exception {
		Path second = everyNodeFile().resolveSibling("also-7000.yml");
		Files.writeString(second, """
				name: also-7000
				lines: ["7000"]
				languages: [en]
				start: bye
				nodes:
				  bye: {type: hangup}
				""");
		try {
			ResponseEntity<String> reload = TestUsers.admin(this.http)
				.postForEntity("/api/flows/reload", null, String.class);

			assertThat(reload.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
			assertThat(reload.getBody()).contains("also-7000.yml: line 7000 is answered by every-node.yml already");
			AgiTranscript call = call("+4930123456", "7000", Caller.presses("1").then(Caller.presses("9")));
			assertThat(call.prompts()).startsWith("t/en/choose");
		}
		finally {
			Files.delete(second);
		}
	}

	@Test
	void validateEndpointNamesFileNodeAndFieldOfEachProblem() {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.parseMediaType("application/yaml"));
		ResponseEntity<String> response = TestUsers.admin(this.http)
			.postForEntity("/api/flows/validate?name=broken.yml",
					new HttpEntity<>(this.original.replace("target: menu", "target: menuu"), headers), String.class);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
		assertThat(response.getBody()).contains("broken.yml").contains("node 'back'").contains("target");
	}

	@Test
	void emergencyAnnouncementsReachTheirCountryFirstAndNobodyOnceSwitchedOff() {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		TestUsers.admin(this.http)
			.exchange("/api/announcements/DE", HttpMethod.PUT,
					new HttpEntity<>(
							"{\"sounds\": {\"en\": \"custom/en/outage\", \"de\": \"custom/de/outage\"}, \"on\": true}",
							headers),
					String.class);

		AgiTranscript german = call("+4930123456", "7000", Caller.presses("9"));
		AgiTranscript french = call("+33142685300", "7000", Caller.presses("9"));

		assertThat(german.prompts()).startsWith("custom/en/outage", "t/en/choose");
		assertThat(french.prompts()).doesNotContain("custom/en/outage");

		TestUsers.admin(this.http)
			.exchange("/api/announcements/DE", HttpMethod.PUT,
					new HttpEntity<>("{\"sounds\": {\"en\": \"custom/en/outage\"}, \"on\": false}", headers),
					String.class);
		assertThat(call("+4930123456", "7000", Caller.presses("9")).prompts()).doesNotContain("custom/en/outage");
	}

	@Test
	void announcementForAnUnknownCountryIsRefusedWithTheReason() {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		ResponseEntity<String> response = TestUsers.admin(this.http)
			.exchange("/api/announcements/XX", HttpMethod.PUT,
					new HttpEntity<>("{\"sounds\": {\"en\": \"custom/en/outage\"}}", headers), String.class);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.getBody()).contains("XX");
	}

	@Test
	void lineWithoutAFlowIsLeftToTheDialplanFallback() {
		AgiTranscript call = call("+4930123456", "5555", Caller.presses("1"));

		assertThat(call.commands()).doesNotContain("ANSWER");
		assertThat(call.variable("SB_NEXT")).isNull();
	}

	@Test
	void simulateCommandPrintsWhatTheCallerHearsAndTheDecision() {
		ByteArrayOutputStream printed = new ByteArrayOutputStream();

		int exit = SimulateCommand.run(new String[] { "--from", "+4930123456", "--to", "8000", "--digits", "1,2",
				"--port", String.valueOf(this.agiPort) }, new PrintStream(printed, true, StandardCharsets.UTF_8));

		String transcript = printed.toString(StandardCharsets.UTF_8);
		assertThat(exit).isZero();
		assertThat(transcript).contains("prompt custom/choose-language (every language)")
			.contains("caller presses 1")
			.contains("prompt main-menu (en): custom/en/main-menu")
			.contains("decision: ")
			.contains("SB_QUEUE=support");
	}

	private AgiTranscript call(String from, String to, Caller caller) {
		return this.asterisk.call(this.agiPort, "ivr")
			.callerId(from)
			.dnid(to)
			.extension(to)
			.uniqueId("1795335526." + System.nanoTime() % 100000)
			.caller(caller)
			.start()
			.awaitEnd(TIMEOUT);
	}

	private IvrFinished completed(AgiTranscript call) {
		String uniqueId = call.env()
			.stream()
			.filter((line) -> line.startsWith("agi_uniqueid: "))
			.findFirst()
			.orElseThrow()
			.substring("agi_uniqueid: ".length());
		return this.events.await(IvrFinished.class, (event) -> event.callId().equals(uniqueId), TIMEOUT);
	}

	private String version(String flow) {
		return this.flows.flows()
			.stream()
			.filter((summary) -> summary.name().equals(flow))
			.findFirst()
			.orElseThrow()
			.version();
	}

	private Path everyNodeFile() {
		return this.settings.flowsDir().resolve("every-node.yml");
	}

}
