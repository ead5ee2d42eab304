package org.switchboard.telephony;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import org.switchboard.SwitchboardTest;
import org.switchboard.fakeasterisk.AgiTranscript;
import org.switchboard.fakeasterisk.Caller;
import org.switchboard.fakeasterisk.FakeAsterisk;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A prompt Asterisk has no file for: res_agi answers {@code result=-1} as it does for a
 * hang-up, but sends no HANGUP and keeps the channel up. The caller hears nothing there
 * and the flow goes on to route the call; only a real hang-up ends it.
 */
@SwitchboardTest
@ExtendWith(OutputCaptureExtension.class)
class MissingPromptTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@Autowired
	FakeAsterisk asterisk;

	@Autowired
	MeterRegistry meters;

	@Value("${switchboard.agi.port}")
	int agiPort;

	@Test
	void callerWhoseMenuPromptsAreMissingStillPicksBillingAndIsRouted(CapturedOutput output) {
		double missingBefore = missing("custom/en/main-menu", "en");

		AgiTranscript first = supportCall(Caller.presses("1").then(Caller.presses("1")), "custom/choose-language",
				"custom/en/main-menu");
		AgiTranscript second = supportCall(Caller.presses("1").then(Caller.presses("1")), "custom/choose-language",
				"custom/en/main-menu");

		for (AgiTranscript call : new AgiTranscript[] { first, second }) {
			assertThat(call.hungUp()).isFalse();
			assertThat(call.lines()).contains("<< 200 result=-1 endpos=0", ">> CHANNEL STATUS", "<< 200 result=6");
			assertThat(call.variable("SB_QUEUE")).isEqualTo("billing");
			assertThat(call.variable("SB_NEXT")).isEqualTo("wait");
		}
		assertThat(missing("custom/en/main-menu", "en")).isEqualTo(missingBefore + 2);
		assertThat(missing("custom/choose-language", "none")).isGreaterThanOrEqualTo(2);
		assertThat(output.getOut().split("no sound file for prompt 'custom/en/main-menu'", -1)).hasSize(2);
		assertThat(output.getOut()).contains("prompts/render.sh");
	}

	@Test
	void caseNumberIsReadEvenWhenItsPromptIsMissing() {
		AgiTranscript call = supportCall(Caller.presses("1").then(Caller.presses("3")).then(Caller.presses("123456#")),
				"custom/en/enter-case");

		assertThat(call.commands()).containsSubsequence("GET DATA \"custom/en/enter-case\" 8000 9", "CHANNEL STATUS",
				"GET DATA \"\" 8000 9");
		assertThat(call.variable("SB_QUEUE")).isEqualTo("tier2");
		assertThat(call.variable("SB_NEXT")).isEqualTo("wait");
		assertThat(missing("custom/en/enter-case", "en")).isGreaterThanOrEqualTo(1);
	}

	@Test
	void callerHangingUpDuringAPromptIsStillAHangUpAndNoMissingPrompt() {
		double missingBefore = missing("custom/choose-language", "none");

		AgiTranscript call = supportCall(Caller.hangsUp());

		assertThat(call.hungUp()).isTrue();
		assertThat(call.lines()).contains("<< HANGUP",
				"<< 511 Command Not Permitted on a dead channel or intercept routine");
		assertThat(call.variable("SB_NEXT")).isNull();
		assertThat(missing("custom/choose-language", "none")).isEqualTo(missingBefore);
	}

	private AgiTranscript supportCall(Caller caller, String... missingSounds) {
		return this.asterisk.call(this.agiPort, "ivr")
			.callerId("+4930123456")
			.dnid("8000")
			.extension("8000")
			.missingSounds(missingSounds)
			.caller(caller)
			.start()
			.awaitEnd(TIMEOUT);
	}

	private double missing(String prompt, String language) {
		Counter counter = this.meters.find("switchboard.ivr.prompt.missing")
			.tags("prompt", prompt, "language", language)
			.counter();
		return (counter == null) ? 0 : counter.count();
	}

}
