package org.switchboard.telephony;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.switchboard.call.AsteriskEvent.AsteriskResynced;
import org.switchboard.call.AsteriskEvent.AsteriskShutDown;
import org.switchboard.call.AsteriskEvent.PhoneChannelEnded;
import org.switchboard.call.CallEvent;
import org.switchboard.call.CallEvent.AgentLegEnded;
import org.switchboard.call.CallEvent.AgentRinging;
import org.switchboard.call.CallEvent.CallAnswered;
import org.switchboard.call.CallEvent.CallArrived;
import org.switchboard.call.CallEvent.CallCutOff;
import org.switchboard.call.CallEvent.CallHeld;
import org.switchboard.call.CallEvent.CallResumed;
import org.switchboard.call.CallEvent.CallerHungUp;
import org.switchboard.call.ChannelNames;
import org.switchboard.call.Masked;
import org.switchboard.telephony.ChannelEvent.ChannelCreated;
import org.switchboard.telephony.ChannelEvent.ChannelHungUp;
import org.switchboard.telephony.ChannelEvent.ChannelRef;

/**
 * Turns what AMI says about channels into the events of calls, the one place that knows
 * which channel is a caller's: the call's id is the caller channel's Uniqueid, the
 * Linkedid of every other leg. It keeps the calls it heard arrive and not yet end, so
 * that after a gap in AMI the calls Asterisk no longer has end when the gap is healed,
 * and Asterisk stopping cuts off the callers it ends on the way. Not thread-safe: one
 * thread hands it AMI's events in order.
 */
final class CallEvents {

	/**
	 * How long before Asterisk's Shutdown a caller's channel it ended counts as cut off:
	 * Asterisk ends every channel just before it says so.
	 */
	static final Duration SHUTDOWN_REACH = Duration.ofSeconds(3);

	private static final int ENDED_KEPT = 10_000;

	/** Calls heard arriving and not yet ended, by call id. */
	private final Map<String, Live> live = new HashMap<>();

