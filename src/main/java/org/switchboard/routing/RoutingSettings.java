package org.switchboard.routing;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Routing ({@code switchboard.routing.*}).
 *
 * @param claimLease how long a claimed agent stays reserved with no answer, miss or
 * release before the lease reaper frees them; longer than the time to redirect and ring
 * @param ringTimeout how long an agent's phone rings before the call counts as not
 * answered
 */
@Validated
@ConfigurationProperties("switchboard.routing")
record RoutingSettings(@DefaultValue("30s") @NotNull Duration claimLease,
		@DefaultValue("20s") @NotNull Duration ringTimeout) {

	RoutingSettings {
		if (ringTimeout != null && ringTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new IllegalArgumentException("switchboard.routing.ring-timeout < 1s: " + ringTimeout);
		}
		if (claimLease != null && claimLease.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new IllegalArgumentException("switchboard.routing.claim-lease < 1s: " + claimLease);
		}
	}

}
