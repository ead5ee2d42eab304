package org.switchboard.callrecord;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.switchboard.call.CallEvent;

/**
 * The one shared log of each live call's events, which every instance appends to, and the
 * index of calls to look at for closing. Each method is one round trip to the store
 * however many calls it carries; failures are the caller's to absorb (it keeps what it
 * holds and tries again).
 */
interface CallLog {

	/**
	 * Appends events, oldest first, and answers the calls due to be looked at by
	 * {@code now} (at most {@code limit}) and when the next call after them is due.
	 */
	Due append(List<Appended> events, Instant now, int limit);

	/** Each call's events, and the outcome of the record already written for them. */
	Map<String, Logged> read(Collection<String> callIds);

	/**
	 * Acts on what was decided for each call, and answers those whose record this
	 * instance writes: of several instances deciding to write one call, one is answered.
	 */
	Set<String> settle(Map<String, CallClosing> decided);

	/**
	 * An event of a call, and when to look at the call for closing: {@code lookAt}
	 * replaces the time set before when the event {@code ends} the caller's part, else it
	 * is set only if none is.
	 */
	record Appended(CallEvent event, Instant lookAt, boolean ends) {

	}

	/**
	 * The calls due now, and when the first call not yet due is (empty when the index
	 * holds none).
	 */
	record Due(List<String> calls, Optional<Instant> next) {

		public Due {
			calls = List.copyOf(calls);
		}

	}

	/** What the log holds of a call: its events, and the record written, if any. */
	record Logged(List<CallEvent> events, Outcome written) {

		public Logged {
			events = List.copyOf(events);
		}

	}

}
