package org.switchboard.fakeasterisk;

import java.util.ArrayList;
import java.util.List;

/**
 * What the scripted caller does, step by step: listening commands (STREAM FILE with
 * escape digits, GET DATA, WAIT FOR DIGIT, GET OPTION, CONTROL STREAM FILE, SAY *, RECORD
 * FILE) take the steps in order. When the steps run out the caller stays silent and never
 * hangs up.
 */
public sealed interface Caller
		permits Caller.Presses, Caller.Silence, Caller.HangsUp, Caller.HangsUpAfter, Caller.Waits, Caller.Steps {

	/**
	 * Presses these DTMF keys when Switchboard next listens; keys left over stay for the
	 * next listening command.
	 */
	static Caller presses(String keys) {
		return new Presses(keys);
	}

	/**
	 * Hears the next listening command out without pressing anything: timeouts expire at
	 * once.
	 */
	static Caller silence() {
		return new Silence();
	}

	/**
	 * Hangs up during the next blocking command, which then returns its hang-up result.
	 */
	static Caller hangsUp() {
		return new HangsUp();
	}

	/**
	 * Hangs up while the script is idle, right after the reply to the n-th command from
	 * now.
	 */
	static Caller hangsUpAfter(int commands) {
		return new HangsUpAfter(commands);
	}

	/**
	 * Stays on the line during the next listening command without pressing anything, so
	 * it blocks in real time until the caller is hung up or redirected, keys arrive
	 * through {@link FakeAgiCall#press}, or its own timeout passes.
	 */
	static Caller waits() {
		return new Waits();
	}

	/** This behaviour, then the next one. */
	default Caller then(Caller next) {
		List<Caller> all = new ArrayList<>(steps());
		all.addAll(next.steps());
		return new Steps(all);
	}

	/** The single steps of this behaviour in order. */
	default List<Caller> steps() {
		return List.of(this);
	}

	/** Keys pressed when Switchboard next listens. */
	record Presses(String keys) implements Caller {

		public Presses {
			if (!keys.matches("[0-9*#A-D]*")) {
				throw new IllegalArgumentException("not DTMF keys: " + keys);
			}
		}

	}

	/** A listening command hears nothing. */
	record Silence() implements Caller {

	}

	/** The caller hangs up during the next blocking command. */
	record HangsUp() implements Caller {

	}

	/** The caller hangs up while the script is idle after this many more commands. */
	record HangsUpAfter(int commands) implements Caller {

		public HangsUpAfter {
			if (commands < 0) {
				throw new IllegalArgumentException("commands < 0: " + commands);
			}
		}

	}

	/** The next listening command blocks until something happens to the call. */
	record Waits() implements Caller {

	}

	/** Several behaviours one after the other. */
	record Steps(List<Caller> steps) implements Caller {

		public Steps {
			steps = steps.stream().flatMap((step) -> step.steps().stream()).toList();
		}

	}

}
