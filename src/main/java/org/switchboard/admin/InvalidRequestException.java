package org.switchboard.admin;

import java.util.List;

/** A request refused whole, naming every field that is wrong. */
class InvalidRequestException extends RuntimeException {

	private final String title;

	private final List<FieldProblem> problems;

	InvalidRequestException(String title, List<FieldProblem> problems) {
		super(title + ": " + problems);
		this.title = title;
		this.problems = List.copyOf(problems);
	}

	InvalidRequestException(String title, String field, String message) {
		this(title, List.of(new FieldProblem(field, message)));
	}

	String title() {
		return this.title;
	}

	List<FieldProblem> problems() {
		return this.problems;
	}

}
