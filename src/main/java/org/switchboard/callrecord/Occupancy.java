package org.switchboard.callrecord;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Agent occupancy over a window: the share of the agent's available time spent on calls.
 * {@code occupancy = (reserved + on call + wrap-up) ÷ (ready + reserved + on call + wrap-up)}.
 * Time not ready or logged out counts in neither.
 */
public final class Occupancy {

	private static final Set<String> BUSY = Set.of("RESERVED", "ON_CALL", "WRAP_UP");

	private static final Set<String> AVAILABLE = Set.of("READY", "RESERVED", "ON_CALL", "WRAP_UP");

	/** An agent entered {@code state} (an {@code AgentState} name) at {@code at}. */
	public record Change(String agentId, String state, Instant at) {

	}

	private Occupancy() {
	}

	/**
	 * Occupancy per agent in {@code [from, to)}; changes before {@code from} give the
	 * state the agent was in when the window opened. Agents with no available time are
	 * left out.
	 */
	static Map<String, Double> of(List<Change> changes, Instant from, Instant to) {
		Map<String, List<Change>> byAgent = new HashMap<>();
		changes.stream()
			.sorted(Comparator.comparing(Change::at))
			.forEach((change) -> byAgent.computeIfAbsent(change.agentId(), (id) -> new ArrayList<>()).add(change));
		Map<String, Double> occupancy = new HashMap<>();
		byAgent.forEach((agent, list) -> {
			Duration busy = Duration.ZERO;
			Duration available = Duration.ZERO;
			for (int i = 0; i < list.size(); i++) {
				Instant start = max(list.get(i).at(), from);
				Instant end = (i + 1 < list.size()) ? min(list.get(i + 1).at(), to) : to;
				if (!end.isAfter(start)) {
					continue;
				}
				Duration span = Duration.between(start, end);
				String state = list.get(i).state();
				if (BUSY.contains(state)) {
					busy = busy.plus(span);
				}
				if (AVAILABLE.contains(state)) {
					available = available.plus(span);
				}
			}
			if (available.isPositive()) {
				occupancy.put(agent, (double) busy.toMillis() / available.toMillis());
			}
		});
		return occupancy;
	}

	private static Instant max(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

	private static Instant min(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

}
