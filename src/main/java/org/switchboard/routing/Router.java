package org.switchboard.routing;

import java.time.Clock;

import org.springframework.stereotype.Component;

import org.switchboard.ivr.CallRouter;
import org.switchboard.ivr.IvrOutcome;
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

	Router(AgentClaims claims, WaitingLine line, RedisLiveCalls calls, Clock clock, RoutingSettings settings) {
		this.settings = settings;
		this.claims = claims;
		this.line = line;
		this.calls = calls;
		this.clock = clock;
	}

	@Override
	public Step route(CallRequest request, IvrOutcome.Routed routed) {
		int priority = this.settings.vipNumbers().contains(request.callerId())
				? Math.max(routed.priority(), this.settings.vipPriority()) : routed.priority();
		CallNeeds needs = new CallNeeds(request.uniqueId(), routed.queue(), routed.skills(), priority,
				this.clock.instant());
		this.calls.opened(needs, request.channel());
		return this.claims.claimOrWait(needs)
			.<Step>map(Step.ConnectNow::new)
			.orElseGet(() -> new Step.Wait(needs.queue(), this.line.position(needs.callId()).orElse(0)));
	}

}
