package org.switchboard.callrecord;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.switchboard.call.DialStatus;

/**
 * A fact about a call that only the instance which saw it knows (the IVR, routing, a
 * claim, the survey, an agent's end of wrap-up), in a form every instance can read back.
 * AMI facts are not shared: every instance hears AMI.
 *
 * @param kind what happened
 * @param at when
 * @param startedAt for {@code IVR_DONE}: when the IVR started
 * @param agent the agent reserved, or whose wrap-up ended, or who did not answer
 * @param ivrEnd for {@code IVR_DONE}: a {@link CallTimeline.IvrEnd} name
 * @param dialStatus for {@code NOT_ANSWERED}: how the dial ended ({@code NOANSWER}, …)
 */
record Fact(Kind kind, Instant at, Instant startedAt, String agent, String queue, String country, String flow,
		List<String> path, Map<String, Integer> skills, String ivrEnd, Integer rating, String dialStatus) {

	/** The kinds of shared facts. */
	enum Kind {

		IVR_DONE, ROUTED, OFFERED, NOT_ANSWERED, CLOSED, CALLBACK_REQUESTED, CALLBACK_COMPLETED, RATED, WRAP_UP_ENDED,
		FELL_BACK

	}

	Fact {
		path = (path != null) ? List.copyOf(path) : List.of();
		skills = (skills != null) ? Map.copyOf(skills) : Map.of();
	}

	static Fact of(Kind kind, Instant at) {
		return new Fact(kind, at, null, null, null, null, null, null, null, null, null, null);
	}

	Fact withAgent(String agent) {
		return new Fact(this.kind, this.at, this.startedAt, agent, this.queue, this.country, this.flow, this.path,
				this.skills, this.ivrEnd, this.rating, this.dialStatus);
	}

	Fact withRouting(String queue, String country, Map<String, Integer> skills) {
		return new Fact(this.kind, this.at, this.startedAt, this.agent, queue, country, this.flow, this.path, skills,
				this.ivrEnd, this.rating, this.dialStatus);
	}

	Fact withDialStatus(DialStatus dialStatus) {
		return new Fact(this.kind, this.at, this.startedAt, this.agent, this.queue, this.country, this.flow, this.path,
				this.skills, this.ivrEnd, this.rating, dialStatus.name());
	}

	/** Applies the fact to a call; applying it twice changes nothing. */
	void applyTo(CallTimeline call) {
		if (this.country != null) {
			call.country = this.country;
		}
		switch (this.kind) {
			case IVR_DONE -> {
				call.ivrStarted = this.startedAt;
				call.ivrDone = this.at;
				call.flow = this.flow;
				call.ivrPath = this.path;
				call.ivrEnd = CallTimeline.IvrEnd.valueOf(this.ivrEnd);
				if (call.queue == null) {
					call.queue = this.queue;
				}
				if (call.skills.isEmpty()) {
					call.skills = this.skills;
				}
			}
			case ROUTED -> {
				call.queued = (call.queued == null || this.at.isBefore(call.queued)) ? this.at : call.queued;
				call.queue = this.queue;
				call.skills = this.skills;
				if (this.agent != null) {
					call.offered(this.agent, this.at);
				}
			}
			case OFFERED -> call.offered(this.agent, this.at);
			case NOT_ANSWERED -> call.notAnswered(this.agent, DialStatus.of(this.dialStatus), this.at);
			case CLOSED -> call.closed = true;
			case CALLBACK_REQUESTED -> {
				call.callbackRequested = true;
				if (call.queue == null) {
					call.queue = this.queue;
				}
			}
			case CALLBACK_COMPLETED -> {
				call.callbackCompleted = true;
				if (call.agentId == null) {
					call.agentId = this.agent;
				}
			}
			case RATED -> call.csat = this.rating;
			case FELL_BACK -> call.fellBack = true;
			case WRAP_UP_ENDED -> {
				// kept per agent, not per call
			}
		}
	}

}
