package org.switchboard.call;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MaskedTest {

	@Test
	void keepsCountryPrefixAndLastTwoDigitsOnly() {
		assertThat(Masked.number("+4930123456")).isEqualTo("+49******56");
		assertThat(Masked.number("0301234567")).isEqualTo("03******67");
	}

	@Test
	void masksShortAndMissingNumbersWhole() {
		assertThat(Masked.number("1000")).isEqualTo("****");
		assertThat(Masked.number("")).isEqualTo("<none>");
		assertThat(Masked.number(null)).isEqualTo("<none>");
	}

	@Test
	void callRequestNeverPrintsTheCallersNumber() {
		CallRequest request = new CallRequest("ivr", "PJSIP/carrier-00000001", "1795335526.0", "+4930123456",
				"Lab Caller", "8000", "8000", "switchboard-inbound", "en", List.of());

		assertThat(request.toString()).doesNotContain("4930123456").contains("+49******56");
	}

}
