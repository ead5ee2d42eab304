package org.switchboard.ivr;

import java.util.Map;

import org.switchboard.call.CallEvent.IvrEnd;
import org.switchboard.call.CallEvent.IvrFinished;
import org.switchboard.ivr.flow.Flow;

/**
 * How a caller's way out of the IVR is told to the rest: the call's {@link IvrFinished}.
 */
final class IvrFinishing {

	private IvrFinishing() {
	}

	static IvrFinished of(String callId, Flow flow, IvrRunner.Result result) {
		String queue = null;
		Map<String, Integer> skills = Map.of();
		IvrEnd end = switch (result.outcome()) {
			case IvrOutcome.Routed routed -> {
				queue = routed.queue();
				skills = routed.skills();
				yield IvrEnd.ROUTED;
			}
			case IvrOutcome.ToVoicemail voicemail -> IvrEnd.VOICEMAIL;
			case IvrOutcome.CallbackRequested callback -> {
				queue = callback.queue();
				yield IvrEnd.CALLBACK;
			}
			case IvrOutcome.SelfServed served -> IvrEnd.SELF_SERVED;
			case IvrOutcome.Abandoned abandoned -> IvrEnd.ABANDONED;
			case IvrOutcome.Failed failed -> IvrEnd.FAILED;
		};
		return new IvrFinished(callId, flow.name(), flow.version(), result.language(), result.country(),
				result.maskedAttributes(),
				result.path().stream().map((step) -> new IvrFinished.Step(step.node(), step.outcome())).toList(), end,
				queue, skills, result.startedAt(), result.endedAt());
	}

}
