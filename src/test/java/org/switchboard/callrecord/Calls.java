package org.switchboard.callrecord;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Hand-built call records for tests of what is computed from them. */
public final class Calls {

	private Calls() {
	}

	public static CallRecord answered(String id, Instant arrived, String country, String agent, int waitS, int talkS,
			int holdS, int wrapS, Integer csat) {
		Instant queued = arrived.plusSeconds(10);
		Instant answered = queued.plusSeconds(waitS);
		Instant hungUp = answered.plusSeconds(talkS + holdS);
		CallRecord.Times times = new CallRecord.Times(arrived, queued, queued, answered.minusSeconds(2), answered,
				hungUp, hungUp, hungUp.plusSeconds(wrapS), List.of());
		CallRecord.Durations durations = new CallRecord.Durations(Duration.ofSeconds(10), Duration.ofSeconds(waitS),
				Duration.ofSeconds(2), Duration.ofSeconds(talkS), Duration.ofSeconds(holdS), Duration.ofSeconds(wrapS),
				Duration.ofSeconds(talkS + holdS + wrapS));
		return new CallRecord(id, "8000", "+49******56", country, "support", List.of("menu", "billing"), "billing",
				Map.of("billing", 2), agent, List.of(), Outcome.ANSWERED, false, csat, times, durations);
	}

	public static CallRecord abandoned(String id, Instant arrived, String country, int waitS, boolean isShort) {
		Instant queued = arrived.plusSeconds(10);
		CallRecord.Times times = new CallRecord.Times(arrived, queued, queued, null, null, null,
				queued.plusSeconds(waitS), null, List.of());
		CallRecord.Durations durations = new CallRecord.Durations(Duration.ofSeconds(10), Duration.ofSeconds(waitS),
				null, null, null, null, null);
		return new CallRecord(id, "8000", "+49******56", country, "support", List.of("menu", "billing"), "billing",
				Map.of("billing", 2), null, List.of(), Outcome.ABANDONED_IN_QUEUE, isShort, null, times, durations);
	}

	public static CallRecord other(String id, Instant arrived, String country, Outcome outcome, boolean queued) {
		Instant ivrDone = arrived.plusSeconds(10);
		CallRecord.Times times = new CallRecord.Times(arrived, ivrDone, queued ? ivrDone : null, null, null, null,
				ivrDone.plusSeconds(20), null, List.of());
		CallRecord.Durations durations = new CallRecord.Durations(Duration.ofSeconds(10),
				queued ? Duration.ofSeconds(20) : null, null, null, null, null, null);
		return new CallRecord(id, "8000", null, country, "support", List.of("menu"), queued ? "billing" : null,
				Map.of(), null, List.of(), outcome, false, null, times, durations);
	}

	/** The call, after these agents were rung for it and did not answer, 15 s each. */
	public static CallRecord rangUnanswered(CallRecord call, String... agents) {
		List<CallRecord.RingNoAnswer> rings = java.util.Arrays.stream(agents)
			.map((agent) -> new CallRecord.RingNoAnswer(agent, Duration.ofSeconds(15), "NOANSWER"))
			.toList();
		return new CallRecord(call.callId(), call.line(), call.caller(), call.country(), call.flow(), call.ivrPath(),
				call.queue(), call.skills(), call.agentId(), rings, call.outcome(), call.shortAbandon(), call.csat(),
				call.times(), call.durations());
	}

}
