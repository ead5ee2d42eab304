package org.switchboard.callrecord;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import org.switchboard.agent.AgentEvent.AgentStateChanged;
import org.switchboard.agent.AgentState;
import org.switchboard.common.BatchWriter;
import org.switchboard.ivr.IvrCompleted;
import org.switchboard.ivr.IvrOutcome;
import org.switchboard.ivr.IvrStep;
import org.switchboard.routing.AgentClaimed;
import org.switchboard.routing.RoutingEvent;
import org.switchboard.call.CallRated;
import org.switchboard.call.AsteriskEvent.AsteriskResynced;
import org.switchboard.call.AsteriskEvent.AsteriskShutDown;
import org.switchboard.call.AsteriskEvent.ChannelCutOffByShutdown;
import org.switchboard.call.AsteriskEvent.CallFellBack;
import org.switchboard.call.AsteriskEvent.ChannelCreated;
import org.switchboard.call.AsteriskEvent.ChannelHeld;
import org.switchboard.call.AsteriskEvent.ChannelHungUp;
import org.switchboard.call.AsteriskEvent.ChannelRef;
import org.switchboard.call.AsteriskEvent.ChannelUnheld;
import org.switchboard.call.AsteriskEvent.DialBegan;
import org.switchboard.call.AsteriskEvent.DialEnded;
import org.switchboard.call.AsteriskEvent.VoicemailEnded;
import org.switchboard.call.Masked;

/**
 * Gathers the facts of every live call, keyed by the caller channel's Uniqueid (the
 * Linkedid of every other leg), and writes its record once the caller has hung up, late
 * facts have had {@code closeDelay} to arrive and the agent's wrap-up has ended (or
 * {@code wrapUpWait} has passed). A call stays known for a while after it is written, so
 * a repeated event cannot open it again. What only this instance sees (IVR, routing,
 * claims, survey, wrap-up) is also shared, so that with several instances the one that
 * writes the record knows it all, and only one writes it.
 */
