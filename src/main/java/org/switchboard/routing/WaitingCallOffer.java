package org.switchboard.routing;

import java.util.List;

import org.springframework.stereotype.Component;

import org.switchboard.agent.ReadyAgentOffer;

/**
 * Offers an agent the waiting calls inside the script that makes them ready
 * ({@code routing/ready-offer.lua} over {@code routing/lib.lua}): the call is reserved
 * for them exactly as {@link AgentClaims#claimWaitingCall} would, with no second round
 * trip. {@link WaitingCallDispatcher} announces the call they took.
 */
@Component
class WaitingCallOffer implements ReadyAgentOffer {

	private final RoutingSettings settings;

	WaitingCallOffer(RoutingSettings settings) {
		this.settings = settings;
	}

	@Override
	public List<String> luaFiles() {
		return List.of("routing/lib.lua", "routing/ready-offer.lua");
	}

	/** The claim's lease, in ms. */
	@Override
	public String argument() {
		return Long.toString(this.settings.claimLease().toMillis());
	}

}
