package org.switchboard.callrecord;

import java.time.Instant;
import java.util.List;

import org.switchboard.call.CallEvent;

/**
 * What to do with a call now, decided from its events alone: write its record, look again
 * later, or let it go. Plain Java: the recorder reads the events and acts on the answer.
 * A call is over once its caller hung up, late events have had {@code closeDelay} to
 * arrive and the agent's wrap-up ended (or {@code wrapUpWait} passed); a call nothing was
 * heard of for {@code staleAfter} is written with what is known.
 */
sealed interface CallClosing {

	/**
	 * Write the record; {@code keepEvents} when a later event may change it (a requested
	 * callback may complete), else the log keeps only which record was written, so that
	 * events heard late cannot write the call again.
	 */
	record Write(CallRecord record, boolean keepEvents) implements CallClosing {

	}

	/** Look again at {@code at}. */
	record Later(Instant at) implements CallClosing {

	}

	/**
	 * Nothing to write: no call was heard (an agent phone's own), or its record was
	 * written already; {@code keepLog} when it was, so the log goes on saying so.
	 */
	record Drop(boolean keepLog) implements CallClosing {

	}

	/**
	 * @param written the outcome of the record already written for these events, or null
	 * @param stopping this instance stops: a caller it handed to the fallback route is
	 * over at once, as no instance may be left to hear more of it
	 */
	static CallClosing of(String callId, List<CallEvent> events, Outcome written, CallRecordSettings settings,
			Instant now, boolean stopping) {
		if (events.isEmpty()) {
			return new Drop(written != null);
		}
		CallTimeline call = CallTimeline.of(callId, events);
		boolean handedOver = call.fellBack && call.callerHungUp != null && call.answered == null;
		Instant closesAt = (stopping && handedOver) ? now : closesAt(call, settings);
		if (now.isBefore(closesAt)) {
			return new Later(closesAt);
		}
		if (!call.isCall()) {
			return new Drop(written != null);
		}
		Instant end = (call.callerHungUp != null) ? call.callerHungUp : call.lastHeard;
		CallRecord record = CallRecordOf.of(call, settings, end);
		// a written record changes only when the callback it requested reached the
		// customer
		boolean revised = written == Outcome.CALLBACK_REQUESTED && record.outcome() == Outcome.CALLBACK_COMPLETED;
		if (written != null && !revised) {
			return new Drop(true);
		}
		return new Write(record, record.outcome() == Outcome.CALLBACK_REQUESTED);
	}

	private static Instant closesAt(CallTimeline call, CallRecordSettings settings) {
		if (call.callerHungUp == null) {
			return call.lastHeard.plus(settings.staleAfter());
		}
		Instant quietSince = call.lastHeard.isAfter(call.callerHungUp) ? call.lastHeard : call.callerHungUp;
		Instant settled = quietSince.plus(settings.closeDelay());
		if (!call.awaitsWrapUp()) {
			return settled;
		}
		Instant givenUp = call.callerHungUp.plus(settings.wrapUpWait());
		return givenUp.isAfter(settled) ? givenUp : settled;
	}

}
