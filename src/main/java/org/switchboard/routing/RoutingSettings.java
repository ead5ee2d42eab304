package org.switchboard.routing;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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
 * @param lines per dialled number: its own country and whether it routes by the caller's
 * country ({@code caller}, the default) or the line's ({@code line})
 * @param vipNumbers callers (E.164) whose calls wait at {@code vipPriority} at least
 * @param vipPriority the priority of VIP callers, 0–9
 * @param callbacks when callers are offered a callback and how it is tried
 * @param defaultHandleTime the handle time the expected wait assumes for a queue before
 * any of its calls has ended
 * @param retireGroupsAfter how long a group of needs no call has needed keeps its ready
 * index; agent changes pay for every group kept, and a call needing a retired group
 * builds its index again
 * @param groupBuildSlice the most agents one script reads while a group's index is built
 * (a group first needed, or needed again after retirement): small enough that Redis never
 * stalls on a build
 */
@Validated
@ConfigurationProperties("switchboard.routing")
record RoutingSettings(@DefaultValue("30s") @NotNull Duration claimLease,
		@DefaultValue("20s") @NotNull Duration ringTimeout, Map<String, Line> lines, Set<String> vipNumbers,
		@DefaultValue("9") int vipPriority, @DefaultValue Callbacks callbacks,
		@DefaultValue("3m") Duration defaultHandleTime, @DefaultValue("30m") Duration retireGroupsAfter,
		@DefaultValue("200") int groupBuildSlice) {

	/**
	 * Callbacks ({@code switchboard.routing.callbacks.*}).
	 *
	 * @param offerAfter how long a caller waits before the waiting line offers a
	 * callback; 0 never offers one
	 * @param attempts how many times the customer is dialled before the callback fails
	 * @param retryDelay how long after a customer did not answer the next attempt starts
	 */
	record Callbacks(@DefaultValue("90s") Duration offerAfter, @DefaultValue("3") int attempts,
			@DefaultValue("5m") Duration retryDelay) {

		Callbacks {
			if (attempts < 1 || attempts > 10) {
				throw new IllegalArgumentException("switchboard.routing.callbacks.attempts outside 1..10: " + attempts);
			}
		}

	}

	/** Whose country decides a call's schedule and team. */
	enum RouteBy {

		CALLER, LINE

	}

	/**
	 * One support line.
	 *
	 * @param country ISO 3166 alpha-2 country of the line itself
	 * @param routeBy {@code caller}: by the caller's country, falling back to the line's;
	 * {@code line}: always by the line's
	 */
	record Line(String country, RouteBy routeBy) {

		Line {
			if (country == null || !Set.of(Locale.getISOCountries()).contains(country)) {
				throw new IllegalArgumentException(
						"switchboard.routing.lines.*.country is not a country code: " + country);
			}
			routeBy = (routeBy != null) ? routeBy : RouteBy.CALLER;
		}

	}

	RoutingSettings {
		lines = (lines != null) ? Map.copyOf(lines) : Map.of();
		vipNumbers = (vipNumbers != null) ? Set.copyOf(vipNumbers) : Set.of();
		callbacks = (callbacks != null) ? callbacks : new Callbacks(Duration.ofSeconds(90), 3, Duration.ofMinutes(5));
		defaultHandleTime = (defaultHandleTime != null) ? defaultHandleTime : Duration.ofMinutes(3);
		retireGroupsAfter = (retireGroupsAfter != null) ? retireGroupsAfter : Duration.ofMinutes(30);
		if (retireGroupsAfter.compareTo(Duration.ofMinutes(1)) < 0) {
			throw new IllegalArgumentException("switchboard.routing.retire-groups-after < 1m: " + retireGroupsAfter);
		}
		if (groupBuildSlice < 1) {
			throw new IllegalArgumentException("switchboard.routing.group-build-slice < 1: " + groupBuildSlice);
		}
		if (vipPriority < 0 || vipPriority > 9) {
			throw new IllegalArgumentException("switchboard.routing.vip-priority outside 0..9: " + vipPriority);
		}
		if (ringTimeout != null && ringTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new IllegalArgumentException("switchboard.routing.ring-timeout < 1s: " + ringTimeout);
		}
		if (claimLease != null && claimLease.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new IllegalArgumentException("switchboard.routing.claim-lease < 1s: " + claimLease);
		}
	}

}
