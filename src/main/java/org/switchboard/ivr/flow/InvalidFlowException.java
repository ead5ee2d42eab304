package org.switchboard.ivr.flow;

import java.util.List;
import java.util.stream.Collectors;

/** A flow file that cannot be used, with every problem found in it. */
public class InvalidFlowException extends RuntimeException {

	private final List<FlowProblem> problems;

	public InvalidFlowException(List<FlowProblem> problems) {
		super(message(problems));
		this.problems = List.copyOf(problems);
	}

	public List<FlowProblem> problems() {
		return this.problems;
	}

	private static String message(List<FlowProblem> problems) {
		if (problems.isEmpty()) {
			throw new IllegalArgumentException("an invalid flow needs at least one problem");
		}
		String count = problems.size() + ((problems.size() == 1) ? " problem" : " problems");
		return "invalid flow " + problems.get(0).file() + ", " + count + ":"
				+ problems.stream().map((problem) -> "\n  " + problem).collect(Collectors.joining());
	}

}
