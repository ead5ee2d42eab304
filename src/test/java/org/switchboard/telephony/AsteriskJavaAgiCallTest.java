package org.switchboard.telephony;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which variables go to Asterisk in one {@code MSet}: only those MSet would set exactly
 * as given.
 */
class AsteriskJavaAgiCallTest {

	@Test
	void theHandOffsOwnVariablesArePlain() {
		assertThat(AsteriskJavaAgiCall.plain("SB_SKILLS", "billing:2")).isTrue();
		assertThat(AsteriskJavaAgiCall.plain("SB_TARGET", "PJSIP/1001")).isTrue();
		assertThat(AsteriskJavaAgiCall.plain("SB_MAILBOX", "1000@switchboard")).isTrue();
		assertThat(AsteriskJavaAgiCall.plain("SB_CALLBACK_NUMBER", "+4930123456")).isTrue();
		assertThat(AsteriskJavaAgiCall.plain("SB_NEXT", "")).isTrue();
	}

	@Test
	void whatMSetWouldSplitOrReadAsSyntaxIsNot() {
		assertThat(AsteriskJavaAgiCall.plain("SB_SKILLS", "billing:2,german:3")).isFalse();
		assertThat(AsteriskJavaAgiCall.plain("CHANNEL(language)", "de")).isFalse();
		assertThat(AsteriskJavaAgiCall.plain("SB_NOTE", "say \"hi\"")).isFalse();
		assertThat(AsteriskJavaAgiCall.plain("SB_NOTE", "a b")).isFalse();
		assertThat(AsteriskJavaAgiCall.plain("SB_NOTE", "a\\b")).isFalse();
		assertThat(AsteriskJavaAgiCall.plain("SB_NOTE", "x=y")).isFalse();
		assertThat(AsteriskJavaAgiCall.plain("SB_NOTE", "[1]")).isFalse();
	}

}
