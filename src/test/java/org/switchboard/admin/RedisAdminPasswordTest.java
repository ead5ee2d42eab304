package org.switchboard.admin;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.JedisPooled;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import org.switchboard.redis.Keys;
import org.switchboard.redis.TestRedis;

import static org.assertj.core.api.Assertions.assertThat;

/** The built-in admin's password: from the environment, or generated once per site. */
@ExtendWith(OutputCaptureExtension.class)
class RedisAdminPasswordTest {

	private static final JedisPooled redis = TestRedis.client();

	private final Keys keys = new Keys("admin-test-" + UUID.randomUUID().toString().substring(0, 8));

	private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);

	@AfterEach
	void forgetSite() {
		redis.keys(this.keys.prefix() + "*").forEach(redis::del);
	}

	@Test
	void passwordFromTheEnvironmentIsUsedAndNeverStored() {
		String hash = new RedisAdminPassword(new AdminSettings("s3cret", Map.of()), this.bcrypt, redis, this.keys)
			.hash();

		assertThat(this.bcrypt.matches("s3cret", hash)).isTrue();
		assertThat(redis.keys(this.keys.prefix() + "*")).isEmpty();
	}

	@Test
	void withoutOneTheFirstInstanceGeneratesItLogsItOnceAndEveryInstanceSharesIt(CapturedOutput output) {
		AdminSettings unset = new AdminSettings(" ", Map.of());

		String first = new RedisAdminPassword(unset, this.bcrypt, redis, this.keys).hash();
		String second = new RedisAdminPassword(unset, this.bcrypt, redis, this.keys).hash();

		assertThat(second).isEqualTo(first);
		String log = output.getOut() + output.getErr();
		String generated = log.replaceAll("(?s).*shown only this once: (\\S+).*", "$1");
		assertThat(this.bcrypt.matches(generated, first)).isTrue();
		assertThat(log.split("shown only this once", -1)).hasSize(2);
		assertThat(redis.get(this.keys.key("admin", "password-hash"))).isEqualTo(first).doesNotContain(generated);
	}

}
