package org.switchboard.fakeasterisk;

/**
 * How an Originate ends, reported as the OriginateResponse event's Reason.
 */
public sealed interface OriginateOutcome {

	/** The Reason field: 4 answered, 3 no answer, 5 busy, 0 no channel. */
	int reason();

	/** The callee answered on this channel. */
	static OriginateOutcome answered(FakeChannel channel) {
		return new Answered(channel);
	}

	/** The callee rang but did not answer within the Originate's Timeout. */
	static OriginateOutcome noAnswer() {
		return new Failed(3);
	}

	/** The callee was busy (486). */
	static OriginateOutcome busy() {
		return new Failed(5);
	}

	/** No channel could be created, e.g. an unknown peer. */
	static OriginateOutcome notCreated() {
		return new Failed(0);
	}

	/** The callee answered. */
	record Answered(FakeChannel channel) implements OriginateOutcome {

		@Override
		public int reason() {
			return 4;
		}

	}

	/**
	 * The call was not answered; Channel is the dial string and Uniqueid is
	 * {@code <unknown>}.
	 */
	record Failed(int reason) implements OriginateOutcome {

	}

}
