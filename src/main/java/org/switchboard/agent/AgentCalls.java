package org.switchboard.agent;

import java.time.Clock;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import org.switchboard.call.AsteriskEvent.PhoneChannelEnded;
import org.switchboard.call.CallEvent.CallAnswered;

/**
 * An agent's routed calls as Asterisk reports them: the answer of the call they are
 * reserved for puts them on it, and the hang-up of the channel that carries it starts
 * their wrap-up. A phone has more lines than one: a feature code or an internal call on
 * another channel of the same phone changes nothing, and a call that Switchboard did not
 * route to them (an internal call, the fallback dial) neither puts them on a call nor out
 * of line, as their state is about routed calls only. AMI, not the AGI scripts, is the
 * source of these facts; the channel is kept with the agent's state, so every instance
 * hearing the hang-up agrees.
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
	void answered(CallAnswered answer) {
		this.agents.idWithEndpoint(answer.endpoint())
			.ifPresent((agentId) -> this.agents.onCall(agentId, answer.callId(), answer.leg()));
	}

	@EventListener
	void hungUp(PhoneChannelEnded hangup) {
		this.agents.idWithEndpoint(hangup.device())
			.ifPresent((agentId) -> this.agents.hungUp(agentId, hangup.channel(),
					this.clock.instant().plus(this.settings.wrapUp())));
	}

}
