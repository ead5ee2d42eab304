package org.switchboard.call;

/** How an asynchronous Originate ended, from the Reason of OriginateResponse. */
public enum OriginateOutcome {

	ANSWERED, NO_ANSWER, BUSY, FAILED, TIMED_OUT;

	/**
	 * The same end in Dial's words: an agent's phone rung by Originate ends as a Dial
	 * would.
	 */
	public DialStatus dialStatus() {
		return switch (this) {
			case ANSWERED -> DialStatus.ANSWER;
			case NO_ANSWER, TIMED_OUT -> DialStatus.NOANSWER;
			case BUSY -> DialStatus.BUSY;
			case FAILED -> DialStatus.CHANUNAVAIL;
		};
	}

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
