package org.switchboard.e2e;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.switchboard.e2e.Scenarios.Answering;
import org.switchboard.e2e.Scenarios.Key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.e2e.E2e.awaitThat;

/**
 * Agents' softphones against a real Asterisk: registration decides who can be rung, and
 * the feature codes change the agent's state, also from a second line during a call.
 */
class AgentPhonesIT extends CallsWithGermanyOpen {

	@Test
	void featureCodesLogInMakeReadyPauseAndLogOutAndLeaveNoCallRecord() throws Exception {
		this.e2e.agent("e2e-codes", "1003", "{\"german\":2,\"support\":2}");
		this.e2e.phone("1003", Answering.after(Duration.ofMillis(500), Duration.ofSeconds(2)));
		int mark = this.e2e.mark();

		assertThat(featureCode("1003", "*52")).isEqualTo("LOGGED_OUT");
		assertThat(featureCode("1003", "*53")).isEqualTo("NOT_READY");
		assertThat(featureCode("1003", "*50")).isEqualTo("READY");
		assertThat(featureCode("1003", "*51")).isEqualTo("NOT_READY");
		assertThat(this.e2e.state("e2e-codes").path("reason").asText()).isEqualTo("paused from phone");
		assertThat(this.e2e.logSince(mark)).contains("Playing 'agent-loginok", "Playing 'activated",
				"Playing 'de-activated", "Playing 'agent-loggedoff");

		Thread.sleep(3000);
		assertThat(this.e2e.records(this.started)).as("feature-code calls are no customer calls").isEmpty();
	}

	@Test
	void agentWhoDialsAFeatureCodeDuringACallGetsNoSecondCallUntilTheFirstEnds() throws Exception {
		this.e2e.agent("e2e-busy-agent", "1001", "{\"german\":2,\"support\":2}");
		Sipp phone = this.e2e.phone("1001", Answering.after(Duration.ofMillis(500), Duration.ofSeconds(25)));
		this.e2e.ready("e2e-busy-agent");
		List<Key> support = List.of(Key.info(Duration.ofSeconds(2), '2'), Key.info(Duration.ofSeconds(3), '2'));
		Sipp first = this.e2e.call("8000", GERMAN_CALLER, support, null, Duration.ofSeconds(60));
		awaitThat("the agent is on the first call", Duration.ofSeconds(30),
				() -> this.e2e.state("e2e-busy-agent").path("state").asText().equals("ON_CALL"));

		Sipp code = this.e2e.dial("1001", "*50");
		assertThat(code.await(Duration.ofSeconds(20))).as(code.diagnosis()).isTrue();
		Sipp second = this.e2e.call("8000", "+4930654321", support, null, Duration.ofSeconds(90));
		// longer than wrap-up (2 s) and the reaper (1 s): a wrongly ended call would be
		// followed by a second ring by now
		Thread.sleep(12_000);

		assertThat(first.running()).as("the first caller is still talking").isTrue();
		assertThat(phone.receivedRequests("INVITE")).as("calls rung on the agent's phone").isEqualTo(1);
		assertThat(this.e2e.state("e2e-busy-agent").path("state").asText()).isEqualTo("ON_CALL");
		assertThat(first.await(Duration.ofSeconds(40))).as(first.diagnosis()).isTrue();
		assertThat(second.await(Duration.ofSeconds(60))).as(second.diagnosis()).isTrue();
		assertThat(phone.receivedRequests("INVITE")).isEqualTo(2);
		awaitThat("two records", Duration.ofSeconds(20), () -> this.e2e.records(this.started).size() >= 2);
		Thread.sleep(2000);
		List<JsonNode> records = this.e2e.records(this.started);
		assertThat(records).extracting((r) -> r.path("outcome").asText()).containsExactly("answered", "answered");
	}

	@Test
	void agentWhosePhoneHasNotRegisteredIsNotReachableAndGetsNoCall() throws Exception {
		this.e2e.agent("e2e-absent", "1004", "{\"german\":2,\"support\":2}");
		this.e2e.api().write("POST", "/api/agents/e2e-absent/state", "application/json", "{\"action\":\"ready\"}");

		assertThat(this.e2e.state("e2e-absent").path("reachable").asBoolean())
			.as("reachable before the phone registered")
			.isFalse();
		Sipp phone = this.e2e.phone("1004", Answering.after(Duration.ofMillis(500), Duration.ofSeconds(1)));
		awaitThat("reachable once the phone registered", Duration.ofSeconds(15),
				() -> this.e2e.state("e2e-absent").path("reachable").asBoolean());
		assertThat(phone.receivedRequests("INVITE")).isZero();
	}

	/** Dials a feature code from a second line and answers the agent's state after it. */
	private String featureCode(String endpoint, String code) throws InterruptedException {
		Sipp line = this.e2e.dial(endpoint, code);
		assertThat(line.await(Duration.ofSeconds(20))).as(line.diagnosis()).isTrue();
		return this.e2e.state("e2e-codes").path("state").asText();
	}

}
