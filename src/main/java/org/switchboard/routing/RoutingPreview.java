package org.switchboard.routing;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import org.switchboard.schedule.ScheduleDecision;
import org.switchboard.call.CallRequest;

/**
 * How a call would be routed, worked out like a real one but changing nothing: country,
 * schedule, the skills it would need, its quota, and the agent a claim would choose now.
 */
@Component
public class RoutingPreview {

	private final RoutingPlanner planner;

	private final AgentClaims claims;

	private final RedisQuotas quotas;

	RoutingPreview(RoutingPlanner planner, AgentClaims claims, RedisQuotas quotas) {
		this.planner = planner;
		this.claims = claims;
		this.quotas = quotas;
	}

	/**
	 * The answer.
	 *
	 * @param country the country whose schedule applies, null when none could be told
	 * @param open whether the call would be served now, null without a country
	 * @param decision the deciding rule in one line
	 * @param nextOpen when a closed country opens, with the offset of its zone then; null
	 * when open, or when that is more than the schedule's horizon ahead
	 * @param timeZone the zone of the country's schedule, e.g. {@code Europe/Berlin};
	 * null without a schedule
	 * @param skills what the agent would need
	 * @param agent the agent a claim would choose now, null when the call would wait
	 * @param trace every rule, in the order tried
	 */
	public record Preview(String country, Boolean open, String decision, OffsetDateTime nextOpen, String timeZone,
			Map<String, Integer> skills, String agent, List<String> trace) {

	}

	public Preview preview(String callerId, String dialed, Instant at, Map<String, Integer> skills) {
		CallRequest call = new CallRequest("what-if", "what-if", "what-if", (callerId != null) ? callerId : "", "",
				dialed, dialed, "", "en", List.of());
		RoutingPlan plan = this.planner.plan(call, (skills != null) ? skills : Map.of(), at);
		List<String> trace = new ArrayList<>(plan.trace());
		if (plan.country().isEmpty()) {
			return new Preview(null, null, "no country: the caller ID is withheld or invalid and the line is not E.164",
					null, null, plan.skills(), null, trace);
		}
		String country = plan.country().get();
		String zone = plan.schedule().map((schedule) -> schedule.timeZone().getId()).orElse(null);
		Optional<ScheduleDecision> decision = plan.decision();
		if (decision.isPresent() && !decision.get().isOpen()) {
			return new Preview(country, false, "closed: " + decision.get().reason(),
					decision.get().nextChange().map(ZonedDateTime::toOffsetDateTime).orElse(null), zone, plan.skills(),
					null, trace);
		}
		if (plan.quota().isPresent() && this.quotas.answeredUsedUp(plan.quota().get())) {
			trace.add("quota: the calls of this window are used up; the closed action applies");
			return new Preview(country, false, "closed: " + country + "'s calls for this window are used up", null,
					zone, plan.skills(), null, trace);
		}
		String open = decision.map((made) -> "open: " + made.reason())
			.orElse("open: " + country + " has no schedule, served at any time");
		AgentClaims.Candidate candidate = this.claims
			.best(new CallNeeds("what-if", "what-if", plan.skills(), 0, at).withQuota(plan.quota()));
		if (candidate.quotaFull()) {
			trace.add("quota of " + country + ": as many calls as it may have are with agents now; the call waits");
		}
		else if (candidate.agentId().isPresent()) {
			trace.add("agent " + candidate.agentId().get() + " (as agents are now): ready with " + candidate.group()
					+ " at the highest proficiency, then the longest idle");
		}
		else {
			trace.add("no ready agent has " + plan.skills() + " now: the call waits in line");
		}
		return new Preview(country, true, open, null, zone, plan.skills(), candidate.agentId().orElse(null), trace);
	}

}
