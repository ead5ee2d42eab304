package org.switchboard.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import org.switchboard.agent.AgentState;
import org.switchboard.agent.AgentStatus;
import org.switchboard.agent.Agents;
import org.switchboard.routing.CallNeeds;
import org.switchboard.routing.LiveCalls;
import org.switchboard.routing.WaitingLine;

/**
 * The floor now, for supervisors: who waits in which queue and country and for how long,
 * and the agents by state. Calls are named by their id only; no phone number is shown.
 */
@RestController
@Tag(name = "live", description = "The floor now: waiting callers and agents by state")
class LiveController {

	private static final String UNKNOWN = "??";

	private final WaitingLine line;

	private final Agents agents;

	private final LiveCalls countries;

	private final Clock clock;

	LiveController(WaitingLine line, Agents agents, LiveCalls countries, Clock clock) {
		this.line = line;
		this.agents = agents;
		this.countries = countries;
		this.clock = clock;
	}

	/** One waiting call. */
	record WaitingCall(String callId, String queue, String country, int priority, Map<String, Integer> skills,
			Instant arrivedAt, long waitSeconds) {

	}

	/** The calls of one queue and country, longest wait first. */
	record Line(String queue, String country, int waiting, long longestWaitSeconds, List<WaitingCall> calls) {

	}

	/** An agent on the floor. */
	record FloorAgent(String id, String name, String team, String state, String reason, boolean reachable) {

	}

	/** The whole view. */
	record Floor(Instant at, List<Line> lines, Map<String, List<FloorAgent>> agentsByState) {

	}

	@GetMapping("/api/live")
	@Operation(operationId = "getLiveFloor",
			summary = "Waiting callers per queue and country with their wait; agents by state")
	Floor floor() {
		Instant now = this.clock.instant();
		List<WaitingCall> calls = this.line.waiting().stream().map((needs) -> call(needs, now)).toList();
		Map<List<String>, List<WaitingCall>> grouped = calls.stream()
			.collect(Collectors.groupingBy((call) -> List.of(call.queue(), call.country()),
					() -> new TreeMap<>(Comparator.comparing((List<String> key) -> String.join(" ", key))),
					Collectors.toList()));
		List<Line> lines = grouped.entrySet().stream().map((entry) -> {
			List<WaitingCall> inLine = entry.getValue()
				.stream()
				.sorted(Comparator.comparing(WaitingCall::waitSeconds).reversed())
				.toList();
			return new Line(entry.getKey().get(0), entry.getKey().get(1), inLine.size(), inLine.get(0).waitSeconds(),
					inLine);
		}).toList();
		Map<String, List<FloorAgent>> byState = new TreeMap<>(Comparator.comparing(AgentState::valueOf));
		for (AgentState state : AgentState.values()) {
			byState.put(state.name(), new ArrayList<>());
		}
		this.agents.all().forEach((agent) -> {
			AgentStatus status = this.agents.status(agent.id()).orElse(null);
			if (status != null) {
				byState.get(status.state().name())
					.add(new FloorAgent(agent.id(), agent.name(), agent.team(), status.state().name(), status.reason(),
							status.reachable()));
			}
		});
		return new Floor(now, lines, byState);
	}

	private WaitingCall call(CallNeeds needs, Instant now) {
		return new WaitingCall(needs.callId(), needs.queue(), this.countries.country(needs.callId()).orElse(UNKNOWN),
				needs.priority(), needs.skills(), needs.arrivedAt(),
				Math.max(0, Duration.between(needs.arrivedAt(), now).toSeconds()));
	}

}
