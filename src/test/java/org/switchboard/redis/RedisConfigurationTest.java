package org.switchboard.redis;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.UnifiedJedis;

import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class RedisConfigurationTest {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class))
		.withUserConfiguration(RedisConfiguration.class);

	@Test
	void withoutAUrlAnEmbeddedRedisServesAndTheLogSaysSo(CapturedOutput output) {
		this.contexts.withPropertyValues("switchboard.redis.url=").run((context) -> {
			assertThat(context.getBean(UnifiedJedis.class).ping()).isEqualTo("PONG");
			assertThat(context.getBean(Keys.class).prefix()).isEqualTo("sb:{main}:");
		});
		assertThat(output.getOut()).contains("No switchboard.redis.url configured: using an embedded Redis");
	}

	@Test
	void aUrlThatIsNotRedisIsRefusedAtStartWithTheKeyNamed() {
		this.contexts.withPropertyValues("switchboard.redis.url=http://localhost:6379")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("switchboard.redis.url"));
	}

	@Test
	void aSiteThatWouldBreakTheHashTagIsRefusedAtStart() {
		this.contexts.withPropertyValues("switchboard.site=Main{1}").run((context) -> assertThat(context).hasFailed());
	}

}
