package org.switchboard.callrecord;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.switchboard.call.CallEvent;
import org.switchboard.call.CallEvent.IvrEnd;
import org.switchboard.call.CallRated;
import org.switchboard.call.DialStatus;

/**
 * A call's events folded into what is known of it, to be made into its
 * {@link CallRecord}: plain Java, no Redis, no Spring. Every event is kept by what it is,
 * not by when it arrived, so an event heard twice or in another order changes nothing: an
 * instant is set once (the earliest), holds are a set of instants paired up only when the
 * record is made. Not thread-safe: one fold owns it.
 */
final class CallTimeline {

	final String callId;

	Instant arrived;

	Instant ivrStarted;

	Instant ivrDone;

	Instant queued;

	Instant answered;

	Instant agentHungUp;

	Instant callerHungUp;

	Instant wrapUpEnded;

	Instant lastHeard;

	/** When routing found the call gone with its end unheard; null unless it did. */
	private Instant vanished;

	/** Whether the call vanished from the waiting line. */
	private boolean vanishedWaiting;

	String line;

	String caller;

	String country;

	String flow;

	List<String> ivrPath = List.of();

	String queue;

	Map<String, Integer> skills = Map.of();

	String agentId;

	/** The Uniqueid of the agent leg that answered first. */
	String answeringLeg;

	boolean transferred;

	IvrEnd ivrEnd;

	boolean closed;

	boolean callbackRequested;

	boolean callbackCompleted;

	/** The call went to Asterisk's fallback route. */
	boolean fellBack;

	/** Asterisk shut down while the call was not yet answered. */
	boolean cutOff;

	/** Whether VoiceMail saved a message (VMSTATUS=SUCCESS); null until heard. */
	Boolean messageLeft;

	Integer csat;

	/** Ring start per agent leg (DialBegin), by the leg's Uniqueid. */
	final Map<String, Instant> ringStarts = new HashMap<>();

	/** Reservations of agents for the call, by instant. */
	final TreeMap<Instant, String> offers = new TreeMap<>();

	/** Agents rung who did not answer, by the instant routing heard it. */
	final TreeMap<Instant, NotAnswered> notAnswered = new TreeMap<>();

	/** Hang-up per agent leg, by the leg's Uniqueid. */
	final Map<String, Instant> legEnds = new HashMap<>();

	/** Hold (true) and Unhold (false) by instant: a repeated event is the same entry. */
	final TreeMap<Instant, Boolean> holdChanges = new TreeMap<>();

	CallTimeline(String callId) {
		this.callId = callId;
	}

	/** The fold of a call's events, in any order. */
	static CallTimeline of(String callId, Iterable<? extends CallEvent> events) {
		CallTimeline call = new CallTimeline(callId);
		for (CallEvent event : events) {
			call.heard(event.at());
			call.apply(event);
		}
		call.settle();
		return call;
	}

	private void apply(CallEvent event) {
		switch (event) {
			case CallEvent.CallArrived arrived -> arrived(arrived.at(), arrived.line(), arrived.caller());
			case CallEvent.IvrFinished ivr -> ivrFinished(ivr);
			case CallEvent.CallQueued queued -> queued(queued);
			case CallEvent.AgentReserved reserved -> offered(reserved.agentId(), reserved.at());
			case CallEvent.AgentRinging ringing ->
				this.ringStarts.merge(ringing.leg(), ringing.at(), CallTimeline::earliest);
			case CallEvent.RingNotAnswered missed ->
				this.notAnswered.putIfAbsent(missed.at(), new NotAnswered(missed.agentId(), missed.dialStatus()));
			case CallEvent.CallAnswered answered -> answered(answered.leg(), answered.at());
			case CallEvent.CallHeld held -> this.holdChanges.putIfAbsent(held.at(), true);
			case CallEvent.CallResumed resumed -> this.holdChanges.putIfAbsent(resumed.at(), false);
			case CallEvent.AgentLegEnded leg -> legHungUp(leg.leg(), leg.at());
			case CallEvent.CallerHungUp hungUp -> callerHungUp(hungUp.at());
			case CallEvent.WrapUpEnded wrapUp -> this.wrapUpEnded = earliest(this.wrapUpEnded, wrapUp.at());
			case CallRated rated -> this.csat = rated.rating();
			case CallEvent.CallClosed closed -> {
				this.closed = true;
				closed.country().ifPresent(this::country);
			}
			case CallEvent.CallbackRequested callback -> {
				this.callbackRequested = true;
				this.queue = (this.queue != null) ? this.queue : callback.queue();
				callback.country().ifPresent(this::country);
			}
			case CallEvent.CallbackFinished finished -> {
				if (finished.completed()) {
					this.callbackCompleted = true;
					this.agentId = (this.agentId != null) ? this.agentId : finished.agentId();
				}
			}
			case CallEvent.CallFellBack fellBack -> this.fellBack = true;
			case CallEvent.CallSentToFallback sent -> {
				// Switchboard's part is over: the caller is in Asterisk's hands now
				this.fellBack = true;
				callerHungUp(sent.at());
			}
			case CallEvent.VoicemailEnded voicemail -> this.messageLeft = voicemail.messageLeft();
			case CallEvent.CallCutOff cutOff -> this.cutOff = true;
			case CallEvent.CallVanished gone -> {
				this.vanished = earliest(this.vanished, gone.at());
				this.vanishedWaiting |= gone.waiting();
			}
		}
	}

