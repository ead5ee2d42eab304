package org.switchboard.ivr;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The IVR ({@code switchboard.ivr.*}).
 *
 * @param flowsDir the directory of flow files ({@code *.yml})
 * @param watch whether a changed file reloads the flows at once
 * @param defaultFlow the flow for a dialled number no flow claims; blank sends such calls
 * to the dialplan's fallback
 * @param closedPrompt the sound that says a closed line opens again, per language
 * @param maxTestCalls the most test calls held at once, so they cannot exhaust memory
 * @param testCallIdleTimeout a test call left alone this long is hung up and forgotten
 */
@Validated
@ConfigurationProperties("switchboard.ivr")
public record IvrSettings(@DefaultValue("config/flows") @NotNull Path flowsDir, @DefaultValue("true") boolean watch,
		@DefaultValue("") String defaultFlow,
		@DefaultValue("custom/{language}/closed-until") @NotNull String closedPrompt,
		@DefaultValue("20") int maxTestCalls, @DefaultValue("5m") @NotNull Duration testCallIdleTimeout) {

	public IvrSettings {
		if (maxTestCalls < 1) {
			throw new IllegalArgumentException("switchboard.ivr.max-test-calls < 1: " + maxTestCalls);
		}
		if (testCallIdleTimeout != null && testCallIdleTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new IllegalArgumentException("switchboard.ivr.test-call-idle-timeout < 1s: " + testCallIdleTimeout);
		}
	}

}
