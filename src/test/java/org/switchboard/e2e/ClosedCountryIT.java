package org.switchboard.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.switchboard.e2e.Scenarios.Answering;
import org.switchboard.e2e.Scenarios.Key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.e2e.E2e.awaitThat;

/**
 * A caller whose country is closed leaves a message Asterisk really records, or asks to
 * be called back, and the callback reaches them once the country opens.
 */
class ClosedCountryIT extends CallsWithGermanyOpen {

	@BeforeEach
	void closeGermany() {
		this.e2e.schedule("DE", closedToday());
	}

	@Test
	void callerLeavesAMessageThatIsInTheMailbox() throws Exception {
		long before = messages();

		// the closed announcement (about 5 s) takes no keys; the unavailable greeting and
		// its beep take about 16 s after the choice
		Sipp caller = this.e2e.call(
				"8000", GERMAN_CALLER, List.of(Key.info(Duration.ofSeconds(2), '2'),
						Key.info(Duration.ofSeconds(6), '1'), Key.speech(Duration.ofSeconds(18))),
				Duration.ofSeconds(1), null);

		assertThat(caller.await(Duration.ofSeconds(60))).as(caller.diagnosis()).isTrue();
		awaitThat("a message in mailbox 1000", Duration.ofSeconds(10), () -> messages() == before + 1);
		awaitThat("the record", Duration.ofSeconds(20), () -> this.e2e.records(this.started).size() == 1);
		assertThat(this.e2e.records(this.started).get(0).path("outcome").asText()).isEqualTo("voicemail");
	}

	@Test
	void callbackRequestedWhileClosedReachesTheCustomerOnceOpenAndCompletesWhenTheAgentHangsUpFirst() throws Exception {
		int mark = this.e2e.mark();
		Sipp caller = this.e2e.call("8000", GERMAN_CALLER,
				// the offer and the caller ID read back (about 15 s together) take no
				// keys, the question after them does; a second 1 in case the first came
				// early
				List.of(Key.info(Duration.ofSeconds(2), '2'), Key.info(Duration.ofSeconds(6), '2'),
						Key.info(Duration.ofSeconds(18), '1'), Key.info(Duration.ofSeconds(5), '1')),
				null, Duration.ofSeconds(40));
		assertThat(caller.await(Duration.ofSeconds(60))).as(caller.diagnosis()).isTrue();
		assertThat(played(this.e2e.logSince(mark), "custom/de/callback-")).as("the callback prompts in order")
			.containsExactly("custom/de/callback-intro", "custom/de/callback-your-number", "custom/de/callback-confirm",
					"custom/de/callback-confirmed");
		awaitThat("the callback request", Duration.ofSeconds(20), () -> this.e2e.records(this.started).size() == 1);
		assertThat(this.e2e.records(this.started).get(0).path("outcome").asText()).isEqualTo("callback-requested");

		this.e2e.agent("e2e-caller-back", "1001", "{\"german\":2,\"support\":2}");
		Sipp agent = this.e2e.phone("1001", Answering.after(Duration.ofMillis(500), Duration.ofSeconds(4)));
		Sipp customer = this.e2e.customer(Answering.after(Duration.ofMillis(500), Duration.ofSeconds(60)));
		this.e2e.ready("e2e-caller-back");
		this.e2e.schedule("DE", CallsToAgentsIT.alwaysOpen("DE"));

		assertThat(customer.await(Duration.ofSeconds(60))).as(customer.diagnosis()).isTrue();
		assertThat(agent.receivedRequests("INVITE")).isEqualTo(1);
		assertThat(customer.receivedRequests("INVITE")).isEqualTo(1);
		awaitThat("the callback completed", Duration.ofSeconds(20),
				() -> this.e2e.records(this.started)
					.stream()
					.anyMatch((r) -> r.path("outcome").asText().equals("callback-completed")));
		List<JsonNode> records = this.e2e.records(this.started);
		assertThat(records).hasSize(1);
	}

	/** The sounds Asterisk played, in order, whose names start with {@code prefix}. */
	static List<String> played(String log, String prefix) {
		return java.util.regex.Pattern.compile("Playing '(" + java.util.regex.Pattern.quote(prefix) + "[^.']*)")
			.matcher(log)
			.results()
			.map((match) -> match.group(1))
			.toList();
	}

	private long messages() {
		Path inbox = this.e2e.asterisk.dir().resolve("spool/voicemail/switchboard/1000/INBOX");
		if (!Files.isDirectory(inbox)) {
			return 0;
		}
		try (Stream<Path> files = Files.list(inbox)) {
			return files.filter((f) -> f.getFileName().toString().endsWith(".txt")).count();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/** Open every day but today. */
	private static String closedToday() {
		return CallsToAgentsIT.alwaysOpen("DE")
			.replace("holidays: {closed: false}", "holidays: {closed: false}\nspecialDays:\n  - {date: "
					+ LocalDate.now(CallsToAgentsIT.awakeZone()) + ", closed: true, reason: e2e}");
	}

}
