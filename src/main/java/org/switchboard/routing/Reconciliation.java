package org.switchboard.routing;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import org.switchboard.call.CallEvent;
import org.switchboard.schedule.CountrySchedule;
import org.switchboard.schedule.Schedules;
import org.switchboard.call.AsteriskEvent.AsteriskResynced;
import org.switchboard.call.AsteriskSnapshot;
import org.switchboard.call.CallControl;

/**
 * Heals what missed AMI events left wrong: a call routing still looks after whose channel
 * Asterisk no longer has is treated as hung up (out of its line, its agent released), and
 * a country's quota stops counting calls routing no longer knows. Runs after every AMI
 * (re)connect and every few minutes ({@code switchboard.routing.reconcile-interval}),
 * when it asks Asterisk for a resync that every feature hears. A call routed after the
 * channels were asked for is left alone: its channel may be newer than the list.
 */
@Component
class Reconciliation {

	private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);

	private final RedisLiveCalls calls;

	private final CallMover mover;

	private final CallControl control;

	private final RedisQuotas quotas;

	private final Schedules schedules;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final WaitingLine line;

	Reconciliation(RedisLiveCalls calls, CallMover mover, CallControl control, RedisQuotas quotas, Schedules schedules,
			Clock clock, ApplicationEventPublisher events, WaitingLine line) {
		this.clock = clock;
		this.events = events;
		this.line = line;
		this.quotas = quotas;
		this.schedules = schedules;
		this.calls = calls;
		this.mover = mover;
		this.control = control;
	}

	@EventListener
	void resynced(AsteriskResynced resynced) {
		heal(resynced.snapshot(), resynced.at());
	}

	@Scheduled(fixedDelayString = "${switchboard.routing.reconcile-interval:2m}",
			initialDelayString = "${switchboard.routing.reconcile-interval:2m}")
	void periodically() {
		if (!this.control.connected()) {
			return;
		}
		// a resync for every feature, not only routing: agents' presence and calls heal
		// from the same read (resynced above)
		this.control.resync();
	}

	void heal(AsteriskSnapshot snapshot, Instant asked) {
		Set<String> live = snapshot.channels()
			.stream()
			.map(AsteriskSnapshot.ActiveChannel::uniqueId)
			.collect(Collectors.toSet());
		for (String callId : this.calls.all()) {
			boolean older = this.calls.needs(callId).map((needs) -> needs.arrivedAt().isBefore(asked)).orElse(true);
			if (!live.contains(callId) && older) {
				log.info("Call {} is gone from Asterisk: releasing what it held", callId);
				boolean callback = this.calls.callbackNumber(callId).isPresent();
				boolean waiting = this.line.position(callId).isPresent();
				this.mover.gone(callId);
				if (!callback) {
					// nobody heard it end: its record is still to be written
					this.events.publishEvent(new CallEvent.CallVanished(callId, waiting, asked));
				}
			}
		}
		Set<String> known = this.calls.all();
		for (CountrySchedule schedule : this.schedules.all()) {
			int freed = this.quotas.forgetOthers(schedule.country(), known);
			if (freed > 0) {
				log.info("{} call(s) of {} no longer looked after freed their quota places", freed, schedule.country());
			}
		}
	}

}
