package org.switchboard.schedule;

import java.nio.file.Path;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Country schedules ({@code switchboard.schedule.*}).
 *
 * @param seedDir the documents ({@code <CC>.yml}) a country starts with when Redis has
 * none yet
 */
@Validated
@ConfigurationProperties("switchboard.schedule")
record ScheduleSettings(@DefaultValue("config/schedules") @NotNull Path seedDir) {

}
