package org.switchboard.e2e;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.switchboard.e2e.Scenarios.Answering;
import org.switchboard.e2e.Scenarios.Key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.e2e.E2e.awaitThat;

/**
 * Callers reach agents through a real Asterisk running the project's dialplan: the IVR by
 * DTMF, the waiting line, ringing, hold and the survey, as the caller and the agent's
 * phone experience them and as the records tell them.
 */
class CallsToAgentsIT extends CallsWithGermanyOpen {

	@Test
	void callerWhoPressesBillingByInfoReachesTheBillingAgentNotTheSupportAgent() throws Exception {
		int mark = this.e2e.mark();
		this.e2e.agent("e2e-support", "1001", "{\"german\":2,\"support\":2}");
		this.e2e.agent("e2e-billing", "1002", "{\"german\":2,\"billing\":2,\"support\":1}");
		Sipp support = this.e2e.phone("1001", Answering.after(Duration.ofMillis(500), Duration.ofSeconds(2)));
		Sipp billing = this.e2e.phone("1002", Answering.after(Duration.ofMillis(500), Duration.ofSeconds(2)));
		this.e2e.ready("e2e-support");
		this.e2e.ready("e2e-billing");

		Sipp caller = this.e2e.call("8000", GERMAN_CALLER,
				List.of(Key.info(Duration.ofSeconds(2), '2'), Key.info(Duration.ofSeconds(3), '1')), null,
				Duration.ofSeconds(40));

		assertThat(caller.await(Duration.ofSeconds(60))).as(caller.diagnosis()).isTrue();
		assertThat(billing.receivedRequests("INVITE")).as("the billing agent's phone rang").isEqualTo(1);
		assertThat(support.receivedRequests("INVITE")).as("the support agent's phone rang").isZero();
		JsonNode record = onlyRecord();
		assertThat(record.path("outcome").asText()).isEqualTo("answered");
		assertThat(record.path("agentId").asText()).isEqualTo("e2e-billing");
		assertThat(record.path("queue").asText()).isEqualTo("billing");
		awaitThat("the billing agent ready again after 2 s of wrap-up", Duration.ofSeconds(8),
				() -> this.e2e.state("e2e-billing").path("state").asText().equals("READY"));
		assertThat(this.e2e.logSince(mark)).contains("Playing 'custom/de/main-menu");
		// Asterisk-Java tracks bridges from BridgeCreate, which the shipped filter lets
		// through
		assertThat(this.e2e.switchboardLog()).doesNotContain("Cant find bridge");
	}

	@Test
	void callerWhoPressesKeysAsRtpEventsReachesTechnicalSupport() throws Exception {
		this.e2e.agent("e2e-support", "1001", "{\"german\":2,\"support\":2}");
		Sipp support = this.e2e.phone("1001", Answering.after(Duration.ofMillis(500), Duration.ofSeconds(2)));
		this.e2e.ready("e2e-support");

		Sipp caller = this.e2e.call("8000", GERMAN_CALLER,
				List.of(Key.rtp(Duration.ofSeconds(2), '2'), Key.rtp(Duration.ofSeconds(3), '2')), null,
				Duration.ofSeconds(40));

		assertThat(caller.await(Duration.ofSeconds(60))).as(caller.diagnosis()).isTrue();
		assertThat(support.receivedRequests("INVITE")).isEqualTo(1);
		JsonNode record = onlyRecord();
		assertThat(record.path("outcome").asText()).isEqualTo("answered");
		assertThat(record.path("queue").asText()).isEqualTo("support");
		assertThat(record.path("ivrPath").toString()).contains("choose-language", "main", "technical");
	}

	@Test
	void waitingCallerIsPutThroughTheMomentTheAgentDialsReady() throws Exception {
		this.e2e.agent("e2e-support", "1001", "{\"german\":2,\"support\":2}");
		Sipp phone = this.e2e.phone("1001", Answering.after(Duration.ofMillis(500), Duration.ofSeconds(2)));
		int mark = this.e2e.mark();

		Sipp caller = this.e2e.call("8000", GERMAN_CALLER,
				List.of(Key.info(Duration.ofSeconds(2), '2'), Key.info(Duration.ofSeconds(3), '2')), null,
				Duration.ofSeconds(60));
		awaitThat("the caller waits in line", Duration.ofSeconds(20),
				() -> this.e2e.logSince(mark).contains("[s@switchboard-wait:1]"));
		Thread.sleep(3000);
		assertThat(phone.receivedRequests("INVITE")).as("nobody rings while the agent is not ready").isZero();
		Sipp ready = this.e2e.dial("1001", "*50");

		assertThat(ready.await(Duration.ofSeconds(20))).as(ready.diagnosis()).isTrue();
		assertThat(caller.await(Duration.ofSeconds(40))).as(caller.diagnosis()).isTrue();
		assertThat(phone.receivedRequests("INVITE")).isEqualTo(1);
		JsonNode record = onlyRecord();
		assertThat(record.path("outcome").asText()).isEqualTo("answered");
		assertThat(duration(record.path("durations").path("queueWaitSeconds"))).isGreaterThan(Duration.ofSeconds(3));
	}

