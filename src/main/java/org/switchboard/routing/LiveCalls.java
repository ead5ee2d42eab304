package org.switchboard.routing;

import java.util.Optional;

/** What routing holds of the calls it looks after, for the live view. */
public interface LiveCalls {

	/**
	 * The country whose schedule and quota apply to the call, if known, from the call's
	 * one hash.
	 */
	Optional<String> country(String callId);

}
