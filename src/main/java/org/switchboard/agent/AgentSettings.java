package org.switchboard.agent;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Agents ({@code switchboard.agent.*}).
 *
 * @param maxRingMisses calls rung in a row and not answered before an agent goes
 * NOT_READY with reason ring-no-answer
 * @param teamMaxRingMisses the same limit for some teams, by team name
 * @param reaperInterval how often reservations and wrap-ups whose time has passed are
 * ended
 * @param wrapUp how long an agent stays in wrap-up after a call before they are ready
 * again
 */
@Validated
@ConfigurationProperties("switchboard.agent")
record AgentSettings(@DefaultValue("1") @Min(1) int maxRingMisses, Map<String, Integer> teamMaxRingMisses,
		@DefaultValue("5s") @NotNull Duration reaperInterval, @DefaultValue("30s") @NotNull Duration wrapUp) {

	AgentSettings {
		if (maxRingMisses < 1) {
			throw new IllegalArgumentException("switchboard.agent.max-ring-misses < 1: " + maxRingMisses);
		}
		teamMaxRingMisses = (teamMaxRingMisses != null) ? Map.copyOf(teamMaxRingMisses) : Map.of();
		teamMaxRingMisses.forEach((team, max) -> {
			if (max < 1) {
				throw new IllegalArgumentException("switchboard.agent.team-max-ring-misses." + team + " < 1: " + max);
			}
		});
		if (wrapUp != null && wrapUp.isNegative()) {
			throw new IllegalArgumentException("switchboard.agent.wrap-up < 0: " + wrapUp);
		}
		if (reaperInterval != null && (reaperInterval.isNegative() || reaperInterval.isZero())) {
			throw new IllegalArgumentException("switchboard.agent.reaper-interval <= 0: " + reaperInterval);
		}
	}

	/** The misses in a row that pause an agent of this team. */
	int maxRingMisses(String team) {
		return this.teamMaxRingMisses.getOrDefault(team, this.maxRingMisses);
	}

}