	@Test
	void agentWhoLetsItRingIsPausedAndTheNextAgentTakesTheCall() throws Exception {
		this.e2e.agent("e2e-sleepy", "1001", "{\"german\":2,\"support\":2}");
		Sipp sleepy = this.e2e.phone("1001", Answering.never());
		this.e2e.ready("e2e-sleepy");
		// the other agent becomes ready later: this one is the longest idle, rung first
		Thread.sleep(1100);
		this.e2e.agent("e2e-awake", "1002", "{\"german\":2,\"support\":2}");
		Sipp awake = this.e2e.phone("1002", Answering.after(Duration.ofMillis(500), Duration.ofSeconds(2)));
		this.e2e.ready("e2e-awake");

		Sipp caller = this.e2e.call("8000", GERMAN_CALLER,
				List.of(Key.info(Duration.ofSeconds(2), '2'), Key.info(Duration.ofSeconds(3), '2')), null,
				Duration.ofSeconds(60));

		assertThat(caller.await(Duration.ofSeconds(60))).as(caller.diagnosis()).isTrue();
		assertThat(sleepy.receivedRequests("INVITE")).as("the longest idle agent rang first").isEqualTo(1);
		assertThat(sleepy.receivedRequests("CANCEL")).isEqualTo(1);
		assertThat(awake.receivedRequests("INVITE")).isEqualTo(1);
		assertThat(this.e2e.state("e2e-sleepy").path("state").asText()).isEqualTo("NOT_READY");
		assertThat(this.e2e.state("e2e-sleepy").path("reason").asText()).isEqualTo("ring-no-answer");
		JsonNode record = onlyRecord();
		assertThat(record.path("agentId").asText()).isEqualTo("e2e-awake");
		JsonNode rings = record.path("ringNoAnswer");
		assertThat(rings.size()).as("agents rung who did not answer: %s", rings).isEqualTo(1);
		assertThat(rings.get(0).path("agentId").asText()).isEqualTo("e2e-sleepy");
		assertThat(rings.get(0).path("status").asText()).isEqualTo("NOANSWER");
		// rang out at the ring timeout (6 s in these tests)
		Duration rang = duration(rings.get(0).path("ringSeconds"));
		assertThat(rang).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(15));
		assertThat(duration(record.path("durations").path("ringSeconds"))).as("the unanswered ring counts")
			.isGreaterThan(rang);
	}

	@Test
	void agentWhosePhoneIsBusyIsSkippedForTheNextAgent() throws Exception {
		this.e2e.agent("e2e-busy", "1001", "{\"german\":2,\"support\":2}");
		Sipp busy = this.e2e.phone("1001", Answering.refusing());
		this.e2e.ready("e2e-busy");
		// the other agent becomes ready later: this one is the longest idle, rung first
		Thread.sleep(1100);
		this.e2e.agent("e2e-free", "1002", "{\"german\":2,\"support\":2}");
		Sipp free = this.e2e.phone("1002", Answering.after(Duration.ofMillis(500), Duration.ofSeconds(2)));
		this.e2e.ready("e2e-free");

		Sipp caller = this.e2e.call("8000", GERMAN_CALLER,
				List.of(Key.info(Duration.ofSeconds(2), '2'), Key.info(Duration.ofSeconds(3), '2')), null,
				Duration.ofSeconds(60));

		assertThat(caller.await(Duration.ofSeconds(60))).as(caller.diagnosis()).isTrue();
		assertThat(busy.receivedRequests("INVITE")).isEqualTo(1);
		assertThat(free.receivedRequests("INVITE")).isEqualTo(1);
		JsonNode record = onlyRecord();
		assertThat(record.path("agentId").asText()).isEqualTo("e2e-free");
		JsonNode rings = record.path("ringNoAnswer");
		assertThat(rings.size()).as("agents rung who did not answer: %s", rings).isEqualTo(1);
		assertThat(rings.get(0).path("agentId").asText()).isEqualTo("e2e-busy");
		assertThat(rings.get(0).path("status").asText()).isEqualTo("BUSY");
	}

	@Test
	void callerWhoGivesUpInTheWaitingLineIsAnAbandon() throws Exception {
		this.e2e.agent("e2e-support", "1001", "{\"german\":2,\"support\":2}");
		this.e2e.phone("1001", Answering.after(Duration.ofMillis(500), Duration.ofSeconds(2)));

		Sipp caller = this.e2e.call("8000", GERMAN_CALLER,
				List.of(Key.info(Duration.ofSeconds(2), '2'), Key.info(Duration.ofSeconds(3), '2')),
				Duration.ofSeconds(12), null);

		assertThat(caller.await(Duration.ofSeconds(40))).as(caller.diagnosis()).isTrue();
		JsonNode record = onlyRecord();
		assertThat(record.path("outcome").asText()).isEqualTo("abandoned-in-queue");
		assertThat(record.path("shortAbandon").asBoolean()).isFalse();
		assertThat(this.e2e.state("e2e-support").path("state").asText()).isEqualTo("NOT_READY");
	}

	@Test
	void callerWhoHangsUpWhileTheAgentRingsFreesTheAgent() throws Exception {
		this.e2e.agent("e2e-support", "1001", "{\"german\":2,\"support\":2}");
		Sipp phone = this.e2e.phone("1001", Answering.never());
		this.e2e.ready("e2e-support");

		Sipp caller = this.e2e.call("8000", GERMAN_CALLER,
				List.of(Key.info(Duration.ofSeconds(2), '2'), Key.info(Duration.ofSeconds(3), '2')),
				Duration.ofSeconds(5), null);

		assertThat(caller.await(Duration.ofSeconds(40))).as(caller.diagnosis()).isTrue();
		awaitThat("the phone stops ringing", Duration.ofSeconds(10), () -> phone.receivedRequests("CANCEL") == 1);
		assertThat(phone.receivedRequests("INVITE")).isEqualTo(1);
		assertThat(onlyRecord().path("outcome").asText()).isEqualTo("abandoned-in-queue");
		awaitThat("the agent is ready again", Duration.ofSeconds(10),
				() -> this.e2e.state("e2e-support").path("state").asText().equals("READY"));
	}

	@Test
	void aCallerPutOnHoldIsRecordedWithTheHold() throws Exception {
		int mark = this.e2e.mark();
		this.e2e.agent("e2e-support", "1001", "{\"german\":2,\"support\":2}");
		this.e2e.phone("1001", Answering.holding(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(3),
				Duration.ofSeconds(1)));
		this.e2e.ready("e2e-support");

		Sipp caller = this.e2e.call("8000", GERMAN_CALLER,
				List.of(Key.info(Duration.ofSeconds(2), '2'), Key.info(Duration.ofSeconds(3), '2')), null,
				Duration.ofSeconds(60));

		assertThat(caller.await(Duration.ofSeconds(60))).as(caller.diagnosis()).isTrue();
		JsonNode record = onlyRecord();
		assertThat(record.path("times").path("holds")).hasSize(1);
		assertThat(duration(record.path("durations").path("holdSeconds"))).isBetween(Duration.ofSeconds(2),
				Duration.ofSeconds(5));
		assertThat(this.e2e.logSince(mark)).contains("Started music on hold");
	}

	@Test
	void callerRatesTheCallAfterTheAgentHangsUp() throws Exception {
		this.e2e.agent("e2e-support", "1001", "{\"german\":2,\"support\":2}");
		this.e2e.phone("1001", Answering.after(Duration.ofMillis(500), Duration.ofSeconds(2)));
		this.e2e.ready("e2e-support");

		// the caller presses 5 until the survey takes it; earlier presses go to the agent
		Sipp caller = this.e2e.call("+4930231250", GERMAN_CALLER,
				List.of(Key.info(Duration.ofSeconds(2), '2'), Key.info(Duration.ofSeconds(3), '2'),
						Key.rtp(Duration.ofSeconds(4), '5'), Key.rtp(Duration.ofSeconds(2), '5'),
						Key.rtp(Duration.ofSeconds(2), '5'), Key.rtp(Duration.ofSeconds(2), '5'),
						Key.rtp(Duration.ofSeconds(2), '5')),
				null, Duration.ofSeconds(60));

		assertThat(caller.await(Duration.ofSeconds(60))).as(caller.diagnosis()).isTrue();
		JsonNode record = onlyRecord();
		assertThat(record.path("outcome").asText()).isEqualTo("answered");
		assertThat(record.path("csat").asInt()).isEqualTo(5);
	}

	/** A duration of a call record: a number of seconds. */
	static Duration duration(JsonNode seconds) {
		return Duration.ofMillis(seconds.decimalValue().movePointRight(3).longValue());
	}

	private JsonNode onlyRecord() {
		awaitThat("one call record", Duration.ofSeconds(20), () -> this.e2e.records(this.started).size() == 1);
		return this.e2e.records(this.started).get(0);
	}

	/** Berlin, or Tokyo when it is near midnight in Berlin. */
	static ZoneId awakeZone() {
		return List.of("Europe/Berlin", "Asia/Tokyo")
			.stream()
			.map(ZoneId::of)
			.filter((z) -> LocalTime.now(z).isAfter(LocalTime.of(0, 30))
					&& LocalTime.now(z).isBefore(LocalTime.of(23, 0)))
			.findFirst()
			.orElseThrow();
	}

	/**
	 * A schedule open all week, in a zone where it is not near midnight now, so that the
	 * one minute a day it is closed never meets a test.
	 */
	static String alwaysOpen(String country) {
		String zone = awakeZone().getId();
		return """
				country: %s
				timeZone: %s
				version: CURRENT
				holidays: {closed: false}
				windows:
				  - {days: [MON, TUE, WED, THU, FRI, SAT, SUN], from: "00:00", to: "23:59", team: e2e, skills: {german: 1}}
				closedAction: {type: voicemail, mailbox: "1000@switchboard"}
				"""
			.formatted(country, zone);
	}

}
