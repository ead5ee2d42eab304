package org.switchboard.routing;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.switchboard.call.DialStatus;

/**
 * What routing did with a call, published as application events for the call record and
 * the meters. Every event names the caller channel's Uniqueid; none carries a phone
 * number.
 */
public sealed interface RoutingEvent {

	String callId();

	Instant at();

	/**
	 * The IVR handed the call to routing and it was either given an agent at once or put
	 * in line.
	 *
	 * @param country the country whose schedule and quota apply, empty when unknown
	 * @param agentId the agent reserved at once; empty when the call waits
	 */
	record CallRouted(String callId, String queue, Optional<String> country, Map<String, Integer> skills, int priority,
			Optional<String> agentId, Instant at) implements RoutingEvent {

		public CallRouted {
			skills = Map.copyOf(skills);
		}

	}

	/**
	 * The caller's country was closed (or its quota for this window used up): the closed
	 * action applies.
	 *
	 * @param then what follows the announcement: {@code voicemail}, {@code callback} or
	 * {@code hangup}
	 */
	record CallClosed(String callId, Optional<String> country, String then, Instant at) implements RoutingEvent {

	}

	/**
	 * The agent rang and did not answer (or was busy or unreachable); the call goes back
	 * in line.
	 *
	 * @param queue the call's queue, empty when routing no longer holds it
	 * @param country the country whose schedule and quota apply, empty when unknown
	 * @param dialStatus how the dial ended: {@code NOANSWER}, {@code BUSY},
	 * {@code CONGESTION}, {@code CHANUNAVAIL}; for a callback's agent leg
	 * {@code NO_ANSWER} or {@code BUSY}
	 */
	record CallNotAnswered(String callId, String agentId, Optional<String> queue, Optional<String> country,
			DialStatus dialStatus, Instant at) implements RoutingEvent {

	}

	/**
	 * The caller left a number to be called back and hung up; the callback keeps the
	 * call's place in line (or waits for the country to open).
	 */
	record CallbackRequested(String callId, String queue, Optional<String> country,
			Instant at) implements RoutingEvent {

	}

	/**
	 * A callback attempt ended: the customer was reached ({@code completed}), or the
	 * attempts ran out.
	 *
	 * @param agentId the agent of the last attempt
	 * @param attempts how many times the customer was dialled
	 */
	record CallbackFinished(String callId, String agentId, boolean completed, int attempts,
			Instant at) implements RoutingEvent {

	}

	/**
	 * Routing found a call it looked after gone from Asterisk, its end heard by no
	 * instance (the reconciliation after a gap in AMI or a restart); {@code waiting} when
	 * it was still in the waiting line.
	 */
	record CallVanished(String callId, boolean waiting, Instant at) implements RoutingEvent {

	}

	/**
	 * A waiting caller was moved to Asterisk's fallback route because the last
	 * Switchboard instance of the site stopped.
	 */
	record CallSentToFallback(String callId, Instant at) implements RoutingEvent {

	}

}
