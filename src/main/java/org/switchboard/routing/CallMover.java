package org.switchboard.routing;

import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import org.switchboard.call.CallEvent;
import org.switchboard.call.CallEvent.AgentReserved;
import org.switchboard.agent.Agents;
import org.switchboard.call.CallControl;
import org.switchboard.call.CallControlException;

/**
 * Moves a waiting caller to their agent the moment one is claimed for them (AMI Redirect
 * out of the music into {@code switchboard-connect}), and lets go of everything a caller
 * held when Asterisk reports their channel gone: their place in line and an agent
 * reserved for them.
 */
@Component
class CallMover {

	private static final Logger log = LoggerFactory.getLogger(CallMover.class);

	private final RedisLiveCalls calls;

	private final WaitingLine line;

	private final Agents agents;

	private final CallControl control;

	private final WaitingCallDispatcher dispatcher;

	private final Callbacks callbacks;

	CallMover(RedisLiveCalls calls, WaitingLine line, Agents agents, CallControl control,
			WaitingCallDispatcher dispatcher, Callbacks callbacks) {
		this.dispatcher = dispatcher;
		this.callbacks = callbacks;
		this.calls = calls;
		this.line = line;
		this.agents = agents;
		this.control = control;
	}

	@EventListener
	void claimed(AgentReserved claimed) {
		Optional<LiveCall> call = this.calls.assign(claimed.callId(), claimed.agentId(), claimed.at());
		Optional<String> callback = call.flatMap(LiveCall::callbackNumber);
		if (callback.isPresent()) {
			// no caller on the line: ring the agent, then the customer
			Thread.ofVirtual()
				.name("callback-" + claimed.callId())
				.start(() -> this.callbacks.dial(claimed, callback.get()));
		}
		else if (claimed.fromWaitingLine()) {
			// the claim may run on the AMI event thread: never block it on a Redirect
			// round trip
			Optional<String> channel = call.flatMap(LiveCall::channel);
			Thread.ofVirtual().name("move-" + claimed.callId()).start(() -> move(claimed, channel));
		}
	}

	private void move(AgentReserved claimed, Optional<String> channel) {
		try {
			if (channel.isEmpty()) {
				throw new CallControlException("no channel known for call " + claimed.callId());
			}
			this.control.redirect(channel.get(), "switchboard-connect", "s", Map.of());
			log.info("Call {} moved to agent {}", claimed.callId(), claimed.agentId());
		}
		catch (CallControlException ex) {
			log.warn("Call {} could not be moved to agent {} ({}); the agent is released", claimed.callId(),
					claimed.agentId(), ex.getMessage());
			this.calls.unassign(claimed.callId());
			this.agents.release(claimed.agentId());
		}
	}

	@EventListener
	void hungUp(CallEvent.CallerHungUp hangup) {
		this.calls.find(hangup.callId()).ifPresent(this::gone);
	}

	/**
	 * The caller left: their place in line, an agent reserved for them and the record go.
	 */
	void gone(String callId) {
		// a call whose facts expired may still hold a place in line or in the index
		gone(this.calls.find(callId).orElse(new LiveCall(callId, Map.of())));
	}

	private void gone(LiveCall call) {
		if (call.callbackNumber().isPresent()) {
			// the caller hung up after leaving a number: the callback keeps its place
			return;
		}
		String callId = call.callId();
		boolean held = this.line.remove(callId);
		call.agent()
			.filter((agentId) -> this.agents.status(agentId)
				.map((status) -> callId.equals(status.callId())
						&& status.state() == org.switchboard.agent.AgentState.RESERVED)
				.orElse(false))
			.ifPresent(this.agents::release);
		this.calls.closed(call);
		if (held) {
			// its place among the country's calls is free (a call that finished with its
			// agent gave it back already)
			call.country().ifPresent(this.dispatcher::countryFreed);
		}
	}

}
