package org.switchboard.routing;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.switchboard.redis.Keys;
import org.switchboard.redis.TestRedis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A queue's recent handle time, which the expected wait is worked out from: the first
 * call's own, then each new call moves it a fifth of the way, per queue, whichever
 * instance the call ended on.
 */
class HandleTimeTest {

	private final Keys keys = new Keys("handle-" + UUID.randomUUID().toString().substring(0, 8));

	private final RedisLiveCalls one = new RedisLiveCalls(TestRedis.client(), this.keys);

	private final RedisLiveCalls other = new RedisLiveCalls(TestRedis.client(), this.keys);

	@Test
	void eachEndedCallMovesItsQueuesHandleTimeAFifthOfTheWay() {
		assertThat(this.one.handleTime("billing")).isEmpty();

		this.one.handled("billing", Duration.ofSeconds(300));
		assertThat(this.one.handleTime("billing")).contains(Duration.ofSeconds(300));

		// 300 s * 0.8 + 100 s * 0.2, on another instance
		this.other.handled("billing", Duration.ofSeconds(100));
		assertThat(this.one.handleTime("billing")).contains(Duration.ofSeconds(260));

		// rounded to the millisecond: 260,000 * 0.8 + 3 * 0.2 = 208,000.6
		this.one.handled("billing", Duration.ofMillis(3));
		assertThat(this.other.handleTime("billing")).contains(Duration.ofMillis(208_001));
		assertThat(this.one.handleTime("sales")).isEmpty();
	}

}
