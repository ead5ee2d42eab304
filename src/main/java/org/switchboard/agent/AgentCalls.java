package org.switchboard.agent;

import java.time.Clock;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import org.switchboard.telephony.AsteriskEvent.ChannelHungUp;
import org.switchboard.telephony.AsteriskEvent.DialEnded;
import org.switchboard.telephony.ChannelNames;

/**
 * An agent's calls as Asterisk reports them: answering puts the agent on the call,
 * hanging up starts their wrap-up. AMI, not the AGI scripts, is the source of these
 * facts.
 */
@Component
class AgentCalls {

	private final Agents agents;

	private final AgentSettings settings;

	private final Clock clock;

	AgentCalls(Agents agents, AgentSettings settings, Clock clock) {
		this.agents = agents;
		this.settings = settings;
		this.clock = clock;
	}

	@EventListener
	void dialEnded(DialEnded dial) {
		if (dial.destination() != null && "ANSWER".equals(dial.dialStatus())) {
			this.agents.idWithEndpoint(ChannelNames.device(dial.destination().channel()))
				.ifPresent(this.agents::onCall);
		}
	}

	@EventListener
	void hungUp(ChannelHungUp hangup) {
		// wrap-up follows only a call the agent was on (the change refuses any other
		// state), so a hang-up while ringing or after a release changes nothing
		this.agents.idWithEndpoint(ChannelNames.device(hangup.ref().channel()))
			.ifPresent((agentId) -> this.agents.wrapUp(agentId, this.clock.instant().plus(this.settings.wrapUp())));
	}

}
