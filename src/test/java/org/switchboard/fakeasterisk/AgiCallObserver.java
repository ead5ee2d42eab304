package org.switchboard.fakeasterisk;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets the AMI side follow a FastAGI session, so that both sides behave as one channel.
 */
interface AgiCallObserver {

	/** An observer that does nothing but keep the channel variables. */
	AgiCallObserver NONE = new AgiCallObserver() {
	};

	/**
	 * The channel variables the session reads and writes, before the script is dialled.
	 */
	default Map<String, String> dialling(AgiEnv env, Map<String, String> variables) {
		return new ConcurrentHashMap<>(variables);
	}

	/**
	 * The script is connected and has its environment block; the session serves commands
	 * right after.
	 */
	default void started(FakeAgiCall call) {
	}

	/** The channel died while the script was still connected. */
	default void hungUp(FakeAgiCall call, FakeAgiCall.Hangup hangup) {
	}

	/** The script set a channel variable. */
	default void variableSet(FakeAgiCall call, String name, String value) {
	}

	/**
	 * The script sent its next command this many nanoseconds after the environment block
	 * or the previous reply went out.
	 */
	default void turnaround(FakeAgiCall call, long nanos) {
	}

	/** The session is over; hangup is null when the channel is still alive. */
	default void ended(FakeAgiCall call, AgiTranscript transcript, FakeAgiCall.Hangup hangup) {
	}

}
