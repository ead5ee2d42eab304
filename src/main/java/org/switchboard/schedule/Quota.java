package org.switchboard.schedule;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Limits on calls; an empty limit means none.
 *
 * @param maxConcurrent the most calls at once
 * @param maxAnswered the most calls answered in one occurrence of a window; only windows
 * carry it
 */
public record Quota(OptionalInt maxConcurrent, OptionalInt maxAnswered) {

	/** No limit at all. */
	public static final Quota NONE = new Quota(OptionalInt.empty(), OptionalInt.empty());

	/** The largest limit a document may set: anything above is a typo, not a plan. */
	public static final int MAX = 100_000;

	public Quota {
		Objects.requireNonNull(maxConcurrent, "maxConcurrent");
		Objects.requireNonNull(maxAnswered, "maxAnswered");
	}

	public boolean isNone() {
		return this.maxConcurrent.isEmpty() && this.maxAnswered.isEmpty();
	}

}
