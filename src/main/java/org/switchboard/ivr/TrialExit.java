package org.switchboard.ivr;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.switchboard.call.AgiCall;
import org.switchboard.call.ChannelGoneException;
import org.switchboard.call.Next;

/** A test call: routed as a dry run, its decision and trace kept for its author. */
final class TrialExit implements CallExit {

	private final CallRouter router;

	private final DialplanHandOff handOff;

	private final Instant at;

	private final List<String> trace = new ArrayList<>();

	private CallRouter.Step step;

	private String failure;

	private boolean hungUp;

	private boolean callbackAsked;

	private String callbackNumber;

	TrialExit(CallRouter router, DialplanHandOff handOff, Instant at) {
		this.router = router;
		this.handOff = handOff;
		this.at = at;
	}

	@Override
	public void route(AgiCall call, IvrOutcome.Routed routed, String language) {
		CallRouter.Trial trial;
		try {
			trial = this.router.tryRoute(call.request(), routed, this.at);
		}
		catch (ChannelGoneException ex) {
			this.hungUp = true;
			return;
		}
		catch (RuntimeException ex) {
			this.failure = ex.toString();
			return;
		}
		this.step = trial.step();
		this.trace.addAll(trial.trace());
		this.handOff.step(call, trial.step(), routed, language, this);
	}

	@Override
	public void callback(AgiCall call, IvrOutcome.CallbackRequested callback, String language) {
		try {
			this.callbackNumber = this.router.tryCallback(call, callback, language).orElse(null);
			this.callbackAsked = true;
		}
		catch (ChannelGoneException ex) {
			this.hungUp = true;
		}
		catch (RuntimeException ex) {
			this.failure = ex.toString();
		}
	}

	TestCallEvent.Decision decision(IvrRunner.Result result, Map<String, String> variables) {
		String next = variables.getOrDefault(Next.VARIABLE, "");
		String agent = (this.step instanceof CallRouter.Step.ConnectNow connect) ? connect.agentId() : null;
		return new TestCallEvent.Decision(next, summary(result.outcome(), variables), agent, variables, this.trace);
	}

	private String summary(IvrOutcome outcome, Map<String, String> variables) {
		if (this.hungUp) {
			return "none: the caller hung up";
		}
		if (this.failure != null) {
			return "none: routing failed (" + this.failure + "); the dialplan's fallback route takes the call";
		}
		String closed = (this.step instanceof CallRouter.Step.Closed shut) ? "closed"
				+ shut.opens().map((opens) -> " until " + TestCallEvent.Said.spoken(opens, shut.zone())).orElse("")
				+ ", then " : "";
		return switch (outcome) {
			case IvrOutcome.Routed routed -> switch (this.step) {
				case CallRouter.Step.ConnectNow connect ->
					"connect: agent " + connect.agentId() + " would take the call now (a test call reserves nobody)";
				case CallRouter.Step.Wait wait -> "wait: nobody who fits is ready now; the call would wait in line "
						+ wait.queue() + " at place " + wait.position() + " (a test call joins no line)";
				case CallRouter.Step.Closed shut -> closed + exit(variables);
				case null -> "none";
			};
			case IvrOutcome.ToVoicemail voicemail -> "voicemail: a message in mailbox " + voicemail.mailbox();
			case IvrOutcome.CallbackRequested callback -> callback(callback.queue());
			case IvrOutcome.SelfServed served -> "hang up: the IVR served the caller";
			case IvrOutcome.Failed failed ->
				"hang up: the IVR could not go on at " + failed.node() + " (" + failed.reason() + ")";
			case IvrOutcome.Abandoned abandoned -> "none: the caller hung up at " + abandoned.node();
		};
	}

	/** What a closed line does after its announcement. */
	private String exit(Map<String, String> variables) {
		return switch (Next.of(variables.get(Next.VARIABLE)).orElse(null)) {
			case VOICEMAIL -> "voicemail: a message in mailbox " + variables.get("SB_MAILBOX");
			case HANGUP -> this.callbackAsked ? callback(variables.get("SB_QUEUE")) : "hang up";
			case null, default -> "none";
		};
	}

	private String callback(String queue) {
		return (this.callbackNumber != null)
				? "callback to " + this.callbackNumber + " in queue " + queue
						+ " when an agent is free (a test call books none)"
				: "hang up: the caller gave no valid number to call back";
	}

}
