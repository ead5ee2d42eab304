package org.switchboard.callrecord;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import org.switchboard.agent.AgentEvent.AgentStateChanged;
import org.switchboard.agent.AgentState;
import org.switchboard.ivr.IvrCompleted;
import org.switchboard.ivr.IvrOutcome;
import org.switchboard.ivr.IvrStep;
import org.switchboard.routing.AgentClaimed;
import org.switchboard.routing.RoutingEvent;
import org.switchboard.telephony.AsteriskEvent.AsteriskResynced;
import org.switchboard.telephony.AsteriskEvent.ChannelCreated;
import org.switchboard.telephony.AsteriskEvent.ChannelHeld;
import org.switchboard.telephony.AsteriskEvent.ChannelHungUp;
import org.switchboard.telephony.AsteriskEvent.ChannelRef;
import org.switchboard.telephony.AsteriskEvent.ChannelUnheld;
import org.switchboard.telephony.AsteriskEvent.DialBegan;
import org.switchboard.telephony.AsteriskEvent.DialEnded;
import org.switchboard.telephony.Masked;

/**
 * Gathers the facts of every live call, keyed by the caller channel's Uniqueid (the
 * Linkedid of every other leg), and writes its record once the caller has hung up, late
 * facts have had {@code closeDelay} to arrive and the agent's wrap-up has ended (or
 * {@code wrapUpWait} has passed). A call stays known for a while after it is written, so
 * a repeated event cannot open it again.
 */
