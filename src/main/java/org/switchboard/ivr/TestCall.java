package org.switchboard.ivr;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

/**
 * A test call as its author sees it: what they dialled, as whom and when, whether it
 * waits for their keys, and everything that happened so far.
 *
 * @param id the call's id, for its keys and its hang-up
 * @param line the number dialled
 * @param callerId the caller's number it was placed with; empty when withheld
 * @param at the moment the call plays in, in {@code zone}
 * @param zone the zone the author gave the moment in (UTC when they gave none)
 * @param state whether it waits for the author's keys
 * @param events what happened, in order
 */
public record TestCall(String id, String line, String callerId, OffsetDateTime at, ZoneId zone, State state,
		List<TestCallEvent> events) {

	public TestCall {
		events = List.copyOf(events);
	}

	/** Where a test call stands. */
	public enum State {

		/** A prompt waits for the author's keys (or silence). */
		LISTENING,

		/** The IVR is still working the last keys out. */
		BUSY,

		/** The call is over: decided, or hung up. */
		ENDED

	}

}
