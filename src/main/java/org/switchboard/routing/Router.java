package org.switchboard.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import org.switchboard.call.CallEvent;
import org.switchboard.ivr.CallRouter;
import org.switchboard.ivr.IvrOutcome;
import org.switchboard.schedule.ClosedAction;
import org.switchboard.schedule.CountrySchedule;
import org.switchboard.schedule.ScheduleDecision;
import org.switchboard.schedule.Schedules;
import org.switchboard.call.AgiCall;
import org.switchboard.call.CallRequest;

/**
 * Routes a caller the IVR is done with: a closed country (or one whose calls for this
 * window are used up) gets its closed action; otherwise the best ready agent is reserved
 * now, or the call is put in its waiting line in the same atomic step, and the time its
 * needs widen by the overflow steps is noted. Each decision is timed
 * ({@code switchboard.routing.decision}, tagged with the step taken).
 */
@Component
class Router implements CallRouter {

	private static final Logger log = LoggerFactory.getLogger(Router.class);

	private final AgentClaims claims;

	private final WaitingLine line;

	private final RedisLiveCalls calls;

	private final Clock clock;

	private final RoutingSettings settings;

	private final RoutingPlanner planner;

	private final Schedules schedules;

	private final RedisQuotas quotas;

	private final ApplicationEventPublisher events;

	private final Callbacks callbacks;

	private final MeterRegistry meters;

	Router(AgentClaims claims, WaitingLine line, RedisLiveCalls calls, Clock clock, RoutingSettings settings,
			RoutingPlanner planner, Schedules schedules, RedisQuotas quotas, ApplicationEventPublisher events,
			Callbacks callbacks, MeterRegistry meters) {
		this.callbacks = callbacks;
		this.meters = meters;
		this.claims = claims;
		this.line = line;
		this.calls = calls;
		this.clock = clock;
		this.settings = settings;
		this.planner = planner;
		this.schedules = schedules;
		this.quotas = quotas;
		this.events = events;
	}

	@Override
	public Step route(CallRequest request, IvrOutcome.Routed routed) {
		Timer.Sample sample = Timer.start();
		String step = "error";
		try {
			Step decided = decide(request, routed);
			step = switch (decided) {
				case Step.ConnectNow connect -> "connect";
				case Step.Wait wait -> "wait";
				case Step.Closed closed -> "closed-" + closed.then().name().toLowerCase(Locale.ROOT);
			};
			return decided;
		}
		finally {
			// test calls go through tryRoute and are not timed: the meter is of real
			// callers' routing
			sample.stop(Timer.builder("switchboard.routing.decision")
				.description("Time to route a caller the IVR is done with")
				.tag("step", step)
				.publishPercentiles(0.5, 0.95, 0.99)
				.register(this.meters));
		}
	}

	private Step decide(CallRequest request, IvrOutcome.Routed routed) {
		Instant now = this.clock.instant();
		RoutingPlan plan = this.planner.plan(request, routed.skills(), now);
		Optional<Step.Closed> closed = closed(plan, now);
		if (closed.isPresent()) {
			log.info("Call {} of {}: closed ({})", request.uniqueId(), plan.country().orElse("?"),
					plan.trace().isEmpty() ? "" : plan.trace().getLast());
			this.events.publishEvent(new CallEvent.CallClosed(request.uniqueId(), plan.country(),
					closed.get().then().name().toLowerCase(Locale.ROOT), now));
			return closed.get();
		}
		Needs wanted = needs(request, routed, plan, now);
		CallNeeds needs = wanted.needs();
		this.calls.opened(needs, request.channel(), plan.country(), routed.skills());
		Optional<String> agent = this.claims.claimOrWait(needs);
		if (agent.isEmpty()) {
			wanted.widening().next().ifPresent((after) -> this.calls.widenAt(request.uniqueId(), now.plus(after)));
		}
		log.info("Call {} of {}: {} ({})", request.uniqueId(), plan.country().orElse("no country"),
				agent.map((id) -> "agent " + id).orElse("waits in line " + needs.queue()),
				String.join("; ", plan.trace()));
		this.events.publishEvent(new CallEvent.CallQueued(needs.callId(), needs.queue(), plan.country(), needs.skills(),
				needs.priority(), agent, now));
		String callId = needs.callId();
		String queue = needs.queue();
		return agent.<Step>map(Step.ConnectNow::new)
			.orElseGet(() -> new Step.Wait(queue, this.line.position(callId).orElse(0)));
	}

