package org.switchboard.routing;

import java.time.Clock;
import java.util.Optional;
import java.util.OptionalInt;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import org.switchboard.agent.Agent;
import org.switchboard.agent.Agents;
import org.switchboard.telephony.AgiCall;
import org.switchboard.telephony.AgiScript;

/**
 * The scripts of the waiting line and the agent connection: {@code connect} dials the
 * agent reserved for the call, {@code dial-result} handles how that went, {@code tick}
 * tells a waiting caller their place (and catches a claim whose Redirect was lost).
 */
@Component
class RoutingScripts {

	private static final Logger log = LoggerFactory.getLogger(RoutingScripts.class);

	private final RedisLiveCalls calls;

	private final AgentClaims claims;

	private final WaitingLine line;

	private final Agents agents;

	private final RoutingSettings settings;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final PostCallSurvey survey;

	RoutingScripts(RedisLiveCalls calls, AgentClaims claims, WaitingLine line, Agents agents, RoutingSettings settings,
			ApplicationEventPublisher events, Clock clock, PostCallSurvey survey) {
		this.survey = survey;
		this.events = events;
		this.clock = clock;
		this.calls = calls;
		this.claims = claims;
		this.line = line;
		this.agents = agents;
		this.settings = settings;
	}

	AgiScript connect() {
		return AgiScript.of("connect", (call) -> {
			String callId = call.request().uniqueId();
			Optional<Agent> agent = this.calls.agent(callId).flatMap(this.agents::find);
			if (agent.isEmpty()) {
				// the reservation is gone (lease ran out): back in line, or to a free
				// agent now
				requeue(call, callId);
				return;
			}
			call.set("SB_AGENT", agent.get().id());
			call.set("SB_RING_TIMEOUT", Long.toString(this.settings.ringTimeout().toSeconds()));
			call.set("SB_TARGET", agent.get().endpoint());
		});
	}

	AgiScript dialResult() {
		return AgiScript.of("dial-result", (call) -> {
			String callId = call.request().uniqueId();
			String status = call.get("DIALSTATUS").orElse("");
			Optional<String> agent = this.calls.agent(callId);
			if (status.equals("ANSWER")) {
				// with Dial's g option this runs after the conversation: the caller is
				// done, or rates the call when the line has the survey on
				this.line.remove(callId);
				this.calls.unassign(callId);
				call.set("SB_NEXT", this.survey.offeredOn(call.request().dialled()) ? "survey" : "hangup");
				return;
			}
			// NOANSWER, BUSY, CHANUNAVAIL, CONGESTION: ring-no-answer for the agent, the
			// caller goes on
			agent.ifPresent((agentId) -> {
				this.agents.missed(agentId);
				this.events
					.publishEvent(new RoutingEvent.CallNotAnswered(callId, agentId, status, this.clock.instant()));
				log.info("Agent {} did not answer call {} ({})", agentId, callId, status);
			});
			this.calls.unassign(callId);
			requeue(call, callId);
		});
	}

	AgiScript tick() {
		return AgiScript.of("tick", (call) -> {
			String callId = call.request().uniqueId();
			if (this.calls.agent(callId).isPresent()) {
				call.set("SB_NEXT", "connect");
				return;
			}
			OptionalInt position = this.line.position(callId);
			if (position.isEmpty()) {
				requeue(call, callId);
				return;
			}
			call.set("SB_POSITION", String.valueOf(position.getAsInt()));
			announce(call, position.getAsInt());
			call.set("SB_NEXT", "wait");
		});
	}

	/**
	 * Puts the call back with its first arrival time, so it keeps its place ahead of
	 * later callers, or hands it to a free agent at once.
	 */
	private void requeue(AgiCall call, String callId) {
		Optional<CallNeeds> needs = this.calls.needs(callId);
		if (needs.isEmpty()) {
			// not a routed call: nothing to wait for
			call.set("SB_NEXT", "hangup");
			return;
		}
		boolean connected = this.claims.claimOrWait(needs.get()).isPresent();
		call.set("SB_NEXT", connected ? "connect" : "wait");
	}

	private static void announce(AgiCall call, int position) {
		if (position == 1) {
			call.play("queue-youarenext", "");
			return;
		}
		call.play("queue-thereare", "");
		call.exec("SayNumber", String.valueOf(position - 1));
		call.play("queue-callswaiting", "");
	}

}
