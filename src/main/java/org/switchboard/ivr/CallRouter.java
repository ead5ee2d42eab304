package org.switchboard.ivr;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.switchboard.call.AgiCall;
import org.switchboard.call.CallRequest;

/**
 * Where a caller who asked for an agent goes when the IVR is done: straight to an agent,
 * or into the waiting line. Routing implements it.
 */
public interface CallRouter {

	Step route(CallRequest request, IvrOutcome.Routed routed);

	/**
	 * The caller asked to be called back (a callback node, or a closed line that offers
	 * callbacks): asks them for the number on this call and books the callback. Answers
	 * whether it was booked.
	 */
	boolean callback(AgiCall call, IvrOutcome.CallbackRequested callback, String language);

	/**
	 * How {@link #route} would treat the call at this instant, changing nothing: the
	 * agent a claim would choose is named, not reserved, and a call that would wait joins
	 * no line. For test calls.
	 */
	Trial tryRoute(CallRequest request, IvrOutcome.Routed routed, Instant at);

	/**
	 * As {@link #callback}, asking the caller for the number on this call, but booking
	 * nothing. Answers the number, if the caller gave a valid one.
	 */
	Optional<String> tryCallback(AgiCall call, IvrOutcome.CallbackRequested callback, String language);

	/**
	 * The step a call would take, and every rule that led to it, in the order tried.
	 */
	record Trial(Step step, List<String> trace) {

		public Trial {
			trace = List.copyOf(trace);
		}

	}

	/** The next step of a routed call. */
	sealed interface Step {

		/** An agent was reserved for the call: connect now. */
		record ConnectNow(String agentId) implements Step {

		}

		/** Nobody can take the call yet: it waits in line at this position. */
		record Wait(String queue, int position) implements Step {

		}

		/**
		 * The caller's country is closed now: say when it opens (if {@code announce} and
		 * it is known), then do {@code then}.
		 */
		record Closed(boolean announce, Optional<Instant> opens, ZoneId zone, Then then,
				String mailbox) implements Step {

		}

	}

	/** What a closed line does after its announcement. */
	enum Then {

		VOICEMAIL, CALLBACK, HANGUP

	}

}
