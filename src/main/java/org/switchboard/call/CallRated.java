package org.switchboard.call;

import java.time.Instant;
import java.util.Objects;

/**
 * The caller rated the call in the post-call survey.
 *
 * @param callId the caller channel's Uniqueid
 * @param rating 1 (worst) to 5 (best)
 * @param at when the caller pressed the digit
 */
public record CallRated(String callId, int rating, Instant at) implements CallEvent {

	public CallRated {
		Objects.requireNonNull(callId, "callId");
		Objects.requireNonNull(at, "at");
		if (rating < 1 || rating > 5) {
			throw new IllegalArgumentException("rating outside 1..5: " + rating);
		}
	}

}