@Component
class CallRecorder implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(CallRecorder.class);

	private static final int RECENTLY_WRITTEN = 50_000;

	private final CallRecordSettings settings;

	private final Clock clock;

	private final Consumer<CallRecord> written;

	private static final int WRAP_UPS_PER_AGENT = 16;

	private final Map<String, CallTimeline> open = new HashMap<>();

	/** The latest ends of wrap-up per agent. */
	private final Map<String, TreeSet<Instant>> wrapUpEnds = new HashMap<>();

	/**
	 * Calls written lately, oldest first: late events for them are ignored. The record is
	 * kept only for a requested callback (it may complete later), else null.
	 */
	private final Map<String, CallRecord> recent = new LinkedHashMap<>(16, 0.75f, false) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, CallRecord> eldest) {
			return size() > RECENTLY_WRITTEN;
		}

	};

	@Autowired
	CallRecorder(CallRecordSettings settings, Clock clock, CallRecordWriter writer, CallMeters meters) {
		this(settings, clock, (record) -> {
			meters.recorded(record);
			writer.write(record);
		});
	}

	CallRecorder(CallRecordSettings settings, Clock clock, Consumer<CallRecord> written) {
		this.settings = settings;
		this.clock = clock;
		this.written = written;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(this::writeFinished, java.time.Duration.ofMillis(250));
	}

	@EventListener
	void channelCreated(ChannelCreated event) {
		if (event.ref().isCallLeg()) {
			update(event.ref().uniqueId(), event.at(),
					(call) -> call.arrived(event.at(), event.exten(), maskedOrNull(event.callerId())));
		}
	}

	@EventListener
	void dialBegan(DialBegan event) {
		if (event.caller() != null) {
			update(callOf(event.caller()), event.at(),
					(call) -> call.ringing(event.destination().uniqueId(), event.at()));
		}
	}

	@EventListener
	void dialEnded(DialEnded event) {
		if (event.caller() != null && "ANSWER".equals(event.dialStatus())) {
			update(callOf(event.caller()), event.at(),
					(call) -> call.answered(event.destination().uniqueId(), event.at()));
		}
	}

	@EventListener
	void held(ChannelHeld event) {
		update(callOf(event.ref()), event.at(), (call) -> call.hold(event.at(), true));
	}

	@EventListener
	void unheld(ChannelUnheld event) {
		update(callOf(event.ref()), event.at(), (call) -> call.hold(event.at(), false));
	}

	@EventListener
	void hungUp(ChannelHungUp event) {
		ChannelRef ref = event.ref();
		if (ref.isCallLeg()) {
			update(ref.uniqueId(), event.at(), (call) -> call.callerHungUp(event.at()));
		}
		else if (ref.linkedId() != null) {
			update(ref.linkedId(), event.at(), (call) -> call.legHungUp(ref.uniqueId(), event.at()));
		}
	}

	/**
	 * After an AMI gap, a call whose caller channel Asterisk no longer has ended unheard:
	 * it is taken to have ended when the gap was healed (likewise its agent's leg).
	 */
	@EventListener
	void resynced(AsteriskResynced resync) {
		Set<String> live = new HashSet<>();
		resync.snapshot().channels().forEach((channel) -> live.add(channel.uniqueId()));
		synchronized (this) {
			for (CallTimeline call : this.open.values()) {
				if (call.lastHeard.isAfter(resync.at()) || live.contains(call.callId)) {
					continue;
				}
				if (call.answeringLeg != null && !live.contains(call.answeringLeg)) {
					call.legHungUp(call.answeringLeg, resync.at());
				}
				call.callerHungUp(resync.at());
			}
		}
	}

	@EventListener
	void ivrCompleted(IvrCompleted event) {
		update(event.callId(), event.endedAt(), (call) -> {
			call.ivrStarted = event.startedAt();
			call.ivrDone = event.endedAt();
			call.flow = event.flow();
			call.ivrPath = event.path().stream().map(IvrStep::node).toList();
			if (event.country() != null) {
				call.country = event.country();
			}
			call.ivrEnd = switch (event.outcome()) {
				case IvrOutcome.Routed routed -> {
					call.queue = (call.queue != null) ? call.queue : routed.queue();
					call.skills = routed.skills();
					yield CallTimeline.IvrEnd.ROUTED;
				}
				case IvrOutcome.ToVoicemail voicemail -> CallTimeline.IvrEnd.VOICEMAIL;
				case IvrOutcome.CallbackRequested callback -> {
					call.queue = (call.queue != null) ? call.queue : callback.queue();
					yield CallTimeline.IvrEnd.CALLBACK;
				}
				case IvrOutcome.SelfServed served -> CallTimeline.IvrEnd.SELF_SERVED;
				case IvrOutcome.Abandoned abandoned -> CallTimeline.IvrEnd.ABANDONED;
				case IvrOutcome.Failed failed -> CallTimeline.IvrEnd.FAILED;
			};
		});
	}

	@EventListener
	void routing(RoutingEvent event) {
		switch (event) {
			case RoutingEvent.CallRouted routed -> update(routed.callId(), routed.at(), (call) -> {
				call.queued = (call.queued != null) ? call.queued : routed.at();
				call.queue = routed.queue();
				call.skills = routed.skills();
				routed.country().ifPresent((country) -> call.country = country);
				routed.agentId().ifPresent((agent) -> call.offered(agent, routed.at()));
			});
			case RoutingEvent.CallClosed closed -> update(closed.callId(), closed.at(), (call) -> {
				call.closed = true;
				closed.country().ifPresent((country) -> call.country = country);
			});
			case RoutingEvent.CallNotAnswered notAnswered -> update(notAnswered.callId(), notAnswered.at(), (call) -> {
			});
			case RoutingEvent.CallbackRequested callback -> update(callback.callId(), callback.at(), (call) -> {
				call.callbackRequested = true;
				call.queue = (call.queue != null) ? call.queue : callback.queue();
				callback.country().ifPresent((country) -> call.country = country);
			});
			case RoutingEvent.CallbackFinished finished -> callbackFinished(finished);
		}
	}

	@EventListener
	void agentClaimed(AgentClaimed event) {
		update(event.callId(), event.at(), (call) -> call.offered(event.agentId(), event.at()));
	}

	/**
	 * An agent's wrap-up ended. Kept per agent, not per call, because it may be heard
	 * before the hang-up it follows; a call takes the first end after its talk.
	 */
	@EventListener
	void agentStateChanged(AgentStateChanged event) {
		if (event.from() != AgentState.WRAP_UP || event.to() == AgentState.WRAP_UP) {
			return;
		}
		synchronized (this) {
			TreeSet<Instant> ends = this.wrapUpEnds.computeIfAbsent(event.agentId(), (agent) -> new TreeSet<>());
			ends.add(event.at());
			while (ends.size() > WRAP_UPS_PER_AGENT) {
				ends.pollFirst();
			}
		}
	}

	/** The survey's answer, from the {@code survey} script. */
	void rated(String callId, int rating, Instant at) {
		update(callId, at, (call) -> call.csat = rating);
	}

	/**
	 * A callback that reached the customer turns the call's record into a completed
	 * callback; the record is written again, and readers keep the latest per call.
	 */
	private void callbackFinished(RoutingEvent.CallbackFinished finished) {
		if (!finished.completed()) {
			return;
		}
		CallRecord revised = null;
		synchronized (this) {
			CallTimeline live = this.open.get(finished.callId());
			if (live != null) {
				live.callbackCompleted = true;
				if (live.agentId == null) {
					live.agentId = finished.agentId();
				}
				return;
			}
			CallRecord earlier = this.recent.get(finished.callId());
			if (earlier != null && earlier.outcome() == Outcome.CALLBACK_REQUESTED) {
				revised = earlier.withOutcome(Outcome.CALLBACK_COMPLETED);
				this.recent.put(finished.callId(), revised);
			}
		}
		if (revised != null) {
			this.written.accept(revised);
		}
		else {
			log.info(
					"Callback for call {} completed, but no requested callback of it is held; its record stays as it is",
					finished.callId());
		}
	}

	private void update(String callId, Instant at, Consumer<CallTimeline> change) {
		if (callId == null || callId.isEmpty()) {
			return;
		}
		synchronized (this) {
			if (this.recent.containsKey(callId)) {
				return;
			}
			CallTimeline call = this.open.computeIfAbsent(callId, CallTimeline::new);
			call.heard(at);
			change.accept(call);
		}
	}

	/**
	 * Writes every call that is over: hung up, settled and wrapped up (or given up on).
	 */
	void writeFinished() {
		Instant now = this.clock.instant();
		List<CallRecord> finished = new ArrayList<>();
		synchronized (this) {
			for (Iterator<CallTimeline> calls = this.open.values().iterator(); calls.hasNext();) {
				CallTimeline call = calls.next();
				wrapUpOf(call);
				Optional<Instant> end = finishedAt(call, now);
				if (end.isPresent()) {
					calls.remove();
					if (!call.isCall()) {
						log.info("Dropped facts of {} heard without a call (agent events only)", call.callId);
						continue;
					}
					CallRecord record = call.toRecord(this.settings, end.get());
					// only a callback's record may be written again: keep it whole
					this.recent.put(call.callId, (record.outcome() == Outcome.CALLBACK_REQUESTED) ? record : null);
					finished.add(record);
				}
			}
		}
		for (CallRecord record : finished) {
			try {
				this.written.accept(record);
			}
			catch (RuntimeException ex) {
				log.warn("Call record {} could not be handed on: {}", record.callId(), ex.getMessage());
			}
		}
	}

	/**
	 * The first end of the agent's wrap-up after the call's talk, within the wrap-up
	 * wait.
	 */
	private void wrapUpOf(CallTimeline call) {
		Instant talkEnd = call.talkEnd();
		TreeSet<Instant> ends = (call.agent() != null) ? this.wrapUpEnds.get(call.agent()) : null;
		if (talkEnd == null || ends == null) {
			return;
		}
		Instant end = ends.ceiling(talkEnd);
		call.wrapUpEnded = (end != null && !end.isAfter(talkEnd.plus(this.settings.wrapUpWait()))) ? end : null;
	}

	private Optional<Instant> finishedAt(CallTimeline call, Instant now) {
		if (call.callerHungUp != null) {
			Instant quietSince = call.lastHeard.isAfter(call.callerHungUp) ? call.lastHeard : call.callerHungUp;
			if (now.isBefore(quietSince.plus(this.settings.closeDelay()))) {
				return Optional.empty();
			}
			if (!call.awaitsWrapUp() || !now.isBefore(call.callerHungUp.plus(this.settings.wrapUpWait()))) {
				return Optional.of(call.callerHungUp);
			}
			return Optional.empty();
		}
		if (!now.isBefore(call.lastHeard.plus(this.settings.staleAfter()))) {
			log.info("Call {} unheard of since {}: written with what is known", call.callId, call.lastHeard);
			return Optional.of(call.lastHeard);
		}
		return Optional.empty();
	}

	/** Calls not yet written, for tests and health. */
	synchronized int openCalls() {
		return this.open.size();
	}

	private static String callOf(ChannelRef ref) {
		return (ref.linkedId() != null) ? ref.linkedId() : ref.uniqueId();
	}

	private static String maskedOrNull(String number) {
		return (number == null || number.isBlank() || number.equals("<unknown>")) ? null : Masked.number(number);
	}

}