@Component
class CallRecorder implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(CallRecorder.class);

	private static final int RECENTLY_WRITTEN = 50_000;

	private static final int WRAP_UPS_PER_AGENT = 16;

	private static final Duration MERGE_INTERVAL = Duration.ofSeconds(1);

	private static final Duration SWEEP_INTERVAL = Duration.ofMillis(250);

	/** The most facts held while Redis is away; a call notes about ten. */
	private static final int FACTS_HELD = 100_000;

	private final CallRecordSettings settings;

	private final Clock clock;

	private final Consumer<List<CallRecord>> written;

	private final SharedFacts shared;

	/** Facts noted here, shared at the next sweep. */
	private final BatchWriter<SharedFacts.Noted> sharing;

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
	CallRecorder(CallRecordSettings settings, Clock clock, SharedFacts shared, CallRecordWriter writer,
			CallMeters meters) {
		this(settings, clock, shared, (records) -> {
			records.forEach(meters::recorded);
			writer.write(records);
		});
	}

	CallRecorder(CallRecordSettings settings, Clock clock, SharedFacts shared, Consumer<List<CallRecord>> written) {
		this.shared = shared;
		this.sharing = new BatchWriter<>("Shared call facts", shared::add, FACTS_HELD,
				(lost) -> log.debug("Fact {} of call {} not shared: too many held", lost.fact().kind(), lost.callId()));
		this.settings = settings;
		this.clock = clock;
		this.written = written;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(this::writeFinished, SWEEP_INTERVAL);
	}

	/**
	 * Facts noted since the last sweep are shared before the connection pool closes, and
	 * the calls this instance handed to the fallback route on its way down are written at
	 * once: no instance may be left to hear them end.
	 */
	@PreDestroy
	void shareHeldFacts() {
		this.sharing.flush();
		writeFinished(this.clock.instant(), true);
	}

	/**
	 * Only a caller's call from the carrier opens a record; an agent phone's own does
	 * not.
	 */
	@EventListener
	void channelCreated(ChannelCreated event) {
		if (event.isInboundCall()) {
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
		if (event.caller() != null && event.dialStatus().answered()) {
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

	/** The dialplan's marker: the call went to switchboard-fallback. */
	@EventListener
	void fellBack(CallFellBack event) {
		update(callOf(event.ref()), event.at(), (call) -> call.fellBack = true);
	}

	/** The dialplan's marker: whether VoiceMail saved a message. */
	@EventListener
	void voicemailEnded(VoicemailEnded event) {
		update(callOf(event.ref()), event.at(), (call) -> call.messageLeft = event.messageLeft());
	}

	/**
	 * Asterisk ends a caller's channel because it stops now: a caller not yet answered
	 * was cut off, whenever the Shutdown that follows arrives (or none, if the link is
	 * gone first).
	 */
	@EventListener
	void cutOff(ChannelCutOffByShutdown event) {
		if (event.ref().isCallLeg()) {
			update(event.ref().uniqueId(), event.at(), (call) -> call.cutOff |= call.answered == null);
		}
	}

	/**
	 * Asterisk shuts down: it ends every channel first, so a caller not yet answered
	 * whose hang-up is at most {@code closeDelay} old, or still to come (found gone at
	 * the reconnect), was cut off: failed, not an abandon.
	 */
	@EventListener
	void asteriskShutDown(AsteriskShutDown event) {
		Instant since = event.at().minus(this.settings.closeDelay());
		int cutOff = 0;
		synchronized (this) {
			for (CallTimeline call : this.open.values()) {
				if (call.answered == null && (call.callerHungUp == null || !call.callerHungUp.isBefore(since))) {
					call.cutOff = true;
					cutOff++;
				}
			}
		}
		log.info("Asterisk {}: {} call(s) not yet answered were cut off", event.restart() ? "restarts" : "shuts down",
				cutOff);
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
		String queue = null;
		Map<String, Integer> skills = Map.of();
		CallTimeline.IvrEnd end = switch (event.outcome()) {
			case IvrOutcome.Routed routed -> {
				queue = routed.queue();
				skills = routed.skills();
				yield CallTimeline.IvrEnd.ROUTED;
			}
			case IvrOutcome.ToVoicemail voicemail -> CallTimeline.IvrEnd.VOICEMAIL;
			case IvrOutcome.CallbackRequested callback -> {
				queue = callback.queue();
				yield CallTimeline.IvrEnd.CALLBACK;
			}
			case IvrOutcome.SelfServed served -> CallTimeline.IvrEnd.SELF_SERVED;
			case IvrOutcome.Abandoned abandoned -> CallTimeline.IvrEnd.ABANDONED;
			case IvrOutcome.Failed failed -> CallTimeline.IvrEnd.FAILED;
		};
		note(event.callId(),
				new Fact(Fact.Kind.IVR_DONE, event.endedAt(), event.startedAt(), null, queue, event.country(),
						event.flow(), event.path().stream().map(IvrStep::node).toList(), skills, end.name(), null,
						null));
	}

	@EventListener
	void routing(RoutingEvent event) {
		switch (event) {
			case RoutingEvent.CallRouted routed -> note(routed.callId(),
					Fact.of(Fact.Kind.ROUTED, routed.at())
						.withRouting(routed.queue(), routed.country().orElse(null), routed.skills())
						.withAgent(routed.agentId().orElse(null)));
			case RoutingEvent.CallClosed closed -> note(closed.callId(),
					Fact.of(Fact.Kind.CLOSED, closed.at()).withRouting(null, closed.country().orElse(null), null));
			case RoutingEvent.CallNotAnswered notAnswered -> note(notAnswered.callId(),
					Fact.of(Fact.Kind.NOT_ANSWERED, notAnswered.at())
						.withAgent(notAnswered.agentId())
						.withDialStatus(notAnswered.dialStatus()));
			case RoutingEvent.CallbackRequested callback ->
				note(callback.callId(), Fact.of(Fact.Kind.CALLBACK_REQUESTED, callback.at())
					.withRouting(callback.queue(), callback.country().orElse(null), null));
			case RoutingEvent.CallbackFinished finished -> callbackFinished(finished);
			case RoutingEvent.CallVanished vanished -> vanished(vanished.callId(), vanished.waiting(), vanished.at());
			case RoutingEvent.CallSentToFallback sent -> {
				note(sent.callId(), Fact.of(Fact.Kind.FELL_BACK, sent.at()));
				// Switchboard's part is over: the caller is in Asterisk's hands now
				update(sent.callId(), sent.at(), (call) -> call.callerHungUp(sent.at()));
			}
		}
	}

	/**
	 * A call routing looked after is gone and nobody heard its end. One this instance
	 * heard of ended in a gap of its AMI link (taken as a hang-up, as after any gap); one
	 * it never heard of ended while it was not running, and as no instance heard its end
	 * either, no Switchboard was there: if it was waiting, the dialplan's next tick
	 * failed and sent it to the fallback route (unless the caller hung up first, which
	 * nobody can tell now); else it is written with the facts shared about it.
	 */
	private void vanished(String callId, boolean waiting, Instant at) {
		synchronized (this) {
			if (callId == null || this.recent.containsKey(callId)) {
				return;
			}
			CallTimeline call = this.open.get(callId);
			if (call == null) {
				call = new CallTimeline(callId);
				call.fellBack = waiting;
				this.open.put(callId, call);
			}
			call.heard(at);
			call.callerHungUp(at);
		}
	}

	@EventListener
	void agentClaimed(AgentClaimed event) {
		note(event.callId(), Fact.of(Fact.Kind.OFFERED, event.at()).withAgent(event.agentId()));
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
		wrapUpEnded(event.agentId(), event.at());
		try {
			this.shared.wrapUpEnded(event.agentId(), event.at());
		}
		catch (RuntimeException ex) {
			log.debug("End of wrap-up of {} not shared: {}", event.agentId(), ex.getMessage());
		}
	}

	/** The survey's answer, from the {@code survey} script. */
	@EventListener
	void rated(CallRated event) {
		note(event.callId(), new Fact(Fact.Kind.RATED, event.at(), null, null, null, null, null, null, null, null,
				event.rating(), null));
	}

	/**
	 * A callback that reached the customer: a live call takes it as a fact; a call
	 * written as a requested callback is written again as a completed one (readers keep
	 * the latest version).
	 */
	private void callbackFinished(RoutingEvent.CallbackFinished finished) {
		if (!finished.completed()) {
			return;
		}
		CallRecord revised = null;
		synchronized (this) {
			if (!this.open.containsKey(finished.callId())) {
				CallRecord earlier = this.recent.get(finished.callId());
				if (earlier == null || earlier.outcome() != Outcome.CALLBACK_REQUESTED) {
					log.info("Callback for call {} completed, but no requested callback of it is held here",
							finished.callId());
					return;
				}
				revised = earlier.withOutcome(Outcome.CALLBACK_COMPLETED);
				this.recent.put(finished.callId(), revised);
			}
		}
		if (revised == null) {
			note(finished.callId(), Fact.of(Fact.Kind.CALLBACK_COMPLETED, finished.at()).withAgent(finished.agentId()));
		}
		else if (claimed(revised.callId(), "callback-completed")) {
			this.written.accept(List.of(revised));
		}
	}

	/**
	 * Applies a fact here and holds it to be shared by the next sweep, many facts in one
	 * round trip: an instance that writes the call reads them only once the call has been
	 * quiet for {@code closeDelay}, many sweeps later.
	 */
	private void note(String callId, Fact fact) {
		if (callId == null || callId.isEmpty()) {
			return;
		}
		this.sharing.hold(new SharedFacts.Noted(callId, fact));
		update(callId, fact.at(), fact::applyTo);
	}

	private synchronized void wrapUpEnded(String agentId, Instant at) {
		TreeSet<Instant> ends = this.wrapUpEnds.computeIfAbsent(agentId, (agent) -> new TreeSet<>());
		ends.add(at);
		while (ends.size() > WRAP_UPS_PER_AGENT) {
			ends.pollFirst();
		}
	}

	/** Whether this instance writes the record; when Redis cannot say, it does. */
	private boolean claimed(String callId, String version) {
		return claimed(List.of(callId), version).contains(callId);
	}

	/**
	 * The calls whose record this instance writes: all of them when Redis cannot say, as
	 * a record written twice is read once, and one not written is lost.
	 */
	private Set<String> claimed(List<String> callIds, String version) {
		if (callIds.isEmpty()) {
			return Set.of();
		}
		try {
			return this.shared.claimWrites(callIds, version);
		}
		catch (RuntimeException ex) {
			return Set.copyOf(callIds);
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
	 * Before that, what other instances saw of it is merged in, and one instance only
	 * writes it.
	 */
	void writeFinished() {
		writeFinished(this.clock.instant(), false);
	}

	/**
	 * @param stopping whether calls handed to the fallback route count as over at once
	 */
	private void writeFinished(Instant now, boolean stopping) {
		this.sharing.flush();
		mergeShared(now, stopping);
		List<CallRecord> finished = new ArrayList<>();
		synchronized (this) {
			for (Iterator<CallTimeline> calls = this.open.values().iterator(); calls.hasNext();) {
				CallTimeline call = calls.next();
				wrapUpOf(call);
				Optional<Instant> end = (call.lastMerged == null) ? Optional.empty()
						: (stopping && handedOver(call)) ? Optional.of(call.callerHungUp) : finishedAt(call, now);
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
		List<CallRecord> ours = new ArrayList<>();
		Set<String> claimed = claimed(finished.stream().map(CallRecord::callId).toList(), "1");
		for (CallRecord record : finished) {
			if (claimed.contains(record.callId())) {
				ours.add(record);
			}
			else {
				log.debug("Call {} is written by another instance", record.callId());
			}
		}
		if (ours.isEmpty()) {
			return;
		}
		try {
			this.written.accept(ours);
		}
		catch (RuntimeException ex) {
			log.warn("{} call records could not be handed on: {}", ours.size(), ex.getMessage());
		}
	}

	/**
	 * Reads what other instances shared about calls that look over (at most once a second
	 * per call), outside the lock, then applies it.
	 */
	private void mergeShared(Instant now, boolean stopping) {
		Map<String, String> due = new HashMap<>();
		synchronized (this) {
			for (CallTimeline call : this.open.values()) {
				if ((stopping && handedOver(call)) || looksOver(call, now)
						&& (call.lastMerged == null || !now.isBefore(call.lastMerged.plus(MERGE_INTERVAL)))) {
					due.put(call.callId, call.agent());
				}
			}
		}
		if (due.isEmpty()) {
			return;
		}
		Map<String, List<Fact>> facts = Map.of();
		Map<String, List<Instant>> wrapUps = Map.of();
		try {
			facts = this.shared.of(due.keySet());
			List<String> agents = due.values().stream().filter(Objects::nonNull).distinct().toList();
			if (!agents.isEmpty()) {
				wrapUps = this.shared.wrapUpEnds(agents,
						now.minus(this.settings.wrapUpWait()).minus(this.settings.staleAfter()));
			}
		}
		catch (RuntimeException ex) {
			log.debug("Shared facts of {} calls unavailable: {}", due.size(), ex.getMessage());
		}
		for (Map.Entry<String, String> call : due.entrySet()) {
			List<Fact> known = facts.getOrDefault(call.getKey(), List.of());
			synchronized (this) {
				CallTimeline timeline = this.open.get(call.getKey());
				if (timeline == null) {
					continue;
				}
				known.forEach((fact) -> fact.applyTo(timeline));
				timeline.lastMerged = now;
			}
			if (call.getValue() != null) {
				wrapUps.getOrDefault(call.getValue(), List.of()).forEach((at) -> wrapUpEnded(call.getValue(), at));
			}
		}
	}

	/** A call this instance sent to the fallback route: Switchboard's part is over. */
	private static boolean handedOver(CallTimeline call) {
		return call.fellBack && call.callerHungUp != null && call.answered == null;
	}

	private boolean looksOver(CallTimeline call, Instant now) {
		if (call.callerHungUp == null) {
			return !now.isBefore(call.lastHeard.plus(this.settings.staleAfter()));
		}
		Instant quietSince = call.lastHeard.isAfter(call.callerHungUp) ? call.lastHeard : call.callerHungUp;
		return !now.isBefore(quietSince.plus(this.settings.closeDelay()));
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
