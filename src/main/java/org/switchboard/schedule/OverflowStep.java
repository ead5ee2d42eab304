package org.switchboard.schedule;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One widening of what a waiting call may take, once it has waited {@link #after()}. The
 * steps add up: a call that waited past two steps has both.
 */
public sealed interface OverflowStep {

	/** How long a call waits before this step applies. */
	Duration after();

	/** Agents with these skills may take the call instead. */
	record AddSkills(Duration after, Map<String, Integer> skills) implements OverflowStep {

		public AddSkills {
			Objects.requireNonNull(after, "after");
			skills = Collections.unmodifiableMap(new LinkedHashMap<>(skills));
		}

	}

	/** Every minimum skill level drops by {@code by}, to no less than 1. */
	record LowerLevels(Duration after, int by) implements OverflowStep {

		public LowerLevels {
			Objects.requireNonNull(after, "after");
		}

	}

	/**
	 * Following the sun: the other country's open window takes the call, only while that
	 * country's schedule is open.
	 */
	record OtherCountry(Duration after, String country) implements OverflowStep {

		public OtherCountry {
			Objects.requireNonNull(after, "after");
			Objects.requireNonNull(country, "country");
		}

	}

}
