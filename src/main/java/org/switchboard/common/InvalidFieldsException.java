package org.switchboard.common;

import java.util.List;

/**
 * A request or document refused whole, naming every field that is wrong. Plain Java, so a
 * feature can refuse without knowing HTTP; the API answers it with a 400 listing the
 * fields.
 */
public class InvalidFieldsException extends RuntimeException {

	private final String title;

	private final List<FieldProblem> fields;

	private final String consequence;

	/**
	 * @param title what was refused, like {@code Invalid schedule}
	 * @param fields every field that is wrong, at least one
	 * @param consequence what did not happen because of it, like {@code nothing was
	 * changed}
	 */
	public InvalidFieldsException(String title, List<FieldProblem> fields, String consequence) {
		this(title + ": " + fields, title, fields, consequence);
	}

	public InvalidFieldsException(String title, String field, String message) {
		this(title, List.of(new FieldProblem(field, message)), "nothing was changed");
	}

	protected InvalidFieldsException(String message, String title, List<FieldProblem> fields, String consequence) {
		super(message);
		this.title = title;
		this.fields = List.copyOf(fields);
		this.consequence = consequence;
	}

	public String title() {
		return this.title;
	}

	public List<FieldProblem> fields() {
		return this.fields;
	}

	public String consequence() {
		return this.consequence;
	}

}
