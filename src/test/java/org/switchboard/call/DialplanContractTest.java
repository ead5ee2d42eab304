package org.switchboard.call;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The enums of the call API match what the shipped dialplan and Asterisk say. */
class DialplanContractTest {

	@Test
	void everyNextStepIsAContextOfTheShippedDialplan() throws IOException {
		String dialplan = Files.readString(Path.of("dialplans/extensions.conf"));
		for (Next next : Next.values()) {
			assertThat(dialplan).as(next.name()).contains("[switchboard-" + next.context() + "]");
			assertThat(Next.of(next.context())).contains(next);
		}
		assertThat(Next.of("")).isEmpty();
	}

	@Test
	void asterisksDialStatusIsReadOnceAndAnUnknownOneIsNotTakenForAnAnswer() {
		assertThat(DialStatus.of("ANSWER")).isEqualTo(DialStatus.ANSWER);
		assertThat(DialStatus.of("ANSWER").answered()).isTrue();
		assertThat(DialStatus.of("CHANUNAVAIL")).isEqualTo(DialStatus.CHANUNAVAIL);
		assertThat(DialStatus.of("RINGING")).isEqualTo(DialStatus.UNKNOWN);
		assertThat(DialStatus.of(null)).isEqualTo(DialStatus.UNKNOWN);
		assertThat(DialStatus.of("").answered()).isFalse();
		// an agent's phone rung by Originate (a callback) ends in the same words
		assertThat(OriginateOutcome.NO_ANSWER.dialStatus()).isEqualTo(DialStatus.NOANSWER);
		assertThat(OriginateOutcome.BUSY.dialStatus()).isEqualTo(DialStatus.BUSY);
		assertThat(OriginateOutcome.ANSWERED.dialStatus().answered()).isTrue();
	}

}
