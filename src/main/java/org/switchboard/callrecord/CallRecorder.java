package org.switchboard.callrecord;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import org.switchboard.call.CallEvent;
import org.switchboard.call.CallEvent.CallSentToFallback;
import org.switchboard.common.BatchWriter;
import org.switchboard.common.DueWork;

/**
 * Writes each call's record once it is over. Every event of a call heard here goes to the
 * call's shared log ({@link CallLog}), many in one round trip at the next sweep; at each
 * sweep, the calls due are read back, their records decided from their events alone
 * ({@link CallClosing}) and written by the one instance that settles them. Nothing of a
 * call is kept in this instance's memory but the events not yet appended. A sweep runs
 * when there is something to do: events heard (within the batching delay), the next call
 * due in the shared index, and a look every few seconds for calls left due by an instance
 * that stopped; with no calls it costs one round trip every few seconds.
 */
@Component
class CallRecorder implements DueWork.Owner {

	private static final Logger log = LoggerFactory.getLogger(CallRecorder.class);

	/** How long events heard wait to be appended together. */
	private static final Duration BATCHING = Duration.ofMillis(250);

	/** How often the shared index is looked at with nothing known due. */
	private static final Duration LOOK_ANYWAY = Duration.ofSeconds(5);

	/** The most calls one sweep looks at; the rest wait for the next. */
	private static final int DUE_PER_SWEEP = 500;

	/** The most events held while Redis is away; a call has about ten. */
	private static final int EVENTS_HELD = 100_000;

	private final CallRecordSettings settings;

	private final Clock clock;

	private final CallLog calls;

	private final Consumer<List<CallRecord>> written;

	/** Events heard here, appended at the next sweep. */
	private final BatchWriter<CallLog.Appended> appending;

	/** Calls this instance sent to the fallback route: over at once when it stops. */
	private final Set<String> handedOver = ConcurrentHashMap.newKeySet();

	/**
	 * What this sweep's appends answered (the calls due, when the next is), gathered over
	 * the round trips of one flush; null before the first. Only the sweep uses it.
	 */
	private CallLog.Due polled;

	private final DueWork sweeps;

	@Autowired
	CallRecorder(CallRecordSettings settings, Clock clock, CallLog calls, CallRecordWriter writer, CallMeters meters,
			MeterRegistry registry) {
		this(settings, clock, calls, (records) -> {
			records.forEach(meters::recorded);
			writer.write(records);
		});
		Gauge.builder("switchboard.callrecord.events.pending", this.appending, BatchWriter::held)
			.description("Events of calls heard here and not yet in their shared log (held while Redis is away)")
			.register(registry);
	}

	CallRecorder(CallRecordSettings settings, Clock clock, CallLog calls, Consumer<List<CallRecord>> written) {
		this.settings = settings;
		this.clock = clock;
		this.calls = calls;
		this.written = written;
		this.appending = new BatchWriter<>("Call events", this::append, EVENTS_HELD,
				(lost) -> log.debug("{} of call {} not logged: too many held", lost.event().getClass().getSimpleName(),
						lost.event().callId()));
		this.sweeps = new DueWork("call-records", BATCHING, LOOK_ANYWAY, (now) -> sweep(now, false), clock);
	}

	/**
	 * Events heard here are logged before the connection pool closes, and the calls this
	 * instance handed to the fallback route on its way down are written at once: no
	 * instance may be left to hear them end.
	 */
	@PreDestroy
	void stop() {
		sweep(this.clock.instant(), true);
	}

	/** Every event of a call goes to its log. */
	@EventListener
	void heard(CallEvent event) {
		if (event.callId() == null || event.callId().isEmpty()) {
			return;
		}
		if (event instanceof CallSentToFallback) {
			this.handedOver.add(event.callId());
		}
		boolean ends = ends(event);
		Instant lookAt = event.at().plus(ends ? this.settings.closeDelay() : this.settings.staleAfter());
		this.appending.hold(new CallLog.Appended(event, lookAt, ends));
		this.sweeps.nudge();
	}

	/**
	 * Logs what was heard, then writes every call that is over; answers when the next
	 * sweep is due.
	 */
	Optional<Instant> writeFinished() {
		return sweep(this.clock.instant(), false);
	}

