package org.switchboard.routing;

import org.springframework.stereotype.Component;

import org.switchboard.agent.ReadyAgentOffer;
import org.switchboard.redis.LuaScript;

/**
 * Offers an agent the waiting calls inside the script that makes them ready: routing's
 * {@code routing/ready-offer.lua} runs the agent library's change (over
 * {@code agent/lib.lua} and {@code routing/lib.lua}) and reserves the call for them
 * exactly as {@link AgentClaims#claimWaitingCall} would, with no second round trip.
 * {@link WaitingCallDispatcher} announces the call they took.
 */
@Component
class WaitingCallOffer implements ReadyAgentOffer {

	private final RoutingSettings settings;

	WaitingCallOffer(RoutingSettings settings) {
		this.settings = settings;
	}

	@Override
	public LuaScript script() {
		return RoutingLua.READY_OFFER;
	}

	/** The claim's lease, in ms. */
	@Override
	public String argument() {
		return Long.toString(this.settings.claimLease().toMillis());
	}

}
