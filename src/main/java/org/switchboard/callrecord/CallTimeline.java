package org.switchboard.callrecord;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The facts gathered about one live call, from AMI events, the IVR and routing, until it
 * is written as a {@link CallRecord}. Every fact is kept by what it is, not by when it
 * arrived, so an event heard twice or out of order changes nothing: an instant is set
 * once, holds are a set of instants paired up only when the record is made. Not
 * thread-safe: the recorder guards it.
 */
final class CallTimeline {

	/** How the caller left the IVR. */
	enum IvrEnd {

		ROUTED, VOICEMAIL, CALLBACK, SELF_SERVED, ABANDONED, FAILED

	}

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

	/** When what other instances shared was last merged in; null until it was. */
	Instant lastMerged;

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
	private final Map<String, Instant> ringStarts = new HashMap<>();

	/** Reservations of agents for the call, by instant. */
	private final TreeMap<Instant, String> offers = new TreeMap<>();

	/** Hang-up per agent leg, by the leg's Uniqueid. */
	private final Map<String, Instant> legEnds = new HashMap<>();

	/** Hold (true) and Unhold (false) by instant: a repeated event is the same entry. */
	private final TreeMap<Instant, Boolean> holdChanges = new TreeMap<>();

	CallTimeline(String callId) {
		this.callId = callId;
	}

	void heard(Instant at) {
		if (this.lastHeard == null || at.isAfter(this.lastHeard)) {
			this.lastHeard = at;
		}
	}

	void arrived(Instant at, String line, String caller) {
		this.arrived = earliest(this.arrived, at);
		this.line = (this.line != null) ? this.line : line;
		this.caller = (this.caller != null) ? this.caller : caller;
	}

	void ringing(String legId, Instant at) {
		this.ringStarts.merge(legId, at, CallTimeline::earliest);
	}

	/**
	 * An agent leg answered; a second, other leg answering means the call was passed on.
	 */
	void answered(String legId, Instant at) {
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

	void hold(Instant at, boolean held) {
		this.holdChanges.putIfAbsent(at, held);
	}

	/**
	 * Any agent leg's end, kept by leg: it may be heard before the answer of that leg.
	 */
	void legHungUp(String legId, Instant at) {
		this.legEnds.merge(legId, at, CallTimeline::earliest);
		this.agentHungUp = (this.answeringLeg != null) ? this.legEnds.get(this.answeringLeg) : null;
	}

	void callerHungUp(Instant at) {
		this.callerHungUp = earliest(this.callerHungUp, at);
	}

	void offered(String agentId, Instant at) {
		this.offers.putIfAbsent(at, agentId);
	}

	/**
	 * The agent of the call: the last one reserved before the answer, or the last one
	 * reserved at all; an agent set by a callback otherwise.
	 */
	String agent() {
		Map.Entry<Instant, String> offer = (this.answered != null) ? this.offers.floorEntry(this.answered)
				: this.offers.lastEntry();
		return (offer != null) ? offer.getValue() : this.agentId;
	}

	/** When the agent of the call was reserved. */
	Instant offeredAt() {
		Map.Entry<Instant, String> offer = (this.answered != null) ? this.offers.floorEntry(this.answered)
				: this.offers.lastEntry();
		return (offer != null) ? offer.getKey() : null;
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
	 * The record of what is known now; {@code end} stands in for a hang-up never heard.
	 */
	CallRecord toRecord(CallRecordSettings settings, Instant end) {
		return CallTimelineRecord.of(this, settings, end);
	}

	/**
	 * The outcome, from the strongest fact down: a callback, an answer, then where the
	 * caller was left.
	 */
	Outcome outcome() {
		return CallTimelineRecord.outcome(this);
	}

	/** When the answering leg started to ring; null if unheard. */
	Instant answeringLegRang() {
		return (this.answeringLeg != null) ? this.ringStarts.get(this.answeringLeg) : null;
	}

	/** Hold (true) and Unhold (false) by instant. */
	Map<Instant, Boolean> holdChanges() {
		return this.holdChanges;
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

	static Instant earliest(Instant a, Instant b) {
		if (a == null) {
			return b;
		}
		if (b == null) {
			return a;
		}
		return a.isBefore(b) ? a : b;
	}

	static Instant first(Instant... candidates) {
		for (Instant candidate : candidates) {
			if (candidate != null) {
				return candidate;
			}
		}
		return null;
	}

}
