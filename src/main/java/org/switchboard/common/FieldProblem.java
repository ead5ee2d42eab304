package org.switchboard.common;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One field of a request or document that cannot be used, and why; a 400's body lists
 * them in {@code errors}, with the line when the text had lines.
 *
 * @param field where it is, as a path like {@code windows[1].to}; empty for the whole
 * @param line where it is in the text, counted from 1, or 0 if unknown (then left out of
 * the API's answer)
 * @param message what is wrong, with the offending value
 */
public record FieldProblem(String field, @JsonInclude(JsonInclude.Include.NON_DEFAULT) int line, String message) {

	/** A problem of a field that has no line, like a request parameter's. */
	public FieldProblem(String field, String message) {
		this(field, 0, message);
	}

	/** Reads like {@code windows[1].to: closes at or before it opens: 18:00-08:00}. */
	@Override
	public String toString() {
		return this.field.isEmpty() ? this.message : this.field + ": " + this.message;
	}

}
