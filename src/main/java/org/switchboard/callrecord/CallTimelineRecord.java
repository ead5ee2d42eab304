package org.switchboard.callrecord;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link CallTimeline} into its {@link CallRecord}: the durations, the holds
 * paired up, and the outcome from the strongest fact down.
 */
final class CallTimelineRecord {

	private CallTimelineRecord() {
	}

	/**
	 * The record of what is known now; {@code end} stands in for a hang-up never heard.
	 */
	static CallRecord of(CallTimeline call, CallRecordSettings settings, Instant end) {
		Instant arrivedAt = CallTimeline.first(call.arrived, call.ivrStarted, call.queued, call.callerHungUp, end);
		Instant callerEnd = (call.callerHungUp != null) ? call.callerHungUp : end;
		Instant talkEnd = (call.answered == null) ? null : CallTimeline.first(call.talkEnd(), end);
		List<CallRecord.Hold> holds = holds(call, talkEnd);
		Duration hold = holds.stream()
			.map((h) -> Duration.between(h.start(), h.end()))
			.reduce(Duration.ZERO, Duration::plus);
		Duration ivr = (call.ivrDone != null)
				? Duration.between(CallTimeline.first(call.arrived, call.ivrStarted), call.ivrDone) : null;
		Duration wait = null;
		if (call.queued != null) {
			wait = Duration.between(call.queued, (call.answered != null) ? call.answered : callerEnd);
		}
		Duration ring = null;
		Duration talk = null;
		Duration wrapUp = null;
		Duration handle = null;
		if (call.answered != null) {
			Instant rang = CallTimeline.first(call.answeringLegRang(), call.offeredAt(), call.answered);
			ring = nonNegative(Duration.between(rang, call.answered));
			talk = nonNegative(Duration.between(call.answered, talkEnd).minus(hold));
			Instant workStart = CallTimeline.first(call.agentHungUp, talkEnd);
			wrapUp = (call.wrapUpEnded != null) ? nonNegative(Duration.between(workStart, call.wrapUpEnded))
					: Duration.ZERO;
			handle = talk.plus(hold).plus(wrapUp);
		}
		Outcome outcome = outcome(call);
		boolean shortAbandon = outcome == Outcome.ABANDONED_IN_QUEUE && wait != null
				&& wait.compareTo(settings.shortAbandonThreshold()) < 0;
		CallRecord.Times times = new CallRecord.Times(arrivedAt, call.ivrDone, call.queued, call.offeredAt(),
				call.answered, call.agentHungUp, call.callerHungUp, call.wrapUpEnded, holds);
		CallRecord.Durations durations = new CallRecord.Durations(ivr, (wait != null) ? nonNegative(wait) : null, ring,
				talk, (call.answered != null) ? hold : null, wrapUp, handle);
		return new CallRecord(call.callId, call.line, call.caller, call.country, call.flow, call.ivrPath, call.queue,
				call.skills, call.agent(), outcome, shortAbandon, call.csat, times, durations);
	}

	/**
	 * The outcome, from the strongest fact down: a callback, an answer, then where the
	 * caller was left.
	 */
	static Outcome outcome(CallTimeline call) {
		if (call.callbackCompleted) {
			return Outcome.CALLBACK_COMPLETED;
		}
		if (call.callbackRequested || call.ivrEnd == CallTimeline.IvrEnd.CALLBACK) {
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
		if (call.ivrEnd == CallTimeline.IvrEnd.VOICEMAIL) {
			// sent to voicemail, but no message unless VoiceMail said it saved one
			return Boolean.TRUE.equals(call.messageLeft) ? Outcome.VOICEMAIL : Outcome.ABANDONED_IN_IVR;
		}
		if (call.ivrEnd == CallTimeline.IvrEnd.SELF_SERVED) {
			return Outcome.SELF_SERVICE;
		}
		if (call.ivrEnd == CallTimeline.IvrEnd.FAILED) {
			return Outcome.FAILED;
		}
		// a caller "abandoned" in the IVR may have been moved on (Redirect) into the
		// queue
		if (call.queued != null) {
			return Outcome.ABANDONED_IN_QUEUE;
		}
		return (call.ivrEnd == CallTimeline.IvrEnd.ROUTED) ? Outcome.FAILED : Outcome.ABANDONED_IN_IVR;
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
		for (Map.Entry<Instant, Boolean> change : call.holdChanges().entrySet()) {
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

	private static Duration nonNegative(Duration duration) {
		return duration.isNegative() ? Duration.ZERO : duration;
	}

}
