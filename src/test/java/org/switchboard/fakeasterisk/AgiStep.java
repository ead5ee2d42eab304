package org.switchboard.fakeasterisk;

import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * What the fake channel does with one FastAGI command: answer at once, block on the
 * caller, or hang up.
 */
sealed interface AgiStep {

	/** Answers at once with these lines. */
	record Reply(List<String> lines) implements AgiStep {

		Reply(String line) {
			this(List.of(line));
		}

	}

	/**
	 * Blocks on the caller. A listening step reads the pending keys (none when the caller
	 * is silent); a step that does not listen only notices a hang-up.
	 *
	 * @param listens whether keys the caller presses matter to the command
	 * @param endless whether the command only ends when the channel dies (MusicOnHold
	 * without a duration)
	 * @param timeoutMillis how long a waiting caller keeps the command blocked; 0 or less
	 * for no limit
	 * @param reply the reply for the keys pending when the command ends, consuming those
	 * it reads
	 * @param hangUpReply the reply when the channel dies during the command
	 */
	record Blocking(boolean listens, boolean endless, long timeoutMillis, Function<Deque<Character>, String> reply,
			String hangUpReply) implements AgiStep {

		static Blocking listening(long timeoutMillis, Function<Deque<Character>, String> reply, String hangUpReply) {
			return new Blocking(true, false, timeoutMillis, reply, hangUpReply);
		}

		static Blocking deaf(String reply, String hangUpReply) {
			return new Blocking(false, false, 0, (keys) -> reply, hangUpReply);
		}

		static Blocking endless(String hangUpReply) {
			return new Blocking(false, true, 0, (keys) -> "200 result=0", hangUpReply);
		}

	}

	/**
	 * The script hung the channel up itself (HANGUP, EXEC Hangup): this reply, then the
	 * channel is dead.
	 */
	record HangUp(String reply) implements AgiStep {

	}

}
