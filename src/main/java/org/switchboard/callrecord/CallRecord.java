package org.switchboard.callrecord;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

/**
 * The finished record of one call: what happened when, how long each part took, and how
 * it ended. It holds no phone number in clear: {@code caller} is masked.
 *
 * @param callId the caller channel's Uniqueid
 * @param line the number dialled
 * @param caller the caller's number, masked ({@code +49******56})
 * @param country the caller's country (ISO 3166 alpha-2), null when unknown
 * @param flow the IVR flow that answered
 * @param ivrPath the IVR nodes passed, in order
 * @param queue the queue the call was routed to, null if never routed
 * @param skills the skills (name → minimum level) it asked for
 * @param agentId the agent who answered (the last one asked, when nobody answered)
 * @param ringNoAnswer the agents rung before, who did not answer, in the order rung;
 * empty in records kept before it was recorded
 * @param outcome how it ended
 * @param shortAbandon abandoned in the queue sooner than the short-abandon threshold
 * @param csat the survey's rating 1–5, null when not answered
 * @param times what happened when
 * @param durations how long each part took
 */
public record CallRecord(String callId, String line, String caller, String country, String flow, List<String> ivrPath,
		String queue, Map<String, Integer> skills, String agentId, List<RingNoAnswer> ringNoAnswer, Outcome outcome,
		boolean shortAbandon, Integer csat, Times times, Durations durations) {

	public CallRecord {
		ivrPath = (ivrPath != null) ? List.copyOf(ivrPath) : List.of();
		skills = (skills != null) ? Map.copyOf(skills) : Map.of();
		ringNoAnswer = (ringNoAnswer != null) ? List.copyOf(ringNoAnswer) : List.of();
	}

	/** The record with another outcome, e.g. once its callback reached the customer. */
	CallRecord withOutcome(Outcome outcome) {
		return new CallRecord(this.callId, this.line, this.caller, this.country, this.flow, this.ivrPath, this.queue,
				this.skills, this.agentId, this.ringNoAnswer, outcome, this.shortAbandon, this.csat, this.times,
				this.durations);
	}

	/** Whether an agent talked to the caller. */
	public boolean answered() {
		return this.times.answered() != null;
	}

	/**
	 * The instants of the call; null when it did not happen.
	 *
	 * @param arrived the caller's channel was created (AMI Newchannel)
	 * @param ivrDone the caller left the IVR
	 * @param queued routing took the call (it waits, or an agent is reserved at once)
	 * @param offered an agent was reserved for it (the last time, after a no-answer)
	 * @param answered the agent answered (AMI DialEnd ANSWER)
	 * @param agentHungUp the agent's leg ended
	 * @param callerHungUp the caller's channel ended (AMI Hangup)
	 * @param wrapUpEnded the agent's after-call work ended
	 * @param holds the caller was on hold (AMI Hold/Unhold on the agent's leg)
	 */
	public record Times(Instant arrived, Instant ivrDone, Instant queued, Instant offered, Instant answered,
			Instant agentHungUp, Instant callerHungUp, Instant wrapUpEnded, List<Hold> holds) {

		public Times {
			holds = (holds != null) ? List.copyOf(holds) : List.of();
		}

	}

	/**
	 * An agent who was rung for the call and did not answer it. In JSON the ring is in
	 * seconds, {@code ringSeconds}.
	 *
	 * @param agentId the agent rung
	 * @param ring from the start of the ring (or the reservation, when no ring was heard)
	 * to the dial's end; null when neither was heard
	 * @param status how the dial ended: {@code NOANSWER}, {@code BUSY},
	 * {@code CONGESTION} or {@code CHANUNAVAIL} (the phone had no reachable contact, so
	 * it did not ring)
	 */
	public record RingNoAnswer(String agentId,
			@JsonProperty("ringSeconds") @JsonSerialize(using = DurationsJson.SecondsWriter.class) @JsonDeserialize(
					using = DurationsJson.SecondsReader.class) Duration ring,
			String status) {

	}

	/** One hold, from Hold to Unhold (or to the end of the talk). */
	public record Hold(Instant start, Instant end) {

	}

	/**
	 * How long each part took; null when the part did not happen. {@code handle} is talk
	 * + hold + wrap-up; {@code talk} leaves the holds out; {@code queueWait} runs from
	 * queued to answered, or to the hang-up of a caller who gave up waiting. In JSON each
	 * is in seconds, {@code queueWaitSeconds}. {@code ring} is all the time agents'
	 * phones rang for the call: the rings nobody answered and the answered one.
	 */
	@JsonSerialize(using = DurationsJson.Writer.class)
	@JsonDeserialize(using = DurationsJson.Reader.class)
	public record Durations(Duration ivr, Duration queueWait, Duration ring, Duration talk, Duration hold,
			Duration wrapUp, Duration handle) {

	}

}
