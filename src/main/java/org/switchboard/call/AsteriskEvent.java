package org.switchboard.call;

import java.time.Instant;

/**
 * A fact Asterisk reported over AMI, as an immutable value published in-process.
 * Asterisk-Java's mutable event beans never leave this package. {@link #at()} is
 * Asterisk's own timestamp when the event carries one, else the time it was read.
 */
public sealed interface AsteriskEvent
		permits AsteriskEvent.ChannelCreated, AsteriskEvent.DialBegan, AsteriskEvent.DialEnded,
		AsteriskEvent.BridgeEntered, AsteriskEvent.BridgeLeft, AsteriskEvent.ChannelHeld, AsteriskEvent.ChannelUnheld,
		AsteriskEvent.HangupRequested, AsteriskEvent.ChannelHungUp, AsteriskEvent.DeviceStateChanged,
		AsteriskEvent.ContactStatusChanged, AsteriskEvent.OriginateFinished, AsteriskEvent.CallFellBack,
		AsteriskEvent.VoicemailEnded, AsteriskEvent.AsteriskShutDown, AsteriskEvent.ChannelCutOffByShutdown,
		AsteriskEvent.AmiConnected, AsteriskEvent.AmiDisconnected, AsteriskEvent.AsteriskResynced {

	Instant at();

	/** Identity of a channel as every call event carries it. */
	record ChannelRef(String channel, String uniqueId, String linkedId) {

		/**
		 * Whether this is the first leg of its call (the caller's channel for an inbound
		 * call).
		 */
		public boolean isCallLeg() {
			return this.uniqueId != null && this.uniqueId.equals(this.linkedId);
		}

	}

	/** Newchannel. {@code callerId} is a phone number: never log it unmasked. */
	record ChannelCreated(Instant at, ChannelRef ref, String callerId, String context,
			String exten) implements AsteriskEvent {

		/**
		 * The dialplan context of calls from the carrier trunk (pjsip.conf "carrier").
		 */
		public static final String INBOUND = "switchboard-inbound";

		/**
		 * Whether this is a caller's call from the carrier, not an agent phone's own call
		 * (feature codes, internal calls) nor a leg Asterisk dialled.
		 */
		public boolean isInboundCall() {
			return this.ref.isCallLeg() && INBOUND.equals(this.context);
		}

		@Override
		public String toString() {
			return "ChannelCreated[" + this.ref + ", callerId=" + Masked.number(this.callerId) + ", context="
					+ this.context + ", exten=" + this.exten + "]";
		}

	}

	/**
	 * DialBegin; {@code caller} is null for an Originate, which has no calling channel.
	 */
	record DialBegan(Instant at, ChannelRef caller, ChannelRef destination,
			String dialString) implements AsteriskEvent {

	}

	/** DialEnd with its DialStatus. */
	record DialEnded(Instant at, ChannelRef caller, ChannelRef destination,
			DialStatus dialStatus) implements AsteriskEvent {

	}

	/** BridgeEnter. */
	record BridgeEntered(Instant at, String bridgeId, ChannelRef ref, int channelsInBridge) implements AsteriskEvent {

	}

	/** BridgeLeave. */
	record BridgeLeft(Instant at, String bridgeId, ChannelRef ref, int channelsInBridge) implements AsteriskEvent {

	}

	/** Hold: raised on the channel that put the other party on hold (the agent). */
	record ChannelHeld(Instant at, ChannelRef ref) implements AsteriskEvent {

	}

	/** Unhold. */
	record ChannelUnheld(Instant at, ChannelRef ref) implements AsteriskEvent {

	}

	/**
	 * HangupRequest: a party asked to end the channel. {@code cause} is null when the
	 * caller sent BYE on an unbridged channel.
	 */
	record HangupRequested(Instant at, ChannelRef ref, Integer cause) implements AsteriskEvent {

	}

	/** Hangup: the proof that a channel is gone, with its Q.850 cause. */
	record ChannelHungUp(Instant at, ChannelRef ref, int cause, String causeText) implements AsteriskEvent {

	}

	/** DeviceStateChange, e.g. {@code PJSIP/1001} → {@code NOT_INUSE}. */
	record DeviceStateChanged(Instant at, String device, DeviceState state) implements AsteriskEvent {

	}

	/** ContactStatus of a PJSIP endpoint's registered phone. */
	record ContactStatusChanged(Instant at, String endpoint, String aor,
			ContactStatus status) implements AsteriskEvent {

	}

	/**
	 * The result of an asynchronous Originate, matched to its request by
	 * {@code requestId}.
	 */
	record OriginateFinished(Instant at, String requestId, OriginateOutcome outcome, String channel,
			String uniqueId) implements AsteriskEvent {

	}

	/**
	 * The channel entered switchboard-fallback (the dialplan's UserEvent
	 * SwitchboardFallback): Switchboard could not serve it, Asterisk's static route does.
	 */
	record CallFellBack(Instant at, ChannelRef ref) implements AsteriskEvent {

	}

	/**
	 * The channel left VoiceMail (the dialplan's UserEvent SwitchboardVoicemail, from a
	 * hang-up handler): {@code messageLeft} when VMSTATUS was SUCCESS.
	 */
	record VoicemailEnded(Instant at, ChannelRef ref, boolean messageLeft) implements AsteriskEvent {

	}

	/**
	 * Asterisk announced it is shutting down or restarting (Shutdown): the channels it
	 * ended on the way were cut off, not hung up by their callers.
	 */
	record AsteriskShutDown(Instant at, boolean restart) implements AsteriskEvent {

	}

	/**
	 * Asterisk ends this channel because it is shutting down or restarting now
	 * (SoftHangupRequest with the shutdown reason): its caller was cut off, they did not
	 * hang up.
	 */
	record ChannelCutOffByShutdown(Instant at, ChannelRef ref) implements AsteriskEvent {

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
