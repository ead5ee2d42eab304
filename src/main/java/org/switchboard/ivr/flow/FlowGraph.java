package org.switchboard.ivr.flow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The checks that need the whole flow: every node reachable from the start, no loop that
 * never waits for the caller, and from every node a way to an end. A node with problems
 * of its own counts as fine here, so one mistake is not reported again as a dead end.
 */
final class FlowGraph {

	/** Where a node can go next, and through which field. */
	record Edge(String field, String target) {

	}

	/**
	 * A node as read.
	 *
	 * @param id the node's id
	 * @param line where it is declared
	 * @param node the record, or {@code null} when the node has problems of its own
	 * @param edges where it can go next, to nodes that exist
	 */
	record Step(String id, int line, Node node, List<Edge> edges) {

		Step {
			edges = List.copyOf(edges);
		}

	}

	private enum Kind {

		/** Plays and waits for digits: menu, collect, language. */
		WAITS,

		/** Goes on without the caller: play, goto, branch. */
		PASSES,

		/** Hands the call over or ends it: route, voicemail, callback, hangup. */
		ENDS

	}

	private FlowGraph() {
	}

	/** Checks the steps, in file order, from {@code start} (null if it is unknown). */
	static void check(Map<String, Step> steps, String start, Problems problems) {
		if (start != null && steps.containsKey(start)) {
			reportUnreachable(steps, start, problems);
		}
		Set<String> inLoops = reportLoopsWithoutInput(steps, problems);
		reportDeadEnds(steps, inLoops, problems);
	}

	private static void reportUnreachable(Map<String, Step> steps, String start, Problems problems) {
		Set<String> reached = new HashSet<>(List.of(start));
		Deque<String> next = new ArrayDeque<>(List.of(start));
		while (!next.isEmpty()) {
			for (Edge edge : steps.get(next.poll()).edges()) {
				if (reached.add(edge.target())) {
					next.add(edge.target());
				}
			}
		}
		for (Step step : steps.values()) {
			if (!reached.contains(step.id())) {
				problems.add(step.id(), null, step.line(), "not reachable from start '" + start + "'");
			}
		}
	}

	private static Set<String> reportLoopsWithoutInput(Map<String, Step> steps, Problems problems) {
		Set<String> passing = steps.values()
			.stream()
			.filter((step) -> step.node() != null && kind(step.node()) == Kind.PASSES)
			.map(Step::id)
			.collect(Collectors.toCollection(LinkedHashSet::new));
		Set<String> inLoops = new HashSet<>();
		for (String id : passing) {
			if (inLoops.contains(id)) {
				continue;
			}
			List<String> loop = loopThrough(id, steps, passing);
			if (!loop.isEmpty()) {
				inLoops.addAll(loop);
				Step step = steps.get(id);
				String field = step.edges()
					.stream()
					.filter((edge) -> edge.target().equals(loop.get(1)))
					.findFirst()
					.map(Edge::field)
					.orElse(null);
				problems.add(id, field, step.line(),
						"loop that never waits for the caller: " + String.join(" -> ", loop));
			}
		}
		return inLoops;
	}

	/**
	 * The shortest loop from {@code first} back to itself through passing nodes, or none.
	 */
	private static List<String> loopThrough(String first, Map<String, Step> steps, Set<String> passing) {
		Map<String, String> cameFrom = new HashMap<>();
		Deque<String> next = new ArrayDeque<>(List.of(first));
		while (!next.isEmpty()) {
			String at = next.poll();
			for (Edge edge : steps.get(at).edges()) {
				if (edge.target().equals(first)) {
					List<String> loop = new ArrayList<>(List.of(first));
					for (String back = at; !back.equals(first); back = cameFrom.get(back)) {
						loop.add(back);
					}
					loop.add(first);
					Collections.reverse(loop);
					return loop;
				}
				if (passing.contains(edge.target()) && !cameFrom.containsKey(edge.target())) {
					cameFrom.put(edge.target(), at);
					next.add(edge.target());
				}
			}
		}
		return List.of();
	}

	private static void reportDeadEnds(Map<String, Step> steps, Set<String> inLoops, Problems problems) {
		Map<String, List<String>> comingFrom = new HashMap<>();
		Deque<String> next = new ArrayDeque<>();
		for (Step step : steps.values()) {
			step.edges()
				.forEach((edge) -> comingFrom.computeIfAbsent(edge.target(), (target) -> new ArrayList<>())
					.add(step.id()));
			if (step.node() == null || kind(step.node()) == Kind.ENDS) {
				next.add(step.id());
			}
		}
		Set<String> canEnd = new HashSet<>(next);
		while (!next.isEmpty()) {
			for (String from : comingFrom.getOrDefault(next.poll(), List.of())) {
				if (canEnd.add(from)) {
					next.add(from);
				}
			}
		}
		for (Step step : steps.values()) {
			if (!canEnd.contains(step.id()) && !inLoops.contains(step.id())) {
				problems.add(step.id(), null, step.line(),
						"no way out: no route, voicemail, callback or hangup can be reached from here");
			}
		}
	}

	private static Kind kind(Node node) {
		return switch (node) {
			case Node.Menu menu -> Kind.WAITS;
			case Node.Collect collect -> Kind.WAITS;
			case Node.Language language -> Kind.WAITS;
			case Node.Play play -> Kind.PASSES;
			case Node.Goto jump -> Kind.PASSES;
			case Node.Branch branch -> Kind.PASSES;
			case Node.Route route -> Kind.ENDS;
			case Node.Voicemail voicemail -> Kind.ENDS;
			case Node.Callback callback -> Kind.ENDS;
			case Node.Hangup hangup -> Kind.ENDS;
		};
	}

}
