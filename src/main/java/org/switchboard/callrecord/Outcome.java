package org.switchboard.callrecord;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a call ended, as records, meters and the API name it ({@code abandoned-in-queue}).
 */
public enum Outcome {

	/** The IVR served the caller alone. */
	SELF_SERVICE,

	/** An agent answered. */
	ANSWERED,

	/** The caller hung up in the IVR. */
	ABANDONED_IN_IVR,

	/** The caller hung up while waiting for an agent. */
	ABANDONED_IN_QUEUE,

	/** The caller's country was closed: announcement, then voicemail or hang-up. */
	CLOSED,

	/** The caller left a message. */
	VOICEMAIL,

	/** The caller asked to be called back; the callback has not reached them (yet). */
	CALLBACK_REQUESTED,

	/** A callback reached the customer. */
	CALLBACK_COMPLETED,

	/** Answered by one agent, then taken over by another. */
	TRANSFERRED,

	/**
	 * The IVR or routing could not serve the call, or Asterisk cut it off (a restart).
	 */
	FAILED,

	/**
	 * Switchboard could not serve the call (unreachable, stopped, or its script failed)
	 * and Asterisk's static fallback route took it: not an abandon.
	 */
	FALLBACK;

	/** The name in records, tags and the API. */
	@JsonValue
	public String wire() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/** The outcome with this wire name, e.g. {@code abandoned-in-queue}. */
	public static Optional<Outcome> ofWire(String wire) {
		return Arrays.stream(values()).filter((outcome) -> outcome.wire().equals(wire)).findFirst();
	}

	@JsonCreator
	static Outcome read(String wire) {
		return ofWire(wire).orElseThrow(() -> new IllegalArgumentException("not an outcome: " + wire));
	}

}
