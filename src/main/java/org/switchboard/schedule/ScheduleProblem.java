package org.switchboard.schedule;

/**
 * One mistake in a schedule document.
 *
 * @param field where it is, as a JSON path like {@code windows[1].to} or
 * {@code timeZone}; empty for the document as a whole
 * @param message what is wrong, with the offending value
 */
public record ScheduleProblem(String field, String message) {

	/** Reads like {@code windows[1].to: closes at or before it opens: 18:00-08:00}. */
	@Override
	public String toString() {
		return this.field.isEmpty() ? this.message : this.field + ": " + this.message;
	}

}
