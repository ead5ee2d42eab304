package org.switchboard.common;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ThrottledTest {

	private final AtomicLong now = new AtomicLong(5_000_000_000L);

	private final Throttled throttled = new Throttled(Duration.ofSeconds(60), this.now::get);

	@Test
	void theFirstFailureOfAKindIsTracedAndTheRestOfThePeriodOnlyCounted() {
		assertThat(this.throttled.trace("connect:JedisException")).isZero();
		assertThat(this.throttled.trace("connect:JedisException")).isEqualTo(-1);
		assertThat(this.throttled.trace("connect:JedisException")).isEqualTo(-1);

		this.now.addAndGet(Duration.ofSeconds(59).toNanos());
		assertThat(this.throttled.trace("connect:JedisException")).isEqualTo(-1);

		this.now.addAndGet(Duration.ofSeconds(1).toNanos());
		assertThat(this.throttled.trace("connect:JedisException")).as("passed over since the last trace").isEqualTo(3);
		assertThat(this.throttled.trace("connect:JedisException")).isEqualTo(-1);
	}

	@Test
	void eachKindHasItsOwnPeriod() {
		assertThat(this.throttled.trace("connect:JedisException")).isZero();
		assertThat(this.throttled.trace("ivr:JedisException")).isZero();
		assertThat(this.throttled.trace("connect:IllegalStateException")).isZero();
		assertThat(this.throttled.trace("ivr:JedisException")).isEqualTo(-1);
	}

}
