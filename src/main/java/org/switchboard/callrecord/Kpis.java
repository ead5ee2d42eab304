package org.switchboard.callrecord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The contact-centre KPIs of a set of call records, per group. The formulas, with
 * {@code T} the service-level threshold and short abandons those under the short-abandon
 * threshold:
 * <ul>
 * <li>offered: calls that reached routing (queued), callbacks included</li>
 * <li>answered: calls an agent answered; abandoned: callers who hung up in the queue;
 * callbacks are not abandons</li>
 * <li>serviceLevel = answered within T ÷ (answered + abandoned − short abandons)</li>
 * <li>asaSeconds = mean wait of answered calls; ahtSeconds = mean (talk + hold + wrap-up)
 * of answered calls; acwSeconds = mean wrap-up of answered calls</li>
 * <li>abandonRate = (abandoned − short abandons) ÷ (offered − short abandons)</li>
 * <li>csatAverage = mean survey rating of the calls rated</li>
 * <li>ringNoAnswer = agents rung who did not answer, on the group's calls; per agent, the
 * times that agent was rung and did not answer</li>
 * </ul>
 * A ratio or mean with nothing to divide by is null, not zero.
 */
public final class Kpis {

	private Kpis() {
	}

	/** What the KPIs are grouped by. */
	public enum GroupBy {

		COUNTRY(CallRecord::country), QUEUE(CallRecord::queue), AGENT(CallRecord::agentId);

		private final Function<CallRecord, String> key;

		GroupBy(Function<CallRecord, String> key) {
			this.key = key;
		}

		/** {@code country}, {@code queue} or {@code agent}. */
		public static Optional<GroupBy> of(String name) {
			for (GroupBy value : values()) {
				if (value.name().toLowerCase(Locale.ROOT).equals(name)) {
					return Optional.of(value);
				}
			}
			return Optional.empty();
		}

	}

	/** One group's numbers; durations in seconds. */
	public record Group(String group, int offered, int answered, int abandoned, int shortAbandoned, Double serviceLevel,
			Double asaSeconds, Double ahtSeconds, Double acwSeconds, Double abandonRate, Double occupancy,
			Double csatAverage, int csatResponses, int ringNoAnswer) {

	}

	/**
	 * The KPIs per group, sorted by group; calls without the grouping key are in group
	 * {@code unknown}, except that per agent only calls an agent took part in count (an
	 * agent rung who did not answer has a group too).
	 * @param occupancy per agent, used only when grouping by agent
	 */
	public static List<Group> of(List<CallRecord> records, GroupBy groupBy, CallRecordSettings settings,
			Map<String, Double> occupancy) {
		Map<String, List<CallRecord>> groups = new TreeMap<>();
		Map<String, Integer> missed = missedByAgent(records);
		for (CallRecord record : records) {
			String key = groupBy.key.apply(record);
			if (key == null && groupBy == GroupBy.AGENT) {
				continue;
			}
			groups.computeIfAbsent(Objects.requireNonNullElse(key, "unknown"), (k) -> new ArrayList<>()).add(record);
		}
		if (groupBy == GroupBy.AGENT) {
			missed.keySet().forEach((agent) -> groups.computeIfAbsent(agent, (k) -> new ArrayList<>()));
		}
		List<Group> result = new ArrayList<>();
		groups.forEach((name,
				calls) -> result.add((groupBy == GroupBy.AGENT)
						? group(name, calls, settings, occupancy.get(name), missed.getOrDefault(name, 0))
						: group(name, calls, settings, null)));
		return result;
	}

	/**
	 * One agent's KPIs: of the calls they answered (or were the last asked), with the
	 * times they were rung for any of the calls and did not answer.
	 */
	public static Group agent(String agentId, List<CallRecord> records, CallRecordSettings settings, Double occupancy) {
		List<CallRecord> calls = records.stream().filter((call) -> agentId.equals(call.agentId())).toList();
		return group(agentId, calls, settings, occupancy, missedByAgent(records).getOrDefault(agentId, 0));
	}

	/** Occupancy per agent over a window, from their changes of state. */
	public static Map<String, Double> occupancy(List<Occupancy.Change> changes, java.time.Instant from,
			java.time.Instant to) {
		return Occupancy.of(changes, from, to);
	}

	/** The KPIs of one group of calls, e.g. one queue's. */
	public static Group group(String name, List<CallRecord> calls, CallRecordSettings settings, Double occupancy) {
		int rings = calls.stream().mapToInt((call) -> call.ringNoAnswer().size()).sum();
		return group(name, calls, settings, occupancy, rings);
	}

	private static Group group(String name, List<CallRecord> calls, CallRecordSettings settings, Double occupancy,
			int ringNoAnswer) {
		int offered = 0;
		int answered = 0;
		int answeredInTime = 0;
		int abandoned = 0;
		int shortAbandoned = 0;
		Duration waits = Duration.ZERO;
		Duration handles = Duration.ZERO;
		Duration wrapUps = Duration.ZERO;
		int csatSum = 0;
		int csatResponses = 0;
		for (CallRecord call : calls) {
			if (call.times().queued() != null) {
				offered++;
			}
			if (call.answered()) {
				answered++;
				Duration wait = Objects.requireNonNullElse(call.durations().queueWait(), Duration.ZERO);
				waits = waits.plus(wait);
				if (wait.compareTo(settings.serviceLevelThreshold()) <= 0) {
					answeredInTime++;
				}
				handles = handles.plus(Objects.requireNonNullElse(call.durations().handle(), Duration.ZERO));
				wrapUps = wrapUps.plus(Objects.requireNonNullElse(call.durations().wrapUp(), Duration.ZERO));
			}
			if (call.outcome() == Outcome.ABANDONED_IN_QUEUE) {
				abandoned++;
				if (call.shortAbandon()) {
					shortAbandoned++;
				}
			}
			if (call.csat() != null) {
				csatSum += call.csat();
				csatResponses++;
			}
		}
		int counted = abandoned - shortAbandoned;
		return new Group(name, offered, answered, abandoned, shortAbandoned, ratio(answeredInTime, answered + counted),
				mean(waits, answered), mean(handles, answered), mean(wrapUps, answered),
				ratio(counted, offered - shortAbandoned), occupancy,
				(csatResponses == 0) ? null : (double) csatSum / csatResponses, csatResponses, ringNoAnswer);
	}

	private static Map<String, Integer> missedByAgent(List<CallRecord> records) {
		Map<String, Integer> missed = new HashMap<>();
		for (CallRecord record : records) {
			record.ringNoAnswer().forEach((ring) -> missed.merge(ring.agentId(), 1, Integer::sum));
		}
		return missed;
	}

	private static Double ratio(int part, int whole) {
		return (whole <= 0) ? null : (double) part / whole;
	}

	private static Double mean(Duration total, int count) {
		return (count == 0) ? null : total.toMillis() / 1000.0 / count;
	}

}
