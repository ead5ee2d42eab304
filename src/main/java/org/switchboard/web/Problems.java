package org.switchboard.web;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import org.switchboard.common.FieldProblem;

/**
 * The one way to build the API's problems: a status, a title and a detail; a 400 of
 * invalid fields also gets the type {@code urn:switchboard:invalid} and {@code errors},
 * one {@code {field, line, message}} per field, {@code line} only where the text sent had
 * one.
 */
public final class Problems {

	static final URI INVALID = URI.create("urn:switchboard:invalid");

	static final URI VERSION_CONFLICT = URI.create("urn:switchboard:version-conflict");

	private Problems() {
	}

	/** Whether a path is the API's, whose every error is a problem. */
	public static boolean isApi(String path) {
		return path != null && (path.equals("/api") || path.startsWith("/api/"));
	}

	/** A problem; a {@code null} title stands for the status's reason phrase. */
	public static ProblemDetail problem(HttpStatusCode status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		if (title != null) {
			problem.setTitle(title);
		}
		return problem;
	}

	/**
	 * A 400 naming every field that is wrong, its detail counting them and saying what
	 * did not happen ({@code 2 problems; nothing was changed}).
	 */
	public static ProblemDetail invalid(String title, List<FieldProblem> fields, String consequence) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, title,
				fields.size() + ((fields.size() == 1) ? " problem" : " problems") + "; " + consequence);
		problem.setType(INVALID);
		problem.setProperty("errors", fields);
		return problem;
	}

	/**
	 * Writes a problem where no controller answers: security, unknown paths, the error
	 * page.
	 */
	public static void write(ObjectMapper json, HttpServletRequest request, HttpServletResponse response,
			ProblemDetail problem) throws IOException {
		if (problem.getInstance() == null) {
			problem.setInstance(URI.create(request.getRequestURI()));
		}
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		json.writeValue(response.getOutputStream(), problem);
	}

}
