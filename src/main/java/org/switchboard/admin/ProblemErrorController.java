package org.switchboard.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.autoconfigure.web.servlet.error.BasicErrorController;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

import org.switchboard.web.Problems;

/**
 * Spring Boot's error page, except that an API request that failed before reaching a
 * controller (refused by the firewall, a failure in a filter) still gets a problem, and
 * never a stack trace.
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
class ProblemErrorController extends BasicErrorController {

	private final ObjectMapper json;

	ProblemErrorController(ErrorAttributes errors, ServerProperties server, ObjectProvider<ErrorViewResolver> views,
			ObjectMapper json) {
		super(errors, server.getError(), views.orderedStream().toList());
		this.json = json;
	}

	@Override
	public ModelAndView errorHtml(HttpServletRequest request, HttpServletResponse response) {
		if (!Problems.isApi(failedPath(request))) {
			return super.errorHtml(request, response);
		}
		try {
			Problems.write(this.json, request, response, problem(request));
			return null;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
		if (!Problems.isApi(failedPath(request))) {
			return super.error(request);
		}
		ProblemDetail problem = problem(request);
		Map<String, Object> body = this.json.convertValue(problem, Map.class);
		return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
	}

	private ProblemDetail problem(HttpServletRequest request) {
		HttpStatus status = getStatus(request);
		ProblemDetail problem = Problems.problem(status, status.getReasonPhrase(),
				status.is5xxServerError() ? "The server failed to answer; its log has the cause"
						: "Refused before it reached the API: " + status.value() + " " + status.getReasonPhrase());
		problem.setInstance(URI.create(failedPath(request)));
		return problem;
	}

	private static String failedPath(HttpServletRequest request) {
		Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		return (path != null) ? path.toString() : "";
	}

}
