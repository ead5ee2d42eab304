package org.switchboard.telephony;

import java.time.Instant;
import java.util.Optional;

import org.asteriskjava.manager.event.BridgeEnterEvent;
import org.asteriskjava.manager.event.BridgeLeaveEvent;
import org.asteriskjava.manager.event.ContactStatusEvent;
import org.asteriskjava.manager.event.DeviceStateChangeEvent;
import org.asteriskjava.manager.event.DialBeginEvent;
import org.asteriskjava.manager.event.DialEndEvent;
import org.asteriskjava.manager.event.DialEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.HangupRequestEvent;
import org.asteriskjava.manager.event.SoftHangupRequestEvent;
import org.asteriskjava.manager.event.HoldEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.event.ShutdownEvent;
import org.asteriskjava.manager.event.UnholdEvent;

import org.switchboard.call.AsteriskEvent;
import org.switchboard.call.ContactStatus;
import org.switchboard.call.DeviceState;
import org.switchboard.call.OriginateOutcome;
import org.switchboard.call.DialStatus;
import org.switchboard.telephony.AmiUserEvents.SwitchboardFallbackEvent;
import org.switchboard.telephony.AmiUserEvents.SwitchboardVoicemailEvent;
import org.switchboard.call.AsteriskEvent.AsteriskShutDown;
import org.switchboard.telephony.ChannelEvent.ChannelCutOffByShutdown;
import org.switchboard.telephony.ChannelEvent.BridgeEntered;
import org.switchboard.telephony.ChannelEvent.CallFellBack;
import org.switchboard.telephony.ChannelEvent.BridgeLeft;
import org.switchboard.telephony.ChannelEvent.ChannelCreated;
import org.switchboard.telephony.ChannelEvent.ChannelHeld;
import org.switchboard.telephony.ChannelEvent.ChannelHungUp;
import org.switchboard.telephony.ChannelEvent.ChannelRef;
import org.switchboard.telephony.ChannelEvent.ChannelUnheld;
import org.switchboard.call.AsteriskEvent.ContactStatusChanged;
import org.switchboard.call.AsteriskEvent.DeviceStateChanged;
import org.switchboard.telephony.ChannelEvent.DialBegan;
import org.switchboard.telephony.ChannelEvent.DialEnded;
import org.switchboard.telephony.ChannelEvent.HangupRequested;
import org.switchboard.call.AsteriskEvent.OriginateFinished;
import org.switchboard.telephony.ChannelEvent.VoicemailEnded;

/**
 * Turns Asterisk-Java's mutable event beans into values: a {@link ChannelEvent} for what
 * concerns one channel (made into call events next, by {@link CallEvents}), an
 * {@link AsteriskEvent} for the rest. One switch over the events Switchboard uses; every
 * other event is dropped here.
 */
final class AmiEventTranslator {

	/** AST_SOFTHANGUP_SHUTDOWN: Asterisk ends the channel because it stops now. */
	private static final int SOFTHANGUP_SHUTDOWN = 1 << 2;

	private AmiEventTranslator() {
	}

