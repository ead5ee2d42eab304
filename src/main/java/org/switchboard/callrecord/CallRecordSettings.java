package org.switchboard.callrecord;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Call records and KPIs ({@code switchboard.callrecord.*}; {@code survey-lines} is
 * routing's, which runs the survey).
 *
 * @param retention how long records stay in the Redis stream
 * @param serviceLevelThreshold T of the service level: a call answered within T counts as
 * answered in time
 * @param shortAbandonThreshold a caller who hangs up in the queue sooner than this is a
 * short abandon, left out of service level and abandonment rate
 * @param closeDelay how long after the caller's hang-up a record waits for late facts
 * (AMI and AGI are not ordered against each other) before it is written
 * @param wrapUpWait how long after the caller's hang-up a record waits for the agent's
 * wrap-up to end before it is written without it
 * @param staleAfter a call nothing was heard of for this long is written with what is
 * known (a lost hang-up)
 * @param bufferSize records held in memory while Redis is away; beyond it the oldest are
 * dropped (and counted)
 * @param retryInterval how often held records are written again
 */
@Validated
@ConfigurationProperties("switchboard.callrecord")
public record CallRecordSettings(@DefaultValue("30d") @NotNull Duration retention,
		@DefaultValue("20s") @NotNull Duration serviceLevelThreshold,
		@DefaultValue("5s") @NotNull Duration shortAbandonThreshold, @DefaultValue("3s") @NotNull Duration closeDelay,
		@DefaultValue("10m") @NotNull Duration wrapUpWait, @DefaultValue("6h") @NotNull Duration staleAfter,
		@DefaultValue("10000") int bufferSize, @DefaultValue("1s") @NotNull Duration retryInterval) {

	public CallRecordSettings {
		if (retention != null && retention.compareTo(Duration.ofHours(1)) < 0) {
			throw new IllegalArgumentException("switchboard.callrecord.retention < 1h: " + retention);
		}
		if (serviceLevelThreshold != null && !serviceLevelThreshold.isPositive()) {
			throw new IllegalArgumentException(
					"switchboard.callrecord.service-level-threshold <= 0: " + serviceLevelThreshold);
		}
		if (shortAbandonThreshold != null && shortAbandonThreshold.isNegative()) {
			throw new IllegalArgumentException(
					"switchboard.callrecord.short-abandon-threshold < 0: " + shortAbandonThreshold);
		}
		if (bufferSize < 1) {
			throw new IllegalArgumentException("switchboard.callrecord.buffer-size < 1: " + bufferSize);
		}
		if (retryInterval != null && retryInterval.compareTo(Duration.ofMillis(10)) < 0) {
			throw new IllegalArgumentException("switchboard.callrecord.retry-interval < 10ms: " + retryInterval);
		}
	}

	/** The defaults, for tests of the domain alone. */
	static CallRecordSettings defaults() {
		return new CallRecordSettings(Duration.ofDays(30), Duration.ofSeconds(20), Duration.ofSeconds(5),
				Duration.ofSeconds(3), Duration.ofMinutes(10), Duration.ofHours(6), 10000, Duration.ofSeconds(1));
	}

}
