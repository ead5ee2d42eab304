package org.switchboard.ivr;

import java.util.Map;
import java.util.stream.Collectors;

import org.switchboard.call.AgiCall;
import org.switchboard.call.Next;

/**
 * Tells the dialplan where a caller goes once the IVR is done: the {@code SB_*} variables
 * of the outcome, then routing's step, or a closed line's announcement and exit.
 */
final class DialplanHandOff {

	private final IvrSettings settings;

	DialplanHandOff(IvrSettings settings) {
		this.settings = settings;
	}

	/** Sets what routing needs from the outcome and where the dialplan goes next. */
	void next(AgiCall call, IvrRunner.Result result, CallExit exit) {
		call.set("SB_LANGUAGE", result.language());
		if (result.country() != null) {
			call.set("SB_COUNTRY", result.country());
		}
		switch (result.outcome()) {
			case IvrOutcome.Routed routed -> {
				call.set("SB_QUEUE", routed.queue());
				call.set("SB_SKILLS", skills(routed.skills()));
				call.set("SB_PRIORITY", String.valueOf(routed.priority()));
				exit.route(call, routed, result.language());
			}
			case IvrOutcome.ToVoicemail voicemail -> {
				call.set("SB_MAILBOX", voicemail.mailbox());
				call.next(Next.VOICEMAIL);
			}
			case IvrOutcome.CallbackRequested callback -> {
				call.set("SB_QUEUE", callback.queue());
				call.set("SB_SKILLS", skills(callback.skills()));
				exit.callback(call, callback, result.language());
				call.next(Next.HANGUP);
			}
			case IvrOutcome.SelfServed served -> call.next(Next.HANGUP);
			case IvrOutcome.Failed failed -> call.next(Next.HANGUP);
			case IvrOutcome.Abandoned abandoned -> {
			}
		}
	}

	/** Takes a routed caller where routing says. */
	void step(AgiCall call, CallRouter.Step step, IvrOutcome.Routed routed, String language, CallExit exit) {
		switch (step) {
			case CallRouter.Step.ConnectNow connect -> call.next(Next.CONNECT);
			case CallRouter.Step.Wait wait -> {
				call.set("SB_POSITION", String.valueOf(wait.position()));
				call.next(Next.WAIT);
			}
			case CallRouter.Step.Closed closed -> closed(call, closed, routed, language, exit);
		}
	}

	/**
	 * Tells the caller when the country opens, in their language, then leaves as the
	 * schedule says.
	 */
	private void closed(AgiCall call, CallRouter.Step.Closed closed, IvrOutcome.Routed routed, String language,
			CallExit exit) {
		if (closed.announce() && closed.opens().isPresent()) {
			call.play(this.settings.closedPrompt().replace("{language}", language), "");
			call.sayDateTime(closed.opens().get(), closed.zone());
		}
		switch (closed.then()) {
			case VOICEMAIL -> {
				call.set("SB_MAILBOX", closed.mailbox());
				call.next(Next.VOICEMAIL);
			}
			case CALLBACK -> {
				exit.callback(call, new IvrOutcome.CallbackRequested(routed.skills(), routed.queue()), language);
				call.next(Next.HANGUP);
			}
			case HANGUP -> call.next(Next.HANGUP);
		}
	}

	/** {@code billing:2,support:1}, sorted, for the dialplan and the logs. */
	static String skills(Map<String, Integer> skills) {
		return skills.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.map((skill) -> skill.getKey() + ":" + skill.getValue())
			.collect(Collectors.joining(","));
	}

}