	static Optional<Object> translate(ManagerEvent event, Instant readAt) {
		Instant at = at(event, readAt);
		Object translated = switch (event) {
			case NewChannelEvent e ->
				new ChannelCreated(at, new ChannelRef(e.getChannel(), e.getUniqueId(), e.getLinkedid()),
						e.getCallerIdNum(), e.getContext(), e.getExten());
			case DialBeginEvent e ->
				new DialBegan(at, caller(e, e.getLinkedId()), destination(e, e.getDestLinkedId()), e.getDialString());
			case DialEndEvent e -> new DialEnded(at, caller(e, e.getLinkedId()), destination(e, e.getDestLinkedId()),
					DialStatus.of(e.getDialStatus()));
			case BridgeEnterEvent e -> new BridgeEntered(at, e.getBridgeUniqueId(),
					new ChannelRef(e.getChannel(), e.getUniqueId(), e.getLinkedId()), count(e.getBridgeNumChannels()));
			case BridgeLeaveEvent e -> new BridgeLeft(at, e.getBridgeUniqueId(),
					new ChannelRef(e.getChannel(), e.getUniqueId(), e.getLinkedId()), count(e.getBridgeNumChannels()));
			case HoldEvent e -> new ChannelHeld(at, new ChannelRef(e.getChannel(), e.getUniqueId(), e.getLinkedId()));
			case UnholdEvent e ->
				new ChannelUnheld(at, new ChannelRef(e.getChannel(), e.getUniqueId(), e.getLinkedId()));
			case HangupRequestEvent e ->
				new HangupRequested(at, new ChannelRef(e.getChannel(), e.getUniqueId(), e.getLinkedId()), e.getCause());
			case HangupEvent e ->
				new ChannelHungUp(at, new ChannelRef(e.getChannel(), e.getUniqueId(), e.getLinkedId()),
						e.getCause() == null ? 0 : e.getCause(), e.getCauseTxt());
			case DeviceStateChangeEvent e -> new DeviceStateChanged(at, e.getDevice(), DeviceState.parse(e.getState()));
			case ContactStatusEvent e -> new ContactStatusChanged(at, e.getEndpointName(), e.getAor(),
					ContactStatus.parse(e.getContactStatus()));
			case OriginateResponseEvent e -> new OriginateFinished(at, requestId(e.getActionId()),
					OriginateOutcome.ofReason(e.getReason()), e.getChannel(), known(e.getUniqueId()));
			case SwitchboardFallbackEvent e ->
				new CallFellBack(at, new ChannelRef(e.getChannel(), e.getUniqueId(), e.getLinkedId()));
			case SwitchboardVoicemailEvent e -> new VoicemailEnded(at,
					new ChannelRef(e.getChannel(), e.getUniqueId(), e.getLinkedId()), "SUCCESS".equals(e.getStatus()));
			case ShutdownEvent e -> new AsteriskShutDown(at, Boolean.TRUE.equals(e.getRestart()));
			// the reason is a bit set; every call's end carries 16 (the dialplan ended)
			case SoftHangupRequestEvent e when e.getCause() != null && (e.getCause() & SOFTHANGUP_SHUTDOWN) != 0 ->
				new ChannelCutOffByShutdown(at, new ChannelRef(e.getChannel(), e.getUniqueId(), e.getLinkedId()));
			default -> null;
		};
		return Optional.ofNullable(translated).filter(AmiEventTranslator::complete);
	}

	/**
	 * Whether the event names what it is about; Asterisk always does, a broken peer may
	 * not, and the listeners need it.
	 */
	private static boolean complete(Object event) {
		return switch (event) {
			case DeviceStateChanged e -> e.device() != null && !e.device().isBlank();
			case ContactStatusChanged e -> e.endpoint() != null && !e.endpoint().isBlank();
			case OriginateFinished e -> e.requestId() != null;
			case ChannelCreated e -> named(e.ref());
			case ChannelHeld e -> named(e.ref());
			case ChannelUnheld e -> named(e.ref());
			case HangupRequested e -> named(e.ref());
			case ChannelCutOffByShutdown e -> named(e.ref());
			case ChannelHungUp e -> named(e.ref());
			case CallFellBack e -> named(e.ref());
			case VoicemailEnded e -> named(e.ref());
			case DialBegan e -> named(e.destination()) && (e.caller() == null || named(e.caller()));
			case DialEnded e -> named(e.destination()) && (e.caller() == null || named(e.caller()));
			default -> true;
		};
	}

	private static boolean named(ChannelRef ref) {
		return ref.channel() != null && !ref.channel().isBlank() && ref.uniqueId() != null && !ref.uniqueId().isBlank();
	}

	/**
	 * Asterisk-Java prefixes its own id to ours ({@code 293907205_0#ours}); keep ours.
	 */
	static String requestId(String actionId) {
		if (actionId == null) {
			return null;
		}
		int hash = actionId.lastIndexOf('#');
		return hash < 0 ? actionId : actionId.substring(hash + 1);
	}

	private static ChannelRef caller(DialEvent e, String linkedId) {
		return (e.getChannel() == null) ? null : new ChannelRef(e.getChannel(), e.getUniqueId(), linkedId);
	}

	private static ChannelRef destination(DialEvent e, String linkedId) {
		return new ChannelRef(e.getDestChannel(), e.getDestUniqueId(), linkedId);
	}

	private static int count(Integer value) {
		return value == null ? 0 : value;
	}

	private static String known(String value) {
		return (value == null || value.equals("<unknown>")) ? null : value;
	}

	private static Instant at(ManagerEvent event, Instant readAt) {
		Double timestamp = event.getTimestamp();
		if (timestamp == null) {
			return readAt;
		}
		long micros = Math.round(timestamp * 1_000_000d);
		return Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1_000);
	}

}
