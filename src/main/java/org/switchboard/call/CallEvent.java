package org.switchboard.call;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What happened to one call, in the past tense, in the order a call lives it: the events
 * every feature hears instead of Asterisk's channels, and the entries of the call's
 * shared log that its record is folded from. Every event names the call by its id (the
 * caller channel's Uniqueid) and carries no phone number but a masked one.
 * <p>
 * The {@code telephony} adapter makes the events Asterisk reports (from
 * {@link CallArrived} to {@link CallCutOff}), each once per instance hearing AMI; the
 * IVR, routing, the agent's state and the survey make the others.
 */
public sealed interface CallEvent
		permits CallEvent.CallArrived, CallEvent.IvrFinished, CallEvent.CallQueued, CallEvent.AgentReserved,
		CallEvent.AgentRinging, CallEvent.RingNotAnswered, CallEvent.CallAnswered, CallEvent.CallHeld,
		CallEvent.CallResumed, CallEvent.AgentLegEnded, CallEvent.CallerHungUp, CallEvent.WrapUpEnded, CallRated,
		CallEvent.CallClosed, CallEvent.CallbackRequested, CallEvent.CallbackFinished, CallEvent.CallFellBack,
		CallEvent.CallSentToFallback, CallEvent.VoicemailEnded, CallEvent.CallCutOff, CallEvent.CallVanished {

	/** The caller channel's Uniqueid. */
	String callId();

	/** When it happened: Asterisk's own time for what Asterisk reports. */
	Instant at();

	/**
	 * A caller's call came in from the carrier on {@code line} (the number dialled).
	 *
	 * @param caller the caller's number, masked; null when withheld
	 */
	record CallArrived(String callId, String line, String caller, Instant at) implements CallEvent {

	}

	/**
	 * The caller left the IVR.
	 *
	 * @param flowVersion the version the call ran (a reload mid-call does not change it)
	 * @param language the language the caller ended in
	 * @param country the caller's country, when known
	 * @param attributes what the caller entered, by attribute name; masked where the node
	 * is sensitive
	 * @param path every node passed, in order, with the way the caller left it
	 * @param queue the queue it was routed to, or the callback's queue; null otherwise
	 * @param skills the skills the flow asked for
	 */
	record IvrFinished(String callId, String flow, String flowVersion, String language, String country,
			Map<String, String> attributes, List<Step> path, IvrEnd end, String queue, Map<String, Integer> skills,
			Instant startedAt, Instant at) implements CallEvent {

		public IvrFinished {
			attributes = Map.copyOf(attributes);
			path = List.copyOf(path);
			skills = (skills != null) ? Map.copyOf(skills) : Map.of();
		}

		/** The nodes passed, by name. */
		public List<String> nodes() {
			return this.path.stream().map(Step::node).toList();
		}

		/**
		 * A node the caller passed, and the event that left it ({@code digit:1},
		 * {@code failure}...) or the end.
		 */
		public record Step(String node, String exit) {

		}

	}

	/**
	 * Routing took the call: it was either given an agent at once ({@code agentId}) or
	 * put in line.
	 *
	 * @param country the country whose schedule and quota apply, empty when unknown
	 */
	record CallQueued(String callId, String queue, Optional<String> country, Map<String, Integer> skills, int priority,
			Optional<String> agentId, Instant at) implements CallEvent {

		public CallQueued {
			skills = Map.copyOf(skills);
		}

	}

	/**
	 * An agent was reserved for the call; the call is to reach them before
	 * {@code leaseUntil}.
	 *
	 * @param fromWaitingLine whether the call was waiting in the dialplan, so it must be
	 * moved (Redirect) rather than answered in its own AGI session
	 */
	record AgentReserved(String callId, String agentId, Instant leaseUntil, boolean fromWaitingLine,
			Instant at) implements CallEvent {

	}

	/** An agent's phone started ringing for the call; {@code leg} names that leg. */
	record AgentRinging(String callId, String leg, Instant at) implements CallEvent {

	}

	/**
	 * The agent rang and did not answer (or was busy or unreachable); the call goes back
	 * in line.
	 *
	 * @param queue the call's queue, empty when routing no longer holds it
	 * @param dialStatus how the dial ended; for a callback's agent leg {@code NOANSWER}
	 * or {@code BUSY}
	 */
	record RingNotAnswered(String callId, String agentId, Optional<String> queue, Optional<String> country,
			DialStatus dialStatus, Instant at) implements CallEvent {

	}

	/**
	 * An agent's leg answered the call: {@code leg} names it, {@code endpoint} is the
	 * agent's phone.
	 */
	record CallAnswered(String callId, String leg, String endpoint, Instant at) implements CallEvent {

	}

	/** The agent put the caller on hold. */
	record CallHeld(String callId, Instant at) implements CallEvent {

	}

	/** The agent took the caller off hold. */
	record CallResumed(String callId, Instant at) implements CallEvent {

	}

	/** A leg of the call other than the caller's ended (an agent's, rung or talking). */
	record AgentLegEnded(String callId, String leg, Instant at) implements CallEvent {

	}

	/**
	 * The caller's channel ended: the proof that the caller is gone (hung up, or cut
	 * off).
	 */
	record CallerHungUp(String callId, Instant at) implements CallEvent {

	}

	/** The agent of the call finished its after-call work. */
	record WrapUpEnded(String callId, String agentId, Instant at) implements CallEvent {

	}

	/**
	 * The caller's country was closed (or its quota for this window used up): the closed
	 * action applies.
	 *
	 * @param then what follows the announcement: {@code voicemail}, {@code callback} or
	 * {@code hangup}
	 */
	record CallClosed(String callId, Optional<String> country, String then, Instant at) implements CallEvent {

	}

	/**
	 * The caller left a number to be called back and hung up; the callback keeps the
	 * call's place in line (or waits for the country to open).
	 */
	record CallbackRequested(String callId, String queue, Optional<String> country, Instant at) implements CallEvent {

	}

	/**
	 * A callback ended: the customer was reached ({@code completed}), or the attempts ran
	 * out.
	 *
	 * @param agentId the agent of the last attempt
	 * @param attempts how many times the customer was dialled
	 */
	record CallbackFinished(String callId, String agentId, boolean completed, int attempts,
			Instant at) implements CallEvent {

	}

	/**
	 * The call entered Asterisk's fallback route (the dialplan's marker): Switchboard
	 * could not serve it, Asterisk's static route does.
	 */
	record CallFellBack(String callId, Instant at) implements CallEvent {

	}

	/**
	 * Switchboard moved the waiting caller to Asterisk's fallback route, because the last
	 * instance of the site stopped: Switchboard's part is over.
	 */
	record CallSentToFallback(String callId, Instant at) implements CallEvent {

	}

	/** The caller left VoiceMail; {@code messageLeft} when it saved a message. */
	record VoicemailEnded(String callId, boolean messageLeft, Instant at) implements CallEvent {

	}

	/**
	 * Asterisk stopped or restarted while the call was live: the caller was cut off, they
	 * did not hang up.
	 */
	record CallCutOff(String callId, Instant at) implements CallEvent {

	}

	/**
	 * Routing found a call it looked after gone from Asterisk with its end heard by no
	 * instance; {@code waiting} when it was still in the waiting line.
	 */
	record CallVanished(String callId, boolean waiting, Instant at) implements CallEvent {

	}

	/** How a caller left the IVR. */
	enum IvrEnd {

		ROUTED, VOICEMAIL, CALLBACK, SELF_SERVED, ABANDONED, FAILED

	}

}
