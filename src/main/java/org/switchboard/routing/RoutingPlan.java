package org.switchboard.routing;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.switchboard.schedule.CountrySchedule;
import org.switchboard.schedule.ScheduleDecision;

/**
 * What routing makes of a call at one instant, before any agent is touched: its country,
 * whether that country is open, the skills its agent needs (the IVR's and the open
 * window's) and the quota it counts against. The Router acts on it; the what-if endpoint
 * shows it.
 *
 * @param country the country whose schedule applies, empty when unknown
 * @param schedule that country's schedule, empty when it has none (served at any time)
 * @param decision the schedule's decision now, empty without a schedule
 * @param flowSkills the skills the IVR asked for
 * @param skills what an agent needs: the IVR's skills and the open window's, the higher
 * level where both name a skill
 * @param quota the quota the call counts against
 * @param trace the rules, in the order they were tried
 */
record RoutingPlan(Optional<String> country, Optional<CountrySchedule> schedule, Optional<ScheduleDecision> decision,
		Map<String, Integer> flowSkills, Map<String, Integer> skills, Optional<CallQuota> quota, List<String> trace) {

	RoutingPlan {
		flowSkills = Map.copyOf(flowSkills);
		skills = Map.copyOf(skills);
		trace = List.copyOf(trace);
	}

	boolean open() {
		return this.decision.map(ScheduleDecision::isOpen).orElse(true);
	}

}
