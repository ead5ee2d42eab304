package org.switchboard.routing;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import org.switchboard.call.CallEvent;
import org.switchboard.call.Next;
import org.switchboard.call.DialStatus;
import org.switchboard.agent.Agent;
import org.switchboard.agent.Agents;
import org.switchboard.call.AgiCall;
import org.switchboard.call.AgiScript;

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

	private final WaitingCallDispatcher dispatcher;

	private final Callbacks callbacks;

	private final SurveySettings survey;

	RoutingScripts(RedisLiveCalls calls, AgentClaims claims, WaitingLine line, Agents agents, RoutingSettings settings,
			ApplicationEventPublisher events, Clock clock, WaitingCallDispatcher dispatcher, Callbacks callbacks,
			SurveySettings survey) {
		this.dispatcher = dispatcher;
		this.callbacks = callbacks;
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
			// the shipped dialplan passes both as arguments, which saves two round trips
			// to Asterisk; a dialplan that does not leaves them to be read
			List<String> arguments = call.request().arguments();
			DialStatus status = DialStatus
				.of(arguments.isEmpty() ? call.get("DIALSTATUS").orElse("") : arguments.get(0));
			Optional<String> callback = (arguments.isEmpty() ? call.get("SB_CALL")
					: Optional.of(call.request().argument(1, "")))
				.filter((id) -> !id.isBlank());
			if (callback.isPresent()) {
				// the agent's leg of a callback: how dialling the customer went
				String agentId = this.calls.agent(callback.get()).orElse("");
				this.callbacks.customerDialled(callback.get(), agentId, status);
				call.next(Next.HANGUP);
				return;
			}
			String callId = call.request().uniqueId();
			Optional<LiveCall> live = this.calls.find(callId);
			if (status.answered()) {
				agentAnswered(call, callId, live);
			}
			else {
				agentDidNotAnswer(call, callId, live, status);
			}
		});
	}

	/**
	 * With Dial's g option this runs after the conversation: the caller is done, or rates
	 * the call when the line has the survey on.
	 */
	private void agentAnswered(AgiCall call, String callId, Optional<LiveCall> live) {
		live.ifPresent((answered) -> {
			handled(answered);
			boolean held = this.line.remove(callId);
			this.calls.unassign(answered);
			if (held) {
				answered.country().ifPresent(this.dispatcher::countryFreed);
			}
		});
		call.next(this.survey.offeredOn(call.request().dialled()) ? Next.SURVEY : Next.HANGUP);
	}

	/**
	 * NOANSWER, BUSY, CONGESTION: ring-no-answer for the agent; CHANUNAVAIL: their phone
	 * has no reachable contact (Asterisk dialled nothing), so it is unreachable, no miss.
	 * Either way the caller goes on.
	 */
	private void agentDidNotAnswer(AgiCall call, String callId, Optional<LiveCall> live, DialStatus status) {
		live.flatMap(LiveCall::agent).ifPresent((agentId) -> {
			if (status == DialStatus.CHANUNAVAIL) {
				this.agents.reachable(agentId, false);
				this.agents.release(agentId);
			}
			else {
				this.agents.missed(agentId);
			}
			this.events.publishEvent(new CallEvent.RingNotAnswered(callId, agentId, live.flatMap(LiveCall::queue),
					live.flatMap(LiveCall::country), status, this.clock.instant()));
			log.info("Agent {} did not answer call {} ({})", agentId, callId, status);
		});
		live.ifPresent(this.calls::unassign);
		requeue(call, callId);
	}

	AgiScript tick() {
		return AgiScript.of("tick", (call) -> {
			String callId = call.request().uniqueId();
			if (this.calls.agent(callId).isPresent()) {
				call.next(Next.CONNECT);
				return;
			}
			OptionalInt position = this.line.position(callId);
			Optional<CallNeeds> needs = this.line.find(callId);
			if (position.isEmpty() || needs.isEmpty()) {
				requeue(call, callId);
				return;
			}
			call.set("SB_POSITION", String.valueOf(position.getAsInt()));
			announce(call, position.getAsInt());
			Duration expected = expectedWait(needs.get().queue(), position.getAsInt());
			call.set("SB_EXPECTED_WAIT", Long.toString(expected.toSeconds()));
			call.play("queue-holdtime", "");
			call.exec("SayNumber", Long.toString(Math.max(1, (expected.toSeconds() + 59) / 60)));
			call.play("queue-minutes", "");
			if (offerCallback(call, callId, needs.get())) {
				call.next(Next.HANGUP);
				return;
			}
			call.next(Next.WAIT);
		});
	}

	/**
	 * The caller's expected wait: their position times the queue's recent handle time,
	 * shared by the agents working the queue now (at least one).
	 */
	Duration expectedWait(String queue, int position) {
		Duration handle = this.calls.handleTime(queue).orElse(this.settings.defaultHandleTime());
		long working = Math.max(1, this.calls.busy(queue));
		return handle.multipliedBy(position).dividedBy(working);
	}

	/**
	 * Once a caller has waited long enough, offers a callback (press 1) once; answers
	 * whether the caller left a number and may hang up.
	 */
	private boolean offerCallback(AgiCall call, String callId, CallNeeds needs) {
		Duration after = this.settings.callbacks().offerAfter();
		if (after.isZero() || Duration.between(needs.arrivedAt(), this.clock.instant()).compareTo(after) < 0
				|| !this.calls.offerCallback(callId)) {
			return false;
		}
		String language = call.get("SB_LANGUAGE").filter((value) -> !value.isBlank()).orElse("en");
		Optional<Character> pressed = call.play("custom/" + language + "/callback-offer", "1")
			.or(() -> call.waitForDigit(Duration.ofSeconds(5)));
		if (pressed.isEmpty() || pressed.get() != '1') {
			return false;
		}
		Optional<String> number = CallbackDialog.askNumber(call, this.calls.country(callId), language);
		if (number.isEmpty()) {
			call.play("custom/" + language + "/callback-failed", "");
			return false;
		}
		this.callbacks.requestedWhileWaiting(callId, number.get(), language);
		call.play("custom/" + language + "/callback-confirmed", "");
		return true;
	}

	/** Counts the finished call's time with its agent into its queue's handle time. */
	private void handled(LiveCall call) {
		call.queue()
			.ifPresent((queue) -> call.claimedAt()
				.ifPresent((claimed) -> this.calls.handled(queue, Duration.between(claimed, this.clock.instant()))));
	}

	/**
	 * Puts the call back with its first arrival time, so it keeps its place ahead of
	 * later callers, or hands it to a free agent at once.
	 */
	private void requeue(AgiCall call, String callId) {
		Optional<CallNeeds> needs = this.line.find(callId).or(() -> this.calls.needs(callId));
		if (needs.isEmpty()) {
			// not a routed call: nothing to wait for
			call.next(Next.HANGUP);
			return;
		}
		boolean connected = this.claims.claimOrWait(needs.get()).isPresent();
		call.next(connected ? Next.CONNECT : Next.WAIT);
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
