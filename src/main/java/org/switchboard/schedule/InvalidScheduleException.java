package org.switchboard.schedule;

import java.util.List;
import java.util.stream.Collectors;

import org.switchboard.common.FieldProblem;
import org.switchboard.common.InvalidFieldsException;

/** A schedule document that cannot be used, with every problem found in it. */
public class InvalidScheduleException extends InvalidFieldsException {

	private final List<ScheduleProblem> problems;

	public InvalidScheduleException(List<ScheduleProblem> problems) {
		super(message(problems), "Invalid schedule",
				problems.stream().map((problem) -> new FieldProblem(problem.field(), problem.message())).toList(),
				"nothing was changed");
		this.problems = List.copyOf(problems);
	}

	/** Every problem, field by field in the order the reader visits them. */
	public List<ScheduleProblem> problems() {
		return this.problems;
	}

	private static String message(List<ScheduleProblem> problems) {
		if (problems.isEmpty()) {
			throw new IllegalArgumentException("an invalid schedule needs at least one problem");
		}
		String count = problems.size() + ((problems.size() == 1) ? " problem" : " problems");
		return "invalid schedule, " + count + ":"
				+ problems.stream().map((problem) -> "\n  " + problem).collect(Collectors.joining());
	}

}
