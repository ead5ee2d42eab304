package org.switchboard.callrecord;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.switchboard.call.CallEvent.IvrEnd;
import org.switchboard.call.DialStatus;

/**
 * The {@link CallRecord} of what a {@link CallTimeline} folded: the times, the rings
 * nobody answered, the holds paired up, the durations and the outcome.
 */
final class CallRecordOf {

	private CallRecordOf() {
	}

	/**
	 * The record of what is known now; {@code end} stands in for a hang-up never heard.
	 */
	static CallRecord of(CallTimeline call, CallRecordSettings settings, Instant end) {
		Instant arrivedAt = first(call.arrived, call.ivrStarted, call.queued, call.callerHungUp, end);
		Instant callerEnd = (call.callerHungUp != null) ? call.callerHungUp : end;
		Instant talkEnd = (call.answered == null) ? null : first(call.talkEnd(), end);
		List<CallRecord.Hold> holds = holds(call, talkEnd);
		Duration hold = holds.stream()
			.map((h) -> Duration.between(h.start(), h.end()))
			.reduce(Duration.ZERO, Duration::plus);
		Duration ivr = (call.ivrDone != null) ? Duration.between(first(call.arrived, call.ivrStarted), call.ivrDone)
				: null;
		Duration wait = null;
		if (call.queued != null) {
			wait = Duration.between(call.queued, (call.answered != null) ? call.answered : callerEnd);
		}
		List<CallRecord.RingNoAnswer> ringNoAnswer = ringNoAnswer(call);
		Duration ring = ringNoAnswer.stream()
			.map(CallRecord.RingNoAnswer::ring)
			.filter(Objects::nonNull)
			.reduce(Duration::plus)
			.orElse(null);
		Duration talk = null;
		Duration wrapUp = null;
		Duration handle = null;
		if (call.answered != null) {
			Instant rang = first(call.ringStarts.get(call.answeringLeg), offeredAt(call), call.answered);
			Duration answering = nonNegative(Duration.between(rang, call.answered));
			ring = (ring != null) ? ring.plus(answering) : answering;
			talk = nonNegative(Duration.between(call.answered, talkEnd).minus(hold));
			Instant workStart = first(call.agentHungUp, talkEnd);
			wrapUp = (call.wrapUpEnded != null) ? nonNegative(Duration.between(workStart, call.wrapUpEnded))
					: Duration.ZERO;
			handle = talk.plus(hold).plus(wrapUp);
		}
		Outcome outcome = outcome(call);
		boolean shortAbandon = outcome == Outcome.ABANDONED_IN_QUEUE && wait != null
				&& wait.compareTo(settings.shortAbandonThreshold()) < 0;
		CallRecord.Times times = new CallRecord.Times(arrivedAt, call.ivrDone, call.queued, offeredAt(call),
				call.answered, call.agentHungUp, call.callerHungUp, call.wrapUpEnded, holds);
		CallRecord.Durations durations = new CallRecord.Durations(ivr, (wait != null) ? nonNegative(wait) : null, ring,
				talk, (call.answered != null) ? hold : null, wrapUp, handle);
		return new CallRecord(call.callId, call.line, call.caller, call.country, call.flow, call.ivrPath, call.queue,
				call.skills, call.agent(), ringNoAnswer, outcome, shortAbandon, call.csat, times, durations);
	}

