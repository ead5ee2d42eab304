package org.switchboard.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

import org.switchboard.ivr.CallFacts;
import org.switchboard.schedule.CountrySchedule;
import org.switchboard.schedule.Quota;
import org.switchboard.schedule.ScheduleDecision;
import org.switchboard.schedule.Schedules;
import org.switchboard.call.CallRequest;

/**
 * Works out a call's {@link RoutingPlan}: country, schedule, window, skills and quota. A
 * country that cannot be told, or a schedule that cannot be read, leaves the call served
 * at any time by the IVR's skills alone: a broken schedule must not shut a line.
 */
@Component
class RoutingPlanner {

	private final CallFacts facts;

	private final Schedules schedules;

	RoutingPlanner(CallFacts facts, Schedules schedules) {
		this.facts = facts;
		this.schedules = schedules;
	}

	RoutingPlan plan(CallRequest request, Map<String, Integer> flowSkills, Instant at) {
		Optional<String> country;
		try {
			country = this.facts.country(request);
		}
		catch (RuntimeException ex) {
			country = Optional.empty();
		}
		return plan(country, flowSkills, at);
	}

	/** The plan of a call whose country is known already (a callback, say). */
	RoutingPlan plan(Optional<String> country, Map<String, Integer> flowSkills, Instant at) {
		List<String> trace = new ArrayList<>();
		if (country.isEmpty()) {
			trace.add("country: none could be told from the caller ID or the line; served by the IVR's skills");
			return new RoutingPlan(country, Optional.empty(), Optional.empty(), flowSkills, flowSkills,
					Optional.empty(), trace);
		}
		Optional<CountrySchedule> schedule;
		try {
			schedule = this.schedules.find(country.get());
		}
		catch (RuntimeException ex) {
			trace.add("schedule of " + country.get() + " unreadable (" + ex.getMessage() + "): served as open");
			return new RoutingPlan(country, Optional.empty(), Optional.empty(), flowSkills, flowSkills,
					Optional.empty(), trace);
		}
		if (schedule.isEmpty()) {
			trace.add("country " + country.get() + " has no schedule: served at any time");
			return new RoutingPlan(country, schedule, Optional.empty(), flowSkills, flowSkills, Optional.empty(),
					trace);
		}
		ScheduleDecision decision = this.schedules.decide(schedule.get(), at);
		trace.addAll(decision.trace());
		if (!(decision instanceof ScheduleDecision.Open open)) {
			return new RoutingPlan(country, schedule, Optional.of(decision), flowSkills, flowSkills, Optional.empty(),
					trace);
		}
		Map<String, Integer> skills = merged(flowSkills, open.window().skills());
		trace.add("window " + open.window().label() + " of team " + open.window().team() + " needs "
				+ open.window().skills() + ": the agent needs " + new TreeMap<>(skills));
		Optional<CallQuota> quota = quota(country.get(), schedule.get().quota(), open);
		quota.ifPresent((q) -> trace.add("quota of " + q.country() + ": at most "
				+ q.maxConcurrent().stream().mapToObj(Integer::toString).findFirst().orElse("any number of")
				+ " calls with an agent at once, "
				+ q.maxAnswered().stream().mapToObj(Integer::toString).findFirst().orElse("any number of")
				+ " given an agent in this window"));
		return new RoutingPlan(country, schedule, Optional.of(decision), flowSkills, skills, quota, trace);
	}

	/**
	 * What the call may take after waiting {@code waited}, by its country's overflow
	 * steps; nothing widens for a call of no known country or schedule.
	 */
	Overflow.Widening widen(Optional<String> country, Map<String, Integer> flowSkills, Map<String, Integer> skills,
			Duration waited, Instant at) {
		Optional<CountrySchedule> schedule;
		try {
			schedule = country.flatMap(this.schedules::find);
		}
		catch (RuntimeException ex) {
			schedule = Optional.empty();
		}
		if (schedule.isEmpty()) {
			return new Overflow.Widening(List.of(), Optional.empty(), List.of());
		}
		return Overflow.widen(schedule.get().overflow(), flowSkills, skills, waited, (other) -> open(other, at));
	}

	private Optional<ScheduleDecision.Open> open(String country, Instant at) {
		try {
			return this.schedules.decide(country, at)
				.filter(ScheduleDecision.Open.class::isInstance)
				.map(ScheduleDecision.Open.class::cast);
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
	}

	/** Both sets of needs; where both name a skill, the higher level. */
	static Map<String, Integer> merged(Map<String, Integer> first, Map<String, Integer> second) {
		Map<String, Integer> skills = new TreeMap<>(first);
		second.forEach((skill, level) -> skills.merge(skill, level, Math::max));
		return skills;
	}

	/**
	 * The country's own limit and the window's, the tighter of the two where both set
	 * one.
	 */
	private static Optional<CallQuota> quota(String country, Quota countryWide, ScheduleDecision.Open open) {
		Quota window = open.window().quota();
		OptionalInt concurrent = tighter(countryWide.maxConcurrent(), window.maxConcurrent());
		OptionalInt answered = window.maxAnswered();
		if (concurrent.isEmpty() && answered.isEmpty()) {
			return Optional.empty();
		}
		String occurrence = Long.toString(open.windowOpens().toEpochSecond());
		return Optional.of(new CallQuota(country, concurrent, occurrence, answered, open.windowCloses().toInstant()));
	}

	private static OptionalInt tighter(OptionalInt one, OptionalInt other) {
		if (one.isEmpty()) {
			return other;
		}
		return other.isEmpty() ? one : OptionalInt.of(Math.min(one.getAsInt(), other.getAsInt()));
	}

}
