package org.switchboard.call;

/** How an asynchronous Originate ended, from the Reason of OriginateResponse. */
public enum OriginateOutcome {

	ANSWERED, NO_ANSWER, BUSY, FAILED, TIMED_OUT;

	/** Reason 4 answered, 3 no answer, 5 busy; 0 and anything else failed. */
	public static OriginateOutcome ofReason(Integer reason) {
		if (reason == null) {
			return FAILED;
		}
		return switch (reason) {
			case 4 -> ANSWERED;
			case 3 -> NO_ANSWER;
			case 5 -> BUSY;
			default -> FAILED;
		};
	}

}
