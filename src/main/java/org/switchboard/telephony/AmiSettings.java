package org.switchboard.telephony;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The AMI link to Asterisk ({@code switchboard.ami.*}). The secret comes from the
 * environment ({@code SWITCHBOARD_AMI_SECRET}), never from a committed file.
 *
 * @param enabled whether to connect at all
 * @param host Asterisk's address
 * @param port the AMI port
 * @param username the manager.conf user
 * @param secret its secret
 * @param reconnectInitialDelay the first wait after a lost link; it doubles per failed
 * attempt
 * @param reconnectMaxDelay the longest wait between attempts; attempts never stop
 * @param pingInterval how often an idle link is checked with Ping
 * @param actionTimeout how long any action waits for its response
 */
@Validated
@ConfigurationProperties("switchboard.ami")
record AmiSettings(@DefaultValue("true") boolean enabled, @DefaultValue("127.0.0.1") @NotNull String host,
		@DefaultValue("5038") @Min(1) @Max(65535) int port, @DefaultValue("switchboard") @NotNull String username,
		String secret, @DefaultValue("250ms") @NotNull Duration reconnectInitialDelay,
		@DefaultValue("5s") @NotNull Duration reconnectMaxDelay, @DefaultValue("10s") @NotNull Duration pingInterval,
		@DefaultValue("5s") @NotNull Duration actionTimeout) {

	public AmiSettings {
		if (reconnectInitialDelay != null && reconnectMaxDelay != null
				&& reconnectMaxDelay.compareTo(reconnectInitialDelay) < 0) {
			throw new IllegalArgumentException("switchboard.ami.reconnect-max-delay < reconnect-initial-delay: "
					+ reconnectMaxDelay + " < " + reconnectInitialDelay);
		}
	}

	@Override
	public String toString() {
		return "AmiSettings[" + this.username + "@" + this.host + ":" + this.port + "]";
	}

	/**
	 * The one line at start that tells a newcomer with no Asterisk yet how to connect
	 * one.
	 */
	String howToConnect(int agiPort) {
		return "AMI not configured: no Asterisk connected. To connect one, set SWITCHBOARD_AMI_SECRET "
				+ "(switchboard.ami.secret) to the secret of the [" + this.username + "] user in its manager.conf, "
				+ "and switchboard.ami.host, .port and .username unless " + this.host + ", " + this.port + " and "
				+ this.username + "; its dialplan reaches Switchboard's FastAGI at agi://<this host>:" + agiPort
				+ " (switchboard.agi.*)";
	}

}