	/**
	 * One sweep; answers when the next is due: now when more calls are due than one sweep
	 * takes, else when the first call not yet due is, or a call looked at again later;
	 * empty when no call is known to be due.
	 */
	private synchronized Optional<Instant> sweep(Instant now, boolean stopping) {
		CallLog.Due due = appendAndPoll(now);
		Set<String> dueNow = new LinkedHashSet<>(due.calls());
		if (stopping) {
			dueNow.addAll(this.handedOver);
		}
		if (dueNow.isEmpty()) {
			return (this.appending.held() > 0) ? Optional.of(now.plus(BATCHING)) : due.next();
		}
		Optional<Instant> soonest = (dueNow.size() >= DUE_PER_SWEEP) ? Optional.of(now) : due.next();
		try {
			Map<String, CallLog.Logged> logged = this.calls.read(dueNow);
			Map<String, CallClosing> decided = new LinkedHashMap<>();
			logged.forEach((callId, call) -> decided.put(callId, CallClosing.of(callId, call.events(), call.written(),
					this.settings, now, stopping && this.handedOver.contains(callId))));
			Set<String> ours = this.calls.settle(decided);
			for (CallClosing closing : decided.values()) {
				if (closing instanceof CallClosing.Later later
						&& soonest.map((at) -> later.at().isBefore(at)).orElse(true)) {
					soonest = Optional.of(later.at());
				}
			}
			decided.forEach((callId, closing) -> {
				if (!(closing instanceof CallClosing.Later)) {
					this.handedOver.remove(callId);
				}
			});
			hand(decided, ours);
			return soonest;
		}
		catch (RuntimeException ex) {
			log.debug("Calls due not settled ({}): the next sweep tries again", ex.getMessage());
			return Optional.of(now.plus(BATCHING));
		}
	}

	/**
	 * Appends the events held and answers the calls due, in one round trip when there is
	 * something to append.
	 */
	private CallLog.Due appendAndPoll(Instant now) {
		this.polled = null;
		this.appending.flush();
		if (this.polled == null && this.appending.held() == 0) {
			try {
				polled(this.calls.append(List.of(), now, DUE_PER_SWEEP));
			}
			catch (RuntimeException ex) {
				log.debug("Calls due unknown: {}", ex.getMessage());
			}
		}
		return (this.polled != null) ? this.polled : new CallLog.Due(List.of(), Optional.empty());
	}

	private void append(List<CallLog.Appended> events) {
		polled(this.calls.append(events, this.clock.instant(), DUE_PER_SWEEP));
	}

	/** Gathers one round trip's answer: the calls due add up, the latest next holds. */
	private void polled(CallLog.Due due) {
		if (this.polled == null) {
			this.polled = due;
			return;
		}
		List<String> calls = new ArrayList<>(this.polled.calls());
		calls.addAll(due.calls());
		this.polled = new CallLog.Due(calls, due.next());
	}

	private void hand(Map<String, CallClosing> decided, Set<String> ours) {
		List<CallRecord> records = new ArrayList<>();
		decided.forEach((callId, closing) -> {
			if (closing instanceof CallClosing.Write write && ours.contains(callId)) {
				records.add(write.record());
			}
			else if (closing instanceof CallClosing.Drop drop && !drop.keepLog()) {
				log.debug("Call {}: no record (no caller's call heard)", callId);
			}
		});
		if (records.isEmpty()) {
			return;
		}
		try {
			this.written.accept(records);
		}
		catch (RuntimeException ex) {
			log.warn("{} call records could not be handed on: {}", records.size(), ex.getMessage());
		}
	}

	/**
	 * Events after which a call may be over soon: the caller's part ended, the wrap-up
	 * ended, a callback finished.
	 */
	private static boolean ends(CallEvent event) {
		return event instanceof CallEvent.CallerHungUp || event instanceof CallSentToFallback
				|| event instanceof CallEvent.CallVanished || event instanceof CallEvent.WrapUpEnded
				|| event instanceof CallEvent.CallbackFinished;
	}

	@Override
	public DueWork dueWork() {
		return this.sweeps;
	}

}
