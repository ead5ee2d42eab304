package org.switchboard.telephony;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.action.RedirectAction;
import org.asteriskjava.manager.action.SetVarAction;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import org.switchboard.call.AsteriskSnapshot;
import org.switchboard.call.CallControl;
import org.switchboard.call.CallControlException;
import org.switchboard.call.OriginateOutcome;
import org.switchboard.call.OriginateRequest;
import org.switchboard.call.AsteriskEvent.AmiDisconnected;
import org.switchboard.call.AsteriskEvent.OriginateFinished;

/**
 * {@link CallControl} over the AMI link. Originate is always asynchronous: a synchronous
 * one would hold back every other event on the link until the phone answers.
 */
@Component
class AmiCallControl implements CallControl {

	private static final Logger log = LoggerFactory.getLogger(AmiCallControl.class);

	/**
	 * How long past the ring timeout an Originate may take to report before it counts as
	 * lost.
	 */
	private static final Duration ORIGINATE_GRACE = Duration.ofSeconds(10);

	private final AmiLink link;

	private final Clock clock;

	private final Map<String, CompletableFuture<OriginateFinished>> originates = new ConcurrentHashMap<>();

	AmiCallControl(AmiLink link, Clock clock) {
		this.link = link;
		this.clock = clock;
	}

	@Override
	public void redirect(String channel, String context, String exten, Map<String, String> variables) {
		variables.forEach((name, value) -> setVariable(channel, name, value));
		RedirectAction redirect = new RedirectAction(channel, context, exten, 1);
		expectSuccess(this.link.actions().send(redirect), "Redirect of " + channel + " to " + context + "," + exten);
	}

	@Override
	public void setVariable(String channel, String variable, String value) {
		expectSuccess(this.link.actions().send(new SetVarAction(channel, variable, value)),
				"Setvar " + variable + " on " + channel);
	}

	@Override
	public void hangup(String channel, int cause) {
		expectSuccess(this.link.actions().send(new HangupAction(channel, cause)), "Hangup of " + channel);
	}

	@Override
	public CompletableFuture<OriginateFinished> originate(OriginateRequest request) {
		String requestId = "sb-" + UUID.randomUUID();
		OriginateAction action = new OriginateAction();
		action.setActionId(requestId);
		action.setChannel(request.endpoint());
		action.setContext(request.context());
		action.setExten(request.exten());
		action.setPriority(1);
		action.setTimeout(request.ringTimeout().toMillis());
		action.setAsync(true);
		if (request.callerId() != null) {
			action.setCallerId(request.callerId());
		}
		if (!request.variables().isEmpty()) {
			action.setVariables(request.variables());
		}
		CompletableFuture<OriginateFinished> result = new CompletableFuture<>();
		this.originates.put(requestId, result);
		result.whenComplete((finished, failure) -> this.originates.remove(requestId));
		try {
			expectSuccess(this.link.actions().send(action), "Originate to " + request.endpoint());
		}
		catch (CallControlException ex) {
			result.completeExceptionally(ex);
			return result;
		}
		long waitMillis = request.ringTimeout().plus(ORIGINATE_GRACE).toMillis();
		return result.completeOnTimeout(new OriginateFinished(this.clock.instant(), requestId,
				OriginateOutcome.TIMED_OUT, request.endpoint(), null), waitMillis, TimeUnit.MILLISECONDS);
	}

	@EventListener
	void on(OriginateFinished finished) {
		CompletableFuture<OriginateFinished> pending = this.originates.get(finished.requestId());
		if (pending != null) {
			pending.complete(finished);
		}
	}

	@EventListener
	void on(AmiDisconnected disconnected) {
		// the responses of Originates in flight may never come; callers see it as a
		// failure now
		this.originates.values()
			.forEach((pending) -> pending.completeExceptionally(
					new CallControlException("AMI link lost before the Originate finished: " + disconnected.reason())));
	}

	@Override
	public AsteriskSnapshot snapshot() {
		return this.link.actions().snapshot();
	}

	@Override
	public void resync() {
		this.link.resync();
	}

	@Override
	public boolean reachable(String device) {
		return this.link.actions().reachable(device);
	}

	@Override
	public boolean connected() {
		return this.link.connected();
	}

	private static void expectSuccess(ManagerResponse response, String what) {
		if (response instanceof ManagerError || !"Success".equalsIgnoreCase(response.getResponse())) {
			log.debug("{} refused: {}", what, response.getMessage());
			throw new CallControlException(what + " refused by Asterisk: " + response.getMessage());
		}
	}

}
