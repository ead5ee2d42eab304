package org.switchboard.call;

import java.time.Instant;

/**
 * What Asterisk reports about itself and the phones, as immutable values published
 * in-process: the state of devices and contacts, the end of a phone's channel, an
 * Originate's result, the AMI link and Asterisk stopping. What happens to a call is a
 * {@link CallEvent} instead. Asterisk-Java's mutable event beans never leave the
 * {@code telephony} adapter. {@link #at()} is Asterisk's own timestamp when the event
 * carries one, else the time it was read.
 */
public sealed interface AsteriskEvent permits AsteriskEvent.DeviceStateChanged, AsteriskEvent.ContactStatusChanged,
		AsteriskEvent.PhoneChannelEnded, AsteriskEvent.OriginateFinished, AsteriskEvent.AsteriskShutDown,
		AsteriskEvent.AmiConnected, AsteriskEvent.AmiDisconnected, AsteriskEvent.AsteriskResynced {

	Instant at();

	/** DeviceStateChange, e.g. {@code PJSIP/1001} → {@code NOT_INUSE}. */
	record DeviceStateChanged(Instant at, String device, DeviceState state) implements AsteriskEvent {

	}

	/** ContactStatus of a PJSIP endpoint's registered phone. */
	record ContactStatusChanged(Instant at, String endpoint, String aor,
			ContactStatus status) implements AsteriskEvent {

	}

	/**
	 * A channel of a phone ended, whatever call it carried: {@code device} is the phone's
	 * ({@code PJSIP/1001}), {@code channel} the channel's name.
	 */
	record PhoneChannelEnded(Instant at, String device, String channel) implements AsteriskEvent {

	}

	/**
	 * The result of an asynchronous Originate, matched to its request by
	 * {@code requestId}.
	 */
	record OriginateFinished(Instant at, String requestId, OriginateOutcome outcome, String channel,
			String uniqueId) implements AsteriskEvent {

	}

	/**
	 * Asterisk announced it is shutting down or restarting (Shutdown): the channels it
	 * ended on the way were cut off, not hung up by their callers.
	 */
	record AsteriskShutDown(Instant at, boolean restart) implements AsteriskEvent {

	}

	/** The AMI link is up and logged in (also after every reconnect). */
	record AmiConnected(Instant at, String asteriskVersion, int connectCount) implements AsteriskEvent {

	}

	/**
	 * The AMI link went down; events may have been missed until the next
	 * {@link AsteriskResynced}.
	 */
	record AmiDisconnected(Instant at, String reason) implements AsteriskEvent {

	}

	/**
	 * A fresh read of device states and channels, after each (re)connect and when Redis
	 * is back; {@code at} is when it was asked for, so anything heard later is newer.
	 */
	record AsteriskResynced(Instant at, AsteriskSnapshot snapshot) implements AsteriskEvent {

	}

}
