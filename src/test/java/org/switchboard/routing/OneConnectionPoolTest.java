package org.switchboard.routing;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

import org.switchboard.redis.Keys;
import org.switchboard.redis.TestRedis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Code that pipelines must give its connection back before it borrows another: with every
 * connection of the pool held by a pipeline that waits for a second one, all calls would
 * wait until the borrow timed out and take the fallback. A pool of one connection turns
 * such a nested borrow into an error here.
 */
class OneConnectionPoolTest {

	private final Keys keys = new Keys("one-connection-" + ProcessHandle.current().pid());

	private final JedisPooled oneConnection = TestRedis.oneConnection();

	@AfterEach
	void close() {
		TestRedis.client().keys(this.keys.prefix() + "*").forEach(TestRedis.client()::del);
		this.oneConnection.close();
	}

	@Test
	void aCallIsAssignedUnassignedAndClosedOnOneConnection() {
		RedisLiveCalls calls = new RedisLiveCalls(this.oneConnection, this.keys);
		TestRedis.client().hset(this.keys.key("call", "c-1"), Map.of("queue", "billing"));

		calls.assign("c-1", "agent-1", Instant.parse("2026-11-23T10:00:00Z"));
		assertThat(calls.busy("billing")).isEqualTo(1);
		assertThat(calls.agent("c-1")).contains("agent-1");

		calls.unassign("c-1");
		assertThat(calls.busy("billing")).isZero();
		calls.assign("c-1", "agent-2", Instant.parse("2026-11-23T10:01:00Z"));
		calls.closed("c-1");
		assertThat(calls.busy("billing")).isZero();
		assertThat(calls.known("c-1")).isFalse();
	}

}
