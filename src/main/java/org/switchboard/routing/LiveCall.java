package org.switchboard.routing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One call's facts as routing keeps them (see {@link RedisLiveCalls}), read in one round
 * trip: a script or an AMI event that needs several of them reads the hash once.
 *
 * @param callId the call's unique id
 * @param fields the fields of the call's hash
 */
record LiveCall(String callId, Map<String, String> fields) {

	/**
	 * What the call needs, with its first arrival: a call put back in line keeps its
	 * place in time. Empty for a hash routing did not open (one only the waiting line
	 * wrote, or nothing).
	 */
	Optional<CallNeeds> needs() {
		if (!this.fields.keySet().containsAll(List.of("queue", "skills", "priority", "arrived"))) {
			return Optional.empty();
		}
		return Optional.of(new CallNeeds(this.callId, this.fields.get("queue"),
				CallNeeds.skillsOf(this.fields.get("skills")), Integer.parseInt(this.fields.get("priority")),
				Instant.ofEpochMilli(Long.parseLong(this.fields.get("arrived")))));
	}

	/** The caller's channel, to move them with Redirect. */
	Optional<String> channel() {
		return field("channel");
	}

	Optional<String> queue() {
		return field("queue");
	}

	/** The agent reserved for the call, if one is. */
	Optional<String> agent() {
		return field("agent");
	}

	/** The country whose schedule and quota apply to the call, if known. */
	Optional<String> country() {
		return field("country").filter((country) -> !country.isEmpty());
	}

	/** The number a callback dials, when the call is one. */
	Optional<String> callbackNumber() {
		return field("callback");
	}

	/** When the call's agent was claimed, if it has one. */
	Optional<Instant> claimedAt() {
		return field("claimedAt").map(Long::parseLong).map(Instant::ofEpochMilli);
	}

	private Optional<String> field(String name) {
		return Optional.ofNullable(this.fields.get(name));
	}

}
