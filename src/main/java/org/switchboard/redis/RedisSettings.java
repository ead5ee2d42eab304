package org.switchboard.redis;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How Switchboard reaches Redis ({@code switchboard.redis.*}).
 *
 * @param url {@code redis://[user:password@]host:port[/db]}; blank starts an embedded
 * Redis
 * @param poolSize the most connections one instance opens
 * @param timeout connect and read timeout of one command
 */
@Validated
@ConfigurationProperties("switchboard.redis")
public record RedisSettings(String url, @DefaultValue("32") @Min(1) int poolSize,
		@DefaultValue("2s") @NotNull Duration timeout) {

	public RedisSettings {
		if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
			throw new IllegalArgumentException("switchboard.redis.timeout <= 0: " + timeout);
		}
	}

}
