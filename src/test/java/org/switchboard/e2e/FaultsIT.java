package org.switchboard.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.switchboard.e2e.Scenarios.Answering;
import org.switchboard.e2e.Scenarios.Key;
import org.switchboard.load.SwitchboardProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.e2e.E2e.awaitThat;

/**
 * What callers get when a part goes away: Asterisk restarting under a call, Switchboard
 * stopped, one of two Switchboard instances stopping while calls come in.
 */
class FaultsIT extends CallsWithGermanyOpen {

	private static final List<Key> SUPPORT = List.of(Key.info(Duration.ofSeconds(2), '2'),
			Key.info(Duration.ofSeconds(3), '2'));

	@AfterEach
	void oneSwitchboardAgain() throws Exception {
		this.e2e.ensureOneSwitchboard();
	}

	@Test
	void waitingCallerCutOffByAnAsteriskRestartIsRecordedAsFailedAndTheNextCallIsServed() throws Exception {
		this.e2e.agent("e2e-support", "1001", "{\"german\":2,\"support\":2}");
		this.e2e.phone("1001", Answering.after(Duration.ofMillis(500), Duration.ofSeconds(2)));
		int mark = this.e2e.mark();
		this.e2e.call("8000", GERMAN_CALLER, SUPPORT, null, Duration.ofSeconds(90));
		awaitThat("the caller waits in line", Duration.ofSeconds(20),
				() -> this.e2e.logSince(mark).contains("[s@switchboard-wait:1]"));
		Thread.sleep(2000);

		this.e2e.asterisk.stop();
		this.e2e.asterisk.start();
		this.e2e.hangUpAll();

		awaitThat("the cut-off call's record", Duration.ofSeconds(30), () -> !this.e2e.records(this.started).isEmpty());
		JsonNode record = this.e2e.records(this.started).get(0);
		assertThat(record.path("outcome").asText()).isEqualTo("failed");
		assertThat(record.path("shortAbandon").asBoolean()).isFalse();

		Instant second = Instant.now();
		Sipp phone = this.e2e.phone("1001", Answering.after(Duration.ofMillis(500), Duration.ofSeconds(2)));
		awaitThat("the phone is reachable again", Duration.ofSeconds(30),
				() -> this.e2e.state("e2e-support").path("reachable").asBoolean());
		this.e2e.ready("e2e-support");
		Sipp next = this.e2e.call("8000", GERMAN_CALLER, SUPPORT, null, Duration.ofSeconds(60));
		assertThat(next.await(Duration.ofSeconds(60))).as(next.diagnosis()).isTrue();
		assertThat(phone.receivedRequests("INVITE")).isEqualTo(1);
		awaitThat("the next call's record", Duration.ofSeconds(20), () -> this.e2e.records(second).size() == 1);
		assertThat(this.e2e.records(second).get(0).path("outcome").asText()).isEqualTo("answered");
	}

	@Test
	void withSwitchboardStoppedCallersTakeTheFallbackRouteToAPerson() throws Exception {
		Sipp phone = this.e2e.phone("1002", Answering.after(Duration.ofMillis(500), Duration.ofSeconds(2)));
		this.e2e.switchboard().close();
		int from = this.e2e.mark();

		Sipp caller = this.e2e.call("8000", GERMAN_CALLER, List.of(), null, Duration.ofSeconds(40));

		assertThat(caller.await(Duration.ofSeconds(60))).as(caller.diagnosis()).isTrue();
		assertThat(phone.receivedRequests("INVITE")).as("the fallback ring group rang the phone").isEqualTo(1);
		assertThat(this.e2e.logSince(from)).contains("[s@switchboard-fallback:1]", "Playing 'pls-hold-while-try");
	}

	@Test
	void waitingCallerGoesToTheFallbackAtOnceWhenTheOnlyInstanceStops() throws Exception {
		this.e2e.agent("e2e-support", "1001", "{\"german\":2,\"support\":2}");
		Sipp phone = this.e2e.phone("1001", Answering.after(Duration.ofMillis(500), Duration.ofSeconds(2)));
		int mark = this.e2e.mark();
		Sipp caller = this.e2e.call("8000", GERMAN_CALLER, SUPPORT, null, Duration.ofSeconds(60));
		awaitThat("the caller waits in line", Duration.ofSeconds(20),
				() -> this.e2e.logSince(mark).contains("[s@switchboard-wait:1]"));
		Thread.sleep(1000);
		int from = this.e2e.mark();

		this.e2e.switchboard().close();

		awaitThat("the fallback rings the phone within 5 s", Duration.ofSeconds(5),
				() -> phone.receivedRequests("INVITE") == 1);
		assertThat(caller.await(Duration.ofSeconds(30))).as(caller.diagnosis()).isTrue();
		assertThat(this.e2e.logSince(from)).contains("[s@switchboard-fallback:1]");
		this.e2e.ensureOneSwitchboard();
		awaitThat("the fallen-back call's record", Duration.ofSeconds(30),
				() -> this.e2e.records(this.started).size() == 1);
		assertThat(this.e2e.records(this.started).get(0).path("outcome").asText()).isEqualTo("fallback");
	}

	@Test
	void twoInstancesServeEveryCallWhenOneStopsMidLoad() throws Exception {
		SwitchboardProcess second = this.e2e.startSwitchboard(this.e2e.agiPort2);
		int mark = this.e2e.mark();
		this.e2e.agent("e2e-one", "1001", "{\"german\":2,\"support\":2}");
		this.e2e.agent("e2e-two", "1002", "{\"german\":2,\"support\":2}");
		Sipp one = this.e2e.phone("1001", Answering.after(Duration.ofMillis(300), Duration.ofSeconds(2)));
		Sipp two = this.e2e.phone("1002", Answering.after(Duration.ofMillis(300), Duration.ofSeconds(2)));
		this.e2e.ready("e2e-one");
		this.e2e.ready("e2e-two");

		List<Sipp> callers = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			callers.add(this.e2e.call("8000", "+49301234" + (10 + i), SUPPORT, null, Duration.ofSeconds(120)));
			if (i == 3) {
				this.e2e.switchboard().close();
			}
			Thread.sleep(2500);
		}

		for (Sipp caller : callers) {
			assertThat(caller.await(Duration.ofSeconds(120))).as(caller.diagnosis()).isTrue();
		}
		assertThat(one.receivedRequests("INVITE") + two.receivedRequests("INVITE")).isEqualTo(8);
		awaitThat("eight records", Duration.ofSeconds(30), () -> recordsVia(second).size() == 8);
		assertThat(recordsVia(second)).extracting((r) -> r.path("outcome").asText()).containsOnly("answered");
		assertThat(this.e2e.logSince(mark)).doesNotContain("[s@switchboard-fallback:1]");
	}

	private List<JsonNode> recordsVia(SwitchboardProcess instance) {
		List<JsonNode> records = new ArrayList<>();
		new Api(instance).get("/api/calls?from=" + this.started + "&limit=500").path("calls").forEach(records::add);
		return records;
	}

}
