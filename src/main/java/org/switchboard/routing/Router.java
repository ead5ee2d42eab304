package org.switchboard.routing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

import org.springframework.stereotype.Component;

import org.switchboard.ivr.CallFacts;
import org.switchboard.ivr.CallRouter;
import org.switchboard.ivr.IvrOutcome;
import org.switchboard.schedule.ClosedAction;
import org.switchboard.schedule.CountrySchedule;
import org.switchboard.schedule.ScheduleDecision;
import org.switchboard.schedule.Schedules;
import org.switchboard.telephony.CallRequest;

/**
 * Routes a caller the IVR is done with: reserves the best ready agent now, or puts the
 * call in its waiting line in the same atomic step.
 */
@Component
class Router implements CallRouter {

	private final AgentClaims claims;

	private final WaitingLine line;

	private final RedisLiveCalls calls;

	private final Clock clock;

	private final RoutingSettings settings;

	private final CallFacts facts;

	private final Schedules schedules;

	Router(AgentClaims claims, WaitingLine line, RedisLiveCalls calls, Clock clock, RoutingSettings settings,
			CallFacts facts, Schedules schedules) {
		this.facts = facts;
		this.schedules = schedules;
		this.settings = settings;
		this.claims = claims;
		this.line = line;
		this.calls = calls;
		this.clock = clock;
	}

	@Override
	public Step route(CallRequest request, IvrOutcome.Routed routed) {
		Optional<Step> closed = closed(request);
		if (closed.isPresent()) {
			return closed.get();
		}
		int priority = this.settings.vipNumbers().contains(request.callerId())
				? Math.max(routed.priority(), this.settings.vipPriority()) : routed.priority();
		CallNeeds needs = new CallNeeds(request.uniqueId(), routed.queue(), routed.skills(), priority,
				this.clock.instant());
		this.calls.opened(needs, request.channel());
		return this.claims.claimOrWait(needs)
			.<Step>map(Step.ConnectNow::new)
			.orElseGet(() -> new Step.Wait(needs.queue(), this.line.position(needs.callId()).orElse(0)));
	}

	/**
	 * A call for a country that is closed now gets the country's closed action instead of
	 * a wait nobody will end. An unreadable schedule counts as open.
	 */
	private Optional<Step> closed(CallRequest request) {
		Optional<CountrySchedule> schedule;
		try {
			schedule = this.facts.country(request).flatMap(this.schedules::find);
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
		if (schedule.isEmpty()) {
			return Optional.empty();
		}
		ScheduleDecision decision = this.schedules.decide(schedule.get(), this.clock.instant());
		if (decision.isOpen()) {
			return Optional.empty();
		}
		ZoneId zone = schedule.get().timeZone();
		Optional<Instant> opens = decision.nextChange().map(ZonedDateTime::toInstant);
		return Optional.of(switch (schedule.get().closedAction()) {
			case ClosedAction.AnnounceNextOpening announce -> then(true, opens, zone, announce.then());
			case ClosedAction.Voicemail voicemail -> then(false, opens, zone, voicemail);
			case ClosedAction.Callback callback -> then(false, opens, zone, callback);
		});
	}

	private static Step then(boolean announce, Optional<Instant> opens, ZoneId zone, ClosedAction.Then then) {
		return switch (then) {
			case ClosedAction.Voicemail voicemail ->
				new Step.Closed(announce, opens, zone, CallRouter.Then.VOICEMAIL, voicemail.mailbox());
			case ClosedAction.Callback callback -> new Step.Closed(announce, opens, zone, CallRouter.Then.CALLBACK, "");
			case ClosedAction.Hangup hangup -> new Step.Closed(announce, opens, zone, CallRouter.Then.HANGUP, "");
		};
	}

}
