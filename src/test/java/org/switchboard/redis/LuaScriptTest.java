package org.switchboard.redis;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Against a real Redis: scripts run by SHA and survive a SCRIPT FLUSH (as after a Redis
 * restart).
 */
class LuaScriptTest {

	private static final JedisPooled redis = TestRedis.client();

	private final Keys keys = new Keys("lua-test-" + ProcessHandle.current().pid());

	@Test
	void runsByShaAndReloadsAfterRedisForgotTheScript() {
		LuaScript increment = new LuaScript("increment", "return redis.call('INCRBY', KEYS[1], ARGV[1])");
		String counter = this.keys.key("counter");
		redis.del(counter);

		assertThat(increment.run(redis, List.of(counter), List.of("2"))).isEqualTo(2L);
		assertThat(redis.scriptExists(increment.sha(), counter)).isTrue();

		redis.scriptFlush(counter);
		assertThat(redis.scriptExists(increment.sha(), counter)).isFalse();

		assertThat(increment.run(redis, List.of(counter), List.of("3"))).isEqualTo(5L);
		assertThat(redis.scriptExists(increment.sha(), counter)).isTrue();
	}

	@Test
	void namedArgumentsReachTheScriptAsOneTableAfterTheKeyPrefix() {
		LuaScript store = new LuaScript("store", """
				local A = cjson.decode(ARGV[2])
				redis.call('SET', ARGV[1] .. A.name, A.document)
				return {A.name, A.quota.country, #A.from, A.from[2]}
				""");
		String document = "{\"label\": \"Montag–Freitag \\\"früh\\\"\",\n \"emoji\": \"☎️\"}";

		Object answer = store.run(redis, List.of(this.keys.key("document")), this.keys.prefix(),
				Map.of("name", "document", "document", document, "quota", Map.of("country", "DE"), "from",
						List.of("READY", "PAUSED")));

		assertThat(answer).isEqualTo(List.of("document", "DE", 2L, "PAUSED"));
		assertThat(redis.get(this.keys.key("document"))).as("text inside the table is stored byte for byte")
			.isEqualTo(document);
	}

	@Test
	void loadsScriptsFromTheClassPathAndNamesMissingOnes() {
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> LuaScript.fromClasspath("nowhere/missing.lua"))
			.withMessageContaining("nowhere/missing.lua");
	}

}
