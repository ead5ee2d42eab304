package org.switchboard.ivr.flow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

import org.switchboard.common.FieldProblem;

/** The problems found so far in one flow file; the reader goes on after each one. */
final class Problems {

	private final String file;

	private final List<FlowProblem> found = new ArrayList<>();

	Problems(String file) {
		this.file = file;
	}

	void add(String node, String field, int line, String message) {
		this.found.add(new FlowProblem(this.file, node, field, line, message));
	}

	/**
	 * Where the problems of a node's fields go, or of the flow's own for {@code null}.
	 */
	Consumer<FieldProblem> of(String node) {
		return (problem) -> add(node, problem.field().isEmpty() ? null : problem.field(), problem.line(),
				problem.message());
	}

	int count() {
		return this.found.size();
	}

	/** Throws them all, in file order, if there is any. */
	void throwIfAny() {
		if (!this.found.isEmpty()) {
			List<FlowProblem> inFileOrder = new ArrayList<>(this.found);
			inFileOrder.sort(Comparator.comparingInt(FlowProblem::line));
			throw new InvalidFlowException(inFileOrder);
		}
	}

}
