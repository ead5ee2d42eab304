package org.switchboard.schedule;

import java.util.Objects;

/** What a caller gets while the line is closed. */
public sealed interface ClosedAction {

	/** What may follow the announcement of the next opening. */
	sealed interface Then permits Voicemail, Callback, Hangup {

	}

	/** Tells the caller when the line opens next, then does {@code then}. */
	record AnnounceNextOpening(Then then) implements ClosedAction {

		public AnnounceNextOpening {
			Objects.requireNonNull(then, "then");
		}

	}

	/**
	 * Leaves a message in a mailbox of voicemail context switchboard, by its number
	 * ({@code 1000}).
	 */
	record Voicemail(String mailbox) implements ClosedAction, Then {

		public Voicemail {
			Objects.requireNonNull(mailbox, "mailbox");
		}

	}

	/** Offers a call back for when the line opens. */
	record Callback() implements ClosedAction, Then {

	}

	/** Ends the call. */
	record Hangup() implements Then {

	}

}
