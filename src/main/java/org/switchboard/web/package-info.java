/**
 * The API's errors: one advice answers every failure under {@code /api} as an RFC 9457
 * problem, built one way ({@link org.switchboard.web.Problems}). Features refuse with
 * plain exceptions of {@code common} or with {@link org.switchboard.web.ApiProblem}; none
 * writes a problem itself.
 */
package org.switchboard.web;
