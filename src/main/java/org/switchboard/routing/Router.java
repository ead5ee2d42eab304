package org.switchboard.routing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
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

	private final ApplicationEventPublisher events;

	Router(AgentClaims claims, WaitingLine line, RedisLiveCalls calls, Clock clock, RoutingSettings settings,
			CallFacts facts, Schedules schedules, ApplicationEventPublisher events) {
		this.facts = facts;
		this.events = events;
		this.schedules = schedules;
		this.settings = settings;
		this.claims = claims;
		this.line = line;
		this.calls = calls;
		this.clock = clock;
	}

	@Override
	public Step route(CallRequest request, IvrOutcome.Routed routed) {
		Optional<String> country = country(request);
		Optional<Step> closed = closed(country);
		if (closed.isPresent()) {
			Step.Closed step = (Step.Closed) closed.get();
			this.events.publishEvent(new RoutingEvent.CallClosed(request.uniqueId(), country,
					step.then().name().toLowerCase(java.util.Locale.ROOT), this.clock.instant()));
			return step;
		}
		int priority = this.settings.vipNumbers().contains(request.callerId())
				? Math.max(routed.priority(), this.settings.vipPriority()) : routed.priority();
		CallNeeds needs = new CallNeeds(request.uniqueId(), routed.queue(), routed.skills(), priority,
				this.clock.instant());
		this.calls.opened(needs, request.channel());
		Optional<String> agent = this.claims.claimOrWait(needs);
		this.events.publishEvent(new RoutingEvent.CallRouted(needs.callId(), needs.queue(), country, needs.skills(),
				needs.priority(), agent, needs.arrivedAt()));
		return agent.<Step>map(Step.ConnectNow::new)
			.orElseGet(() -> new Step.Wait(needs.queue(), this.line.position(needs.callId()).orElse(0)));
	}

	/** The call's country, empty when unknown or unreadable. */
	private Optional<String> country(CallRequest request) {
		try {
			return this.facts.country(request);
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
	}

	/**
	 * A call for a country that is closed now gets the country's closed action instead of
	 * a wait nobody will end. An unreadable schedule counts as open.
	 */
	private Optional<Step> closed(Optional<String> country) {
		Optional<CountrySchedule> schedule;
		try {
			schedule = country.flatMap(this.schedules::find);
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