	/**
	 * The rings nobody answered, in order. Each rang from the first DialBegin since the
	 * agent was reserved for it (or since the attempt before, when its reservation was
	 * not heard) until routing heard the dial end; from the reservation when Asterisk
	 * reported no ring, except a phone it found unreachable, which did not ring.
	 */
	private static List<CallRecord.RingNoAnswer> ringNoAnswer(CallTimeline call) {
		List<CallRecord.RingNoAnswer> rings = new ArrayList<>();
		Instant previous = null;
		for (Map.Entry<Instant, CallTimeline.NotAnswered> attempt : call.notAnswered.entrySet()) {
			Instant end = attempt.getKey();
			String agentId = attempt.getValue().agentId();
			Instant since = previous;
			for (Map.Entry<Instant, String> offer : call.offers.headMap(end, true).descendingMap().entrySet()) {
				if (offer.getValue().equals(agentId)) {
					since = (since == null || offer.getKey().isAfter(since)) ? offer.getKey() : since;
					break;
				}
			}
			Instant start = null;
			for (Instant rang : call.ringStarts.values()) {
				if (!rang.isAfter(end) && (since == null || !rang.isBefore(since))
						&& (start == null || rang.isBefore(start))) {
					start = rang;
				}
			}
			Duration rang;
			if (start == null && attempt.getValue().dialStatus() == DialStatus.CHANUNAVAIL) {
				// Asterisk found no reachable contact: nothing rang
				rang = Duration.ZERO;
			}
			else {
				start = (start != null) ? start : since;
				rang = (start != null) ? nonNegative(Duration.between(start, end)) : null;
			}
			rings.add(new CallRecord.RingNoAnswer(agentId, rang, attempt.getValue().dialStatus().name()));
			previous = end;
		}
		return rings;
	}

	/**
	 * The outcome, from the strongest fact down: a callback, an answer, then where the
	 * caller was left.
	 */
	private static Outcome outcome(CallTimeline call) {
		if (call.callbackCompleted) {
			return Outcome.CALLBACK_COMPLETED;
		}
		if (call.callbackRequested || call.ivrEnd == IvrEnd.CALLBACK) {
			return Outcome.CALLBACK_REQUESTED;
		}
		if (call.answered != null) {
			return call.transferred ? Outcome.TRANSFERRED : Outcome.ANSWERED;
		}
		if (call.cutOff) {
			return Outcome.FAILED;
		}
		if (call.fellBack) {
			return Outcome.FALLBACK;
		}
		if (call.closed) {
			return Outcome.CLOSED;
		}
		if (call.ivrEnd == IvrEnd.VOICEMAIL) {
			// sent to voicemail, but no message unless VoiceMail said it saved one
			return Boolean.TRUE.equals(call.messageLeft) ? Outcome.VOICEMAIL : Outcome.ABANDONED_IN_IVR;
		}
		if (call.ivrEnd == IvrEnd.SELF_SERVED) {
			return Outcome.SELF_SERVICE;
		}
		if (call.ivrEnd == IvrEnd.FAILED) {
			return Outcome.FAILED;
		}
		// a caller "abandoned" in the IVR may have been moved on (Redirect) into the
		// queue
		if (call.queued != null) {
			return Outcome.ABANDONED_IN_QUEUE;
		}
		return (call.ivrEnd == IvrEnd.ROUTED) ? Outcome.FAILED : Outcome.ABANDONED_IN_IVR;
	}

	/**
	 * Pairs Hold with the next Unhold between answer and talk end; a repeated Hold while
	 * held changes nothing, a hold never ended lasts to the end of the talk.
	 */
	private static List<CallRecord.Hold> holds(CallTimeline call, Instant talkEnd) {
		List<CallRecord.Hold> holds = new ArrayList<>();
		if (call.answered == null || talkEnd == null) {
			return holds;
		}
		Instant heldSince = null;
		for (Map.Entry<Instant, Boolean> change : call.holdChanges.entrySet()) {
			Instant at = change.getKey();
			if (at.isBefore(call.answered) || at.isAfter(talkEnd)) {
				continue;
			}
			if (change.getValue() && heldSince == null) {
				heldSince = at;
			}
			else if (!change.getValue() && heldSince != null) {
				holds.add(new CallRecord.Hold(heldSince, at));
				heldSince = null;
			}
		}
		if (heldSince != null) {
			holds.add(new CallRecord.Hold(heldSince, talkEnd));
		}
		return holds;
	}

	private static Instant offeredAt(CallTimeline call) {
		Map.Entry<Instant, String> offer = call.offer();
		return (offer != null) ? offer.getKey() : null;
	}

	private static Duration nonNegative(Duration duration) {
		return duration.isNegative() ? Duration.ZERO : duration;
	}

	private static Instant first(Instant... candidates) {
		for (Instant candidate : candidates) {
			if (candidate != null) {
				return candidate;
			}
		}
		return null;
	}

}
