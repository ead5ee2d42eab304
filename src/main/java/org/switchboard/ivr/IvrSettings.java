package org.switchboard.ivr;

import java.nio.file.Path;

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
 */
@Validated
@ConfigurationProperties("switchboard.ivr")
public record IvrSettings(@DefaultValue("config/flows") @NotNull Path flowsDir, @DefaultValue("true") boolean watch,
		@DefaultValue("") String defaultFlow,
		@DefaultValue("custom/{language}/closed-until") @NotNull String closedPrompt) {

}
