package org.switchboard.common;

/**
 * One field of a request or document that cannot be used, and why; a 400's body lists
 * them in {@code errors}.
 *
 * @param field where it is, as a path like {@code windows[1].to}; empty for the whole
 * @param message what is wrong, with the offending value
 */
public record FieldProblem(String field, String message) {

}
