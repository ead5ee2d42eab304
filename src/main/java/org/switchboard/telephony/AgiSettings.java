package org.switchboard.telephony;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The FastAGI server ({@code switchboard.agi.*}).
 *
 * @param bindAddress the address to listen on
 * @param port the TCP port Asterisk dials ({@code agi://host:port/script})
 * @param allowedPeers addresses or CIDR ranges allowed to connect; others are refused and
 * logged
 * @param maxSessions the most AGI sessions served at once; more are refused so the
 * dialplan falls back
 * @param readTimeout how long a session waits for one reply from Asterisk before it is
 * dropped
 * @param shutdownGrace how long a stopping instance lets running sessions finish
 */
@Validated
@ConfigurationProperties("switchboard.agi")
record AgiSettings(@DefaultValue("127.0.0.1") @NotNull String bindAddress,
		@DefaultValue("4573") @Min(0) @Max(65535) int port, @DefaultValue( {
				"127.0.0.1", "::1" }) @NotNull List<String> allowedPeers,
		@DefaultValue("10000") @Min(1) int maxSessions, @DefaultValue("5m") @NotNull Duration readTimeout,
		@DefaultValue("10s") @NotNull Duration shutdownGrace){

}
