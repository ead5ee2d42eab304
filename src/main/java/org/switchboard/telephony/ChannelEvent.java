package org.switchboard.telephony;

import java.time.Instant;

import org.switchboard.call.DialStatus;
import org.switchboard.call.Masked;

/**
 * What AMI says about one channel, as Asterisk names it, before {@link CallEvents} turns
 * it into the events of a call: nothing outside this adapter hears channels.
 * {@link #at()} is Asterisk's own timestamp when the event carries one, else the time it
 * was read.
 */
sealed interface ChannelEvent permits ChannelEvent.ChannelCreated, ChannelEvent.DialBegan, ChannelEvent.DialEnded,
		ChannelEvent.BridgeEntered, ChannelEvent.BridgeLeft, ChannelEvent.ChannelHeld, ChannelEvent.ChannelUnheld,
		ChannelEvent.HangupRequested, ChannelEvent.ChannelHungUp, ChannelEvent.CallFellBack,
		ChannelEvent.VoicemailEnded, ChannelEvent.ChannelCutOffByShutdown {

	Instant at();

	/** Identity of a channel as every call event carries it. */
	public record ChannelRef(String channel, String uniqueId, String linkedId) {

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
			String exten) implements ChannelEvent {

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
	record DialBegan(Instant at, ChannelRef caller, ChannelRef destination, String dialString) implements ChannelEvent {

	}

	/** DialEnd with its DialStatus. */
	record DialEnded(Instant at, ChannelRef caller, ChannelRef destination,
			DialStatus dialStatus) implements ChannelEvent {

	}

	/** BridgeEnter. */
	record BridgeEntered(Instant at, String bridgeId, ChannelRef ref, int channelsInBridge) implements ChannelEvent {

	}

	/** BridgeLeave. */
	record BridgeLeft(Instant at, String bridgeId, ChannelRef ref, int channelsInBridge) implements ChannelEvent {

	}

	/** Hold: raised on the channel that put the other party on hold (the agent). */
	record ChannelHeld(Instant at, ChannelRef ref) implements ChannelEvent {

	}

	/** Unhold. */
	record ChannelUnheld(Instant at, ChannelRef ref) implements ChannelEvent {

	}

	/**
	 * HangupRequest: a party asked to end the channel. {@code cause} is null when the
	 * caller sent BYE on an unbridged channel.
	 */
	record HangupRequested(Instant at, ChannelRef ref, Integer cause) implements ChannelEvent {

	}

	/** Hangup: the proof that a channel is gone, with its Q.850 cause. */
	record ChannelHungUp(Instant at, ChannelRef ref, int cause, String causeText) implements ChannelEvent {

	}

	/**
	 * The channel entered switchboard-fallback (the dialplan's UserEvent
	 * SwitchboardFallback): Switchboard could not serve it, Asterisk's static route does.
	 */
	record CallFellBack(Instant at, ChannelRef ref) implements ChannelEvent {

	}

	/**
	 * The channel left VoiceMail (the dialplan's UserEvent SwitchboardVoicemail, from a
	 * hang-up handler): {@code messageLeft} when VMSTATUS was SUCCESS.
	 */
	record VoicemailEnded(Instant at, ChannelRef ref, boolean messageLeft) implements ChannelEvent {

	}

	/**
	 * Asterisk ends this channel because it is shutting down or restarting now
	 * (SoftHangupRequest with the shutdown reason): its caller was cut off, they did not
	 * hang up.
	 */
	record ChannelCutOffByShutdown(Instant at, ChannelRef ref) implements ChannelEvent {

	}

}
