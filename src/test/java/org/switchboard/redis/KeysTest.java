package org.switchboard.redis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class KeysTest {

	@Test
	void everyKeyCarriesTheSiteAsOneHashTag() {
		Keys keys = new Keys("berlin");

		assertThat(keys.key("agent", "1001")).isEqualTo("sb:{berlin}:agent:1001");
		assertThat(keys.key("ready")).isEqualTo("sb:{berlin}:ready");
	}

	@Test
	void refusesSitesThatWouldBreakTheHashTagAndEmptyParts() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Keys("a}b")).withMessageContaining("a}b");
		assertThatIllegalArgumentException().isThrownBy(() -> new Keys("x").key("agent", ""))
			.withMessageContaining("empty key part at 1");
	}

}