	/** Calls that ended lately, by call id: when their caller hung up. */
	private final Map<String, Instant> ended = new LinkedHashMap<>(16, 0.75f, false) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
			return size() > ENDED_KEPT;
		}

	};

	/**
	 * What to publish for an AMI fact about a channel: call events, a phone's channel.
	 */
	List<Object> of(ChannelEvent event) {
		return switch (event) {
			case ChannelCreated created -> arrived(created);
			case ChannelEvent.DialBegan dial when dial.caller() != null -> heard(callOf(dial.caller()),
					new AgentRinging(callOf(dial.caller()), dial.destination().channel(), dial.at()));
			case ChannelEvent.DialEnded dial when dial.caller() != null && dial.dialStatus().answered() ->
				answered(dial);
			case ChannelEvent.ChannelHeld held ->
				heard(callOf(held.ref()), new CallHeld(callOf(held.ref()), held.at()));
			case ChannelEvent.ChannelUnheld unheld ->
				heard(callOf(unheld.ref()), new CallResumed(callOf(unheld.ref()), unheld.at()));
			case ChannelHungUp hungUp -> hungUp(hungUp);
			case ChannelEvent.CallFellBack fellBack ->
				heard(callOf(fellBack.ref()), new CallEvent.CallFellBack(callOf(fellBack.ref()), fellBack.at()));
			case ChannelEvent.VoicemailEnded voicemail -> heard(callOf(voicemail.ref()),
					new CallEvent.VoicemailEnded(callOf(voicemail.ref()), voicemail.messageLeft(), voicemail.at()));
			case ChannelEvent.ChannelCutOffByShutdown cut when cut.ref().isCallLeg() ->
				List.of(new CallCutOff(cut.ref().uniqueId(), cut.at()));
			default -> List.of();
		};
	}

	/**
	 * Asterisk stops: it ended its channels just before, and ends any left after; the
	 * callers of those calls were cut off, they did not hang up.
	 */
	List<Object> shutDown(AsteriskShutDown shutdown) {
		Instant since = shutdown.at().minus(SHUTDOWN_REACH);
		List<Object> cutOff = new ArrayList<>();
		this.live.keySet().forEach((callId) -> cutOff.add(new CallCutOff(callId, shutdown.at())));
		this.ended.forEach((callId, at) -> {
			if (!at.isBefore(since)) {
				cutOff.add(new CallCutOff(callId, shutdown.at()));
			}
		});
		return cutOff;
	}

	/**
	 * After a gap in AMI, a call whose caller channel Asterisk no longer has ended
	 * unheard: it ends when the gap was healed, with its agent's leg if that is gone too.
	 */
	List<Object> resynced(AsteriskResynced resync) {
		Set<String> channels = new HashSet<>();
		Set<String> uniqueIds = new HashSet<>();
		resync.snapshot().channels().forEach((channel) -> {
			channels.add(channel.channel());
			uniqueIds.add(channel.uniqueId());
		});
		List<Object> gone = new ArrayList<>();
		for (Iterator<Map.Entry<String, Live>> calls = this.live.entrySet().iterator(); calls.hasNext();) {
			Map.Entry<String, Live> call = calls.next();
			if (call.getValue().lastHeard.isAfter(resync.at()) || uniqueIds.contains(call.getKey())) {
				continue;
			}
			String leg = call.getValue().answeringLeg;
			if (leg != null && !channels.contains(leg)) {
				gone.add(new AgentLegEnded(call.getKey(), leg, resync.at()));
			}
			gone.add(new CallerHungUp(call.getKey(), resync.at()));
			this.ended.put(call.getKey(), resync.at());
			calls.remove();
		}
		return gone;
	}

	/** Calls heard arriving and not yet ended, for tests. */
	int liveCalls() {
		return this.live.size();
	}

	/**
	 * Only a caller's call from the carrier is a call; an agent phone's own (feature
	 * codes, internal calls) is not.
	 */
	private List<Object> arrived(ChannelCreated created) {
		if (!created.isInboundCall()) {
			return List.of();
		}
		String callId = created.ref().uniqueId();
		this.live.computeIfAbsent(callId, (id) -> new Live(created.at())).heard(created.at());
		return List.of(new CallArrived(callId, created.exten(), maskedOrNull(created.callerId()), created.at()));
	}

	private List<Object> answered(ChannelEvent.DialEnded dial) {
		String callId = callOf(dial.caller());
		String leg = dial.destination().channel();
		Live call = this.live.get(callId);
		if (call != null && call.answeringLeg == null) {
			call.answeringLeg = leg;
		}
		return heard(callId, new CallAnswered(callId, leg, ChannelNames.device(leg), dial.at()));
	}

	private List<Object> hungUp(ChannelHungUp hungUp) {
		ChannelRef ref = hungUp.ref();
		List<Object> events = new ArrayList<>(2);
		events.add(new PhoneChannelEnded(hungUp.at(), ChannelNames.device(ref.channel()), ref.channel()));
		if (ref.isCallLeg()) {
			this.live.remove(ref.uniqueId());
			this.ended.put(ref.uniqueId(), hungUp.at());
			events.add(new CallerHungUp(ref.uniqueId(), hungUp.at()));
		}
		else if (ref.linkedId() != null && !ref.linkedId().isEmpty()) {
			events.addAll(heard(ref.linkedId(), new AgentLegEnded(ref.linkedId(), ref.channel(), hungUp.at())));
		}
		return events;
	}

	private List<Object> heard(String callId, CallEvent event) {
		Live call = this.live.get(callId);
		if (call != null) {
			call.heard(event.at());
		}
		return List.of(event);
	}

	private static String callOf(ChannelRef ref) {
		return (ref.linkedId() != null && !ref.linkedId().isEmpty()) ? ref.linkedId() : ref.uniqueId();
	}

	private static String maskedOrNull(String number) {
		return (number == null || number.isBlank() || number.equals("<unknown>")) ? null : Masked.number(number);
	}

	/** A call heard arriving: when it was last heard of, and the leg that answered. */
	private static final class Live {

		Instant lastHeard;

		String answeringLeg;

		Live(Instant at) {
			this.lastHeard = at;
		}

		void heard(Instant at) {
			if (at.isAfter(this.lastHeard)) {
				this.lastHeard = at;
			}
		}

	}

}
