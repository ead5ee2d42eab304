package org.switchboard.schedule;

import java.nio.file.Path;
import java.util.List;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Country schedules ({@code switchboard.schedule.*}).
 *
 * @param seedDir the documents ({@code <CC>.yml}) a country starts with when Redis has
 * none yet
 * @param skills skills a schedule may require even when no agent has them yet; any skill
 * or language of a saved agent is known as well
 */
@Validated
@ConfigurationProperties("switchboard.schedule")
record ScheduleSettings(@DefaultValue("config/schedules") @NotNull Path seedDir, @DefaultValue( {
		"support", "billing", "general", "english", "german", "french", "polish", "arabic", "hindi",
		"spanish" }) List<String> skills){

}
