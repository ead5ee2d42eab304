package org.switchboard.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * A refusal of a controller, answered as its problem by the API's one advice: a
 * controller throws it instead of writing a problem itself. Invalid fields are refused
 * with {@link org.switchboard.common.InvalidFieldsException} instead.
 */
public class ApiProblem extends ErrorResponseException {

	/**
	 * @param title {@code null} for the status's reason phrase
	 */
	public ApiProblem(HttpStatus status, String title, String detail) {
		super(status, Problems.problem(status, title, detail), null);
	}

	/** Adds a member to the problem's body, for what a client needs beyond the detail. */
	public ApiProblem with(String name, Object value) {
		getBody().setProperty(name, value);
		return this;
	}

}