	private void ivrFinished(CallEvent.IvrFinished ivr) {
		this.ivrStarted = ivr.startedAt();
		this.ivrDone = ivr.at();
		this.flow = ivr.flow();
		this.ivrPath = ivr.nodes();
		this.ivrEnd = ivr.end();
		country(ivr.country());
		this.queue = (this.queue != null) ? this.queue : ivr.queue();
		this.skills = this.skills.isEmpty() ? ivr.skills() : this.skills;
	}

	private void queued(CallEvent.CallQueued queued) {
		this.queued = earliest(this.queued, queued.at());
		this.queue = queued.queue();
		this.skills = queued.skills();
		queued.country().ifPresent(this::country);
		queued.agentId().ifPresent((agent) -> offered(agent, queued.at()));
	}

	private void country(String country) {
		if (country != null) {
			this.country = country;
		}
	}

	/**
	 * A call routing found gone whose end nobody heard ended then; if it was waiting, no
	 * Switchboard was there to end it: the dialplan's next tick failed and sent it to the
	 * fallback route (unless the caller hung up first, which nobody can tell now).
	 */
	private void settle() {
		if (this.vanished != null && this.callerHungUp == null) {
			this.callerHungUp = this.vanished;
			this.fellBack |= this.vanishedWaiting;
		}
	}

	private void heard(Instant at) {
		if (this.lastHeard == null || at.isAfter(this.lastHeard)) {
			this.lastHeard = at;
		}
	}

	private void arrived(Instant at, String line, String caller) {
		this.arrived = earliest(this.arrived, at);
		this.line = (this.line != null) ? this.line : line;
		this.caller = (this.caller != null) ? this.caller : caller;
	}

	/**
	 * An agent leg answered; a second, other leg answering means the call was passed on.
	 */
	private void answered(String legId, Instant at) {
		if (this.answeringLeg == null) {
			this.answeringLeg = legId;
			this.answered = at;
			this.agentHungUp = this.legEnds.get(legId);
		}
		else if (this.answeringLeg.equals(legId)) {
			this.answered = earliest(this.answered, at);
		}
		else {
			this.transferred = true;
		}
	}

	/**
	 * Any agent leg's end, kept by leg: it may be heard before the answer of that leg.
	 */
	private void legHungUp(String legId, Instant at) {
		this.legEnds.merge(legId, at, CallTimeline::earliest);
		this.agentHungUp = (this.answeringLeg != null) ? this.legEnds.get(this.answeringLeg) : null;
	}

	private void callerHungUp(Instant at) {
		this.callerHungUp = earliest(this.callerHungUp, at);
	}

	private void offered(String agentId, Instant at) {
		this.offers.putIfAbsent(at, agentId);
	}

	/**
	 * The reservation of the call's agent: the last one before the answer, or the last
	 * one at all; null if none was heard.
	 */
	Map.Entry<Instant, String> offer() {
		return (this.answered != null) ? this.offers.floorEntry(this.answered) : this.offers.lastEntry();
	}

	/** The agent of the call: the one reserved, else one set by a callback. */
	String agent() {
		Map.Entry<Instant, String> offer = offer();
		return (offer != null) ? offer.getValue() : this.agentId;
	}

	/** The talk ended when either side hung up first after the answer. */
	Instant talkEnd() {
		if (this.answered == null) {
			return null;
		}
		return earliest(this.agentHungUp, this.callerHungUp);
	}

	/** Whether an agent still owes after-call work for it. */
	boolean awaitsWrapUp() {
		return this.answered != null && this.wrapUpEnded == null;
	}

	/**
	 * Whether a caller's call was heard (its arrival from the carrier, or what the IVR,
	 * routing or the fallback did with it): a reservation or wrap-up alone (e.g. for a
	 * callback of a call written long ago), or an agent phone's own call, is not a call.
	 */
	boolean isCall() {
		return this.arrived != null || this.ivrDone != null || this.queued != null || this.closed
				|| this.callbackRequested || this.fellBack;
	}

	/** An agent rung who did not answer, and how the dial ended. */
	record NotAnswered(String agentId, DialStatus dialStatus) {

	}

	static Instant earliest(Instant a, Instant b) {
		if (a == null) {
			return b;
		}
		if (b == null) {
			return a;
		}
		return a.isBefore(b) ? a : b;
	}

}
