package org.switchboard.schedule;

import java.util.List;
import java.util.stream.Collectors;

import org.switchboard.common.FieldProblem;
import org.switchboard.common.InvalidFieldsException;

/** A schedule document that cannot be used, with every problem found in it. */
public class InvalidScheduleException extends InvalidFieldsException {

	private final List<FieldProblem> problems;

	public InvalidScheduleException(List<FieldProblem> problems) {
		super(message(problems), "Invalid schedule", problems, "nothing was changed");
		this.problems = List.copyOf(problems);
	}

	/** Every problem, field by field in the order the reader visits them. */
	public List<FieldProblem> problems() {
		return this.problems;
	}

	private static String message(List<FieldProblem> problems) {
		if (problems.isEmpty()) {
			throw new IllegalArgumentException("an invalid schedule needs at least one problem");
		}
		String count = problems.size() + ((problems.size() == 1) ? " problem" : " problems");
		return "invalid schedule, " + count + ":"
				+ problems.stream().map((problem) -> "\n  " + problem).collect(Collectors.joining());
	}

}