	/**
	 * Works the call out as {@link #route} does, up to the claim, which only looks: no
	 * agent is reserved, no line joined, no quota counted, no event published.
	 */
	@Override
	public Trial tryRoute(CallRequest request, IvrOutcome.Routed routed, Instant at) {
		RoutingPlan plan = this.planner.plan(request, routed.skills(), at);
		List<String> trace = new ArrayList<>(plan.trace());
		Optional<Step.Closed> closed = closed(plan, at);
		if (closed.isPresent()) {
			if (plan.open()) {
				trace.add("quota: the calls of this window are used up; the closed action applies");
			}
			return new Trial(closed.get(), trace);
		}
		Needs wanted = needs(request, routed, plan, at);
		CallNeeds needs = wanted.needs();
		if (needs.priority() > routed.priority()) {
			trace.add("the caller's number is a VIP number: priority " + needs.priority());
		}
		AgentClaims.Candidate candidate = this.claims.best(needs);
		if (candidate.agentId().isPresent()) {
			trace.add("agent " + candidate.agentId().get() + " (as agents are now): ready with " + candidate.group()
					+ " at the highest proficiency, then the longest idle");
			return new Trial(new Step.ConnectNow(candidate.agentId().get()), trace);
		}
		trace.add(candidate.quotaFull()
				? "quota of " + plan.country().orElse("?") + ": as many calls as it may have are with agents now"
				: "no ready agent has " + String.join(" or ", needs.groups()) + " now");
		int place = this.line.placeFor(needs);
		trace.add("the call would wait in line " + needs.queue() + " at place " + place
				+ wanted.widening()
					.next()
					.map((after) -> "; its needs widen after " + after.toSeconds() + "s")
					.orElse(""));
		return new Trial(new Step.Wait(needs.queue(), place), trace);
	}

	/** What the call needs now, and how that widens as it waits. */
	private Needs needs(CallRequest request, IvrOutcome.Routed routed, RoutingPlan plan, Instant at) {
		int priority = this.settings.vipNumbers().contains(request.callerId())
				? Math.max(routed.priority(), this.settings.vipPriority()) : routed.priority();
		CallNeeds needs = new CallNeeds(request.uniqueId(), routed.queue(), plan.skills(), priority, at)
			.withQuota(plan.quota());
		Overflow.Widening widening = this.planner.widen(plan.country(), plan.flowSkills(), plan.skills(), Duration.ZERO,
				at);
		return new Needs(needs.withAlternatives(widening.alternatives()), widening);
	}

	private record Needs(CallNeeds needs, Overflow.Widening widening) {

	}

	@Override
	public boolean callback(AgiCall call, IvrOutcome.CallbackRequested callback, String language) {
		Optional<String> country = this.planner.plan(call.request(), callback.skills(), this.clock.instant()).country();
		Optional<String> number = CallbackDialog.askNumber(call, country, language);
		if (number.isEmpty()) {
			call.play("custom/" + language + "/callback-failed", "");
			return false;
		}
		this.callbacks.requested(call.request(), callback.skills(), callback.queue(), number.get(), language);
		call.play("custom/" + language + "/callback-confirmed", "");
		return true;
	}

	/** Asks for the number as {@link #callback} does, and books nothing. */
	@Override
	public Optional<String> tryCallback(AgiCall call, IvrOutcome.CallbackRequested callback, String language) {
		Optional<String> country = this.planner.plan(call.request(), callback.skills(), this.clock.instant()).country();
		Optional<String> number = CallbackDialog.askNumber(call, country, language);
		call.play("custom/" + language + (number.isPresent() ? "/callback-confirmed" : "/callback-failed"), "");
		return number;
	}

	/**
	 * The closed action when the country is closed, or when its calls for this window are
	 * used up (then it "opens" again when the next window does).
	 */
	private Optional<Step.Closed> closed(RoutingPlan plan, Instant now) {
		if (plan.schedule().isEmpty() || plan.decision().isEmpty()) {
			return Optional.empty();
		}
		CountrySchedule schedule = plan.schedule().get();
		ScheduleDecision decision = plan.decision().get();
		Optional<Instant> opens;
		if (decision instanceof ScheduleDecision.Open open) {
			if (plan.quota().isEmpty() || !this.quotas.answeredUsedUp(plan.quota().get())) {
				return Optional.empty();
			}
			opens = nextOpening(schedule, open.windowCloses().toInstant());
		}
		else {
			opens = decision.nextChange().map(ZonedDateTime::toInstant);
		}
		ZoneId zone = schedule.timeZone();
		return Optional.of(switch (schedule.closedAction()) {
			case ClosedAction.AnnounceNextOpening announce -> then(true, opens, zone, announce.then());
			case ClosedAction.Voicemail voicemail -> then(false, opens, zone, voicemail);
			case ClosedAction.Callback callback -> then(false, opens, zone, callback);
		});
	}

	/** When calls are taken again after a window whose quota is used up. */
	private Optional<Instant> nextOpening(CountrySchedule schedule, Instant windowCloses) {
		ScheduleDecision then = this.schedules.decide(schedule, windowCloses);
		return then.isOpen() ? Optional.of(windowCloses) : then.nextChange().map(ZonedDateTime::toInstant);
	}

	private static Step.Closed then(boolean announce, Optional<Instant> opens, ZoneId zone, ClosedAction.Then then) {
		return switch (then) {
			case ClosedAction.Voicemail voicemail ->
				new Step.Closed(announce, opens, zone, CallRouter.Then.VOICEMAIL, voicemail.mailbox());
			case ClosedAction.Callback callback -> new Step.Closed(announce, opens, zone, CallRouter.Then.CALLBACK, "");
			case ClosedAction.Hangup hangup -> new Step.Closed(announce, opens, zone, CallRouter.Then.HANGUP, "");
		};
	}

}
