package org.switchboard.routing;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Only numbers libphonenumber calls valid are called back, always in E.164. */
class CallbackNumbersTest {

	@Test
	void aCallerIdInInternationalFormIsKeptAsItIs() {
		assertThat(CallbackNumbers.valid("+4930123456", Optional.empty())).hasValue("+4930123456");
	}

	@Test
	void aTypedNationalNumberIsReadInTheCallsCountry() {
		assertThat(CallbackNumbers.valid("030123456", Optional.of("DE"))).hasValue("+4930123456");
		assertThat(CallbackNumbers.valid("0142685300", Optional.of("FR"))).hasValue("+33142685300");
	}

	@Test
	void junkShortOrEndlessNumbersAreRefused() {
		assertThat(CallbackNumbers.valid("", Optional.of("DE"))).isEmpty();
		assertThat(CallbackNumbers.valid("anonymous", Optional.of("DE"))).isEmpty();
		assertThat(CallbackNumbers.valid("123", Optional.of("DE"))).isEmpty();
		assertThat(CallbackNumbers.valid("030123456", Optional.empty())).as("national without a country").isEmpty();
		assertThat(CallbackNumbers.valid("9".repeat(40), Optional.of("DE"))).isEmpty();
	}

}
