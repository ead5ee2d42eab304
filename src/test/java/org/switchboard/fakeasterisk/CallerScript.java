package org.switchboard.fakeasterisk;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The caller's remaining steps and the keys already pressed but not yet read, consumed by
 * the commands that listen or block. Not thread-safe: the call guards it.
 */
final class CallerScript {

	/** What the caller does during one command. */
	enum Heard {

		KEYS, SILENCE, HANG_UP, WAITING

	}

	private final Deque<Caller> steps = new ArrayDeque<>();

	private final Deque<Character> keys = new ArrayDeque<>();

	private int repliesWhileCounting;

	CallerScript(Caller caller) {
		this.steps.addAll(caller.steps());
	}

	/** Keys pressed and not yet read, first pressed first. */
	Deque<Character> keys() {
		return this.keys;
	}

	/** Keys pressed from outside the script, e.g. while a command waits. */
	void press(String pressed) {
		pressed.chars().forEach((key) -> this.keys.add((char) key));
	}

	/** What a listening command hears, taking the next step when no keys are pending. */
	Heard listen() {
		if (!this.keys.isEmpty()) {
			return Heard.KEYS;
		}
		Caller next = this.steps.peekFirst();
		if (next == null || next instanceof Caller.HangsUpAfter) {
			return Heard.SILENCE;
		}
		this.steps.removeFirst();
		return switch (next) {
			case Caller.Presses presses -> {
				press(presses.keys());
				yield this.keys.isEmpty() ? Heard.SILENCE : Heard.KEYS;
			}
			case Caller.HangsUp hangsUp -> Heard.HANG_UP;
			case Caller.Waits waits -> Heard.WAITING;
			default -> Heard.SILENCE;
		};
	}

	/**
	 * Whether the caller hangs up during a blocking command that does not listen for
	 * keys.
	 */
	boolean hangsUpWhileBlocked() {
		if (this.keys.isEmpty() && this.steps.peekFirst() instanceof Caller.HangsUp) {
			this.steps.removeFirst();
			return true;
		}
		return false;
	}

	/** Whether the caller hangs up now, after another command's reply. */
	boolean hangsUpAfterReply() {
		if (this.steps.peekFirst() instanceof Caller.HangsUpAfter after) {
			this.repliesWhileCounting++;
			return hangsUpAfterCount(after);
		}
		return false;
	}

	/** Whether the caller hangs up before the script sends its first command. */
	boolean hangsUpAtOnce() {
		return this.steps.peekFirst() instanceof Caller.HangsUpAfter after && hangsUpAfterCount(after);
	}

	private boolean hangsUpAfterCount(Caller.HangsUpAfter after) {
		if (this.repliesWhileCounting < after.commands()) {
			return false;
		}
		this.steps.removeFirst();
		this.repliesWhileCounting = 0;
		return true;
	}

}
