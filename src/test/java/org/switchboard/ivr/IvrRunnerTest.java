package org.switchboard.ivr;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.switchboard.ivr.flow.Prompt;
import org.switchboard.call.CallRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The IVR walk on its own: every node kind, retries, junk input and hang-ups, with no
 * socket.
 */
class IvrRunnerTest {

	private static final String VISA_TEST_CARD = "4111111111111111";

	private final FakeFacts facts = new FakeFacts();

	private final IvrRunner runner = new IvrRunner(this.facts,
			Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC));

	private final FlowMachine flow = TestFlows.everyNode();

	@Test
	void germanCallerWithAValidCardIsRoutedToBillingSpeakingGerman() {
		ScriptedCall call = new ScriptedCall("+4930123456", "7000", "en").keys("2", "1", "4012888888881881#");

		IvrRunner.Result result = this.runner.run(this.flow, call, List.of());

		assertThat(result.outcome()).isEqualTo(new IvrOutcome.Routed(java.util.Map.of("billing", 2), "billing", 0));
		assertThat(result.language()).isEqualTo("de");
		assertThat(call.variables()).containsEntry("CHANNEL(language)", "de");
		assertThat(call.prompts()).containsExactly("t/en/choose", "t/de/menu", "t/de/card");
		assertThat(result.path()).extracting(IvrStep::node)
			.containsExactly("language", "open", "country", "menu", "card", "vip-check", "billing");
	}

	@Test
	void sensitiveEntriesAreMaskedInThePathAndTheRecordButKeptForBranching() {
		ScriptedCall call = new ScriptedCall("+4930123456", "7000", "en").keys("1", "1", VISA_TEST_CARD + "#");

		IvrRunner.Result result = this.runner.run(this.flow, call, List.of());

		assertThat(result.outcome()).isInstanceOfSatisfying(IvrOutcome.Routed.class,
				(routed) -> assertThat(routed.priority()).isEqualTo(9));
		assertThat(result.attributes()).containsEntry("card", VISA_TEST_CARD);
		assertThat(result.maskedAttributes()).containsEntry("card", "*".repeat(16));
		assertThat(result.path().toString()).doesNotContain(VISA_TEST_CARD);
	}

	@Test
	void cardFailingTheLuhnCheckIsRepromptedThenAccepted() {
		ScriptedCall call = new ScriptedCall("+4930123456", "7000", "en").keys("1", "1", "4111111111111112#",
				"4012888888881881#");

		IvrRunner.Result result = this.runner.run(this.flow, call, List.of());

		assertThat(call.prompts()).containsSubsequence("t/en/card", "t/en/wrong-card", "t/en/card");
		assertThat(result.outcome()).isInstanceOf(IvrOutcome.Routed.class);
		assertThat(result.path()).filteredOn((step) -> step.node().equals("card"))
			.singleElement()
			.satisfies((step) -> assertThat(step.tries()).isEqualTo(2));
	}

	@Test
	void fortyDigitsIntoANineteenDigitFieldAreRefusedUntilRetriesRunOut() {
		String forty = "1234567890".repeat(4);
		ScriptedCall call = new ScriptedCall("+4930123456", "7000", "en").keys("1", "1", forty, forty, forty);

		IvrRunner.Result result = this.runner.run(this.flow, call, List.of());

		assertThat(result.outcome()).isEqualTo(new IvrOutcome.Routed(java.util.Map.of("support", 1), "general", 0));
		assertThat(call.prompts()).filteredOn("t/en/card"::equals).hasSize(3);
	}

	@Test
	void wrongKeysAndSilenceAreRepromptedThenTheFailureBranchIsTaken() {
		ScriptedCall call = new ScriptedCall("+4930123456", "7000", "en").keys("1", "7", "-", "*");

		IvrRunner.Result result = this.runner.run(this.flow, call, List.of());

		assertThat(call.prompts()).containsExactly("t/en/choose", "t/en/menu", "t/en/invalid", "t/en/menu",
				"t/en/no-input", "t/en/menu", "t/en/invalid");
		assertThat(result.outcome()).isEqualTo(new IvrOutcome.Routed(java.util.Map.of("support", 1), "general", 0));
		assertThat(result.path()).filteredOn((step) -> step.node().equals("menu")).singleElement().satisfies((step) -> {
			assertThat(step.input()).isEqualTo("7,(none),*");
			assertThat(step.outcome()).isEqualTo("failure");
		});
	}

	@Test
	void aCallerWhoKeepsListeningToInformationIsStoppedAfterTheStepLimit() {
		String[] endless = new String[200];
		java.util.Arrays.fill(endless, "2");
		ScriptedCall call = new ScriptedCall("+4930123456", "7000", "en").keys("1");
		call.keys(endless);

		IvrRunner.Result result = this.runner.run(this.flow, call, List.of());

		assertThat(result.outcome()).isInstanceOf(IvrOutcome.Failed.class);
		assertThat(result.path()).hasSize(IvrRunner.MAX_STEPS);
	}

	@Test
	void closedScheduleTakesTheAfterHoursBranchToVoicemail() {
		this.facts.open = false;
		ScriptedCall call = new ScriptedCall("+4930123456", "7000", "de").keys("-", "-");

		IvrRunner.Result result = this.runner.run(this.flow, call, List.of());

		assertThat(result.outcome()).isEqualTo(new IvrOutcome.ToVoicemail("1000"));
		assertThat(call.prompts()).containsExactly("t/de/choose", "t/de/choose", "t/de/closed", "t/de/vm");
	}

	@Test
	void callerInALanguageTheFlowDoesNotSpeakHearsTheFallbackLanguage() {
		ScriptedCall call = new ScriptedCall("+4930123456", "7000", "es").keys("-", "-", "9");

		IvrRunner.Result result = this.runner.run(this.flow, call, List.of());

		assertThat(result.outcome()).isInstanceOf(IvrOutcome.SelfServed.class);
		assertThat(call.prompts()).containsExactly("t/en/choose", "t/en/choose", "t/en/menu", "t/en/bye");
	}

	@Test
	void emergencyAnnouncementsPlayBeforeTheFirstMenuInTheCallersLanguage() {
		ScriptedCall call = new ScriptedCall("+4930123456", "7000", "de").keys("9");
		Prompt outage = new Prompt(java.util.Map.of("en", "t/en/outage", "de", "t/de/outage"));

		this.runner.run(this.flow, call, List.of(outage));

		assertThat(call.prompts()).startsWith("t/de/outage", "t/de/choose");
	}

	@Test
	void callbackAndVoicemailChoicesEndTheWalk() {
		ScriptedCall callback = new ScriptedCall("+4930123456", "7000", "en").keys("1", "4");
		assertThat(this.runner.run(this.flow, callback, List.of()).outcome())
			.isEqualTo(new IvrOutcome.CallbackRequested(java.util.Map.of("billing", 1), "billing"));

		ScriptedCall voicemail = new ScriptedCall("+4930123456", "7000", "en").keys("1", "3");
		assertThat(this.runner.run(this.flow, voicemail, List.of()).outcome())
			.isEqualTo(new IvrOutcome.ToVoicemail("1000"));
	}

	@ParameterizedTest(name = "hang-up at prompt {0}")
	@ValueSource(ints = { 1, 2, 3, 4, 5 })
	void aHangUpAtAnyPromptStopsTheWalkAndNamesTheNode(int prompt) {
		// prompts of this walk: choose(language), menu, info, info, menu
		String[] expectedNode = { "language", "menu", "info", "info", "menu" };
		ScriptedCall call = new ScriptedCall("+4930123456", "7000", "en").keys("1", "2", "-", "-")
			.hangsUpAtPrompt(prompt);

		IvrRunner.Result result = this.runner.run(this.flow, call, List.of());

		assertThat(result.outcome()).isEqualTo(new IvrOutcome.Abandoned(expectedNode[prompt - 1]));
		assertThat(result.path()).last().satisfies((step) -> {
			assertThat(step.node()).isEqualTo(expectedNode[prompt - 1]);
			assertThat(step.outcome()).isEqualTo("hangup");
		});
	}

	@Test
	void luhnAcceptsKnownGoodNumbersAndRejectsOneDigitOff() {
		assertThat(IvrRunner.luhn("4111111111111111")).isTrue();
		assertThat(IvrRunner.luhn("79927398713")).isTrue();
		assertThat(IvrRunner.luhn("79927398710")).isFalse();
	}

	/** Routing's answers, set by each test. */
	static final class FakeFacts implements CallFacts {

		boolean open = true;

		@Override
		public Optional<String> country(CallRequest request) {
			return request.callerId().startsWith("+49") ? Optional.of("DE") : Optional.empty();
		}

		@Override
		public boolean open(String country, Instant at) {
			return this.open;
		}

	}

}
