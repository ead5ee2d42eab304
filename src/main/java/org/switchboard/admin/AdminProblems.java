package org.switchboard.admin;

import java.net.URI;
import java.util.List;
import java.util.NoSuchElementException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import org.switchboard.agent.StaleAgentException;
import org.switchboard.schedule.InvalidScheduleException;
import org.switchboard.schedule.StaleScheduleException;

/**
 * The admin API's errors as RFC 9457 problem details: 400 with {@code errors}, one
 * {@code {field, message}} per problem; 412 with the version in force for a stale edit;
 * 404 for what does not exist. Asked before {@link ApiProblems}, whose catch-all would
 * otherwise answer these with 500.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(assignableTypes = { ScheduleController.class, AgentController.class, LiveController.class,
		TimelineController.class })
class AdminProblems {

	@ExceptionHandler(InvalidScheduleException.class)
	ProblemDetail invalidSchedule(InvalidScheduleException ex) {
		return invalid("Invalid schedule",
				ex.problems().stream().map((problem) -> new FieldProblem(problem.field(), problem.message())).toList());
	}

	@ExceptionHandler(InvalidRequestException.class)
	ProblemDetail invalidRequest(InvalidRequestException ex) {
		return invalid(ex.title(), ex.problems());
	}

	@ExceptionHandler(StaleScheduleException.class)
	ResponseEntity<ProblemDetail> staleSchedule(StaleScheduleException ex) {
		return stale(ex.getMessage(), ex.current());
	}

	@ExceptionHandler(StaleAgentException.class)
	ResponseEntity<ProblemDetail> staleAgent(StaleAgentException ex) {
		return stale(ex.getMessage(), ex.current());
	}

	@ExceptionHandler(NoSuchElementException.class)
	ProblemDetail missing(NoSuchElementException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
		problem.setTitle("Not found");
		return problem;
	}

	private static ProblemDetail invalid(String title, List<FieldProblem> problems) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				problems.size() + ((problems.size() == 1) ? " problem" : " problems") + "; nothing was changed");
		problem.setTitle(title);
		problem.setType(URI.create("urn:switchboard:invalid"));
		problem.setProperty("errors", problems);
		return problem;
	}

	private static ResponseEntity<ProblemDetail> stale(String detail, long current) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PRECONDITION_FAILED,
				detail + ": someone else saved first; nothing was changed, reload and edit again");
		problem.setTitle("Version conflict");
		problem.setType(URI.create("urn:switchboard:version-conflict"));
		problem.setProperty("currentVersion", current);
		return ResponseEntity.status(HttpStatus.PRECONDITION_FAILED).eTag(Versions.etag(current)).body(problem);
	}

}
