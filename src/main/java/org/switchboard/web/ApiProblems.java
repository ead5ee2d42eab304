package org.switchboard.web;

import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.util.DisconnectedClientHelper;

import org.switchboard.common.FieldProblem;
import org.switchboard.common.InvalidFieldsException;
import org.switchboard.common.StaleVersionException;

/**
 * Every error the API answers is an RFC 9457 problem ({@code application/problem+json}),
 * and this is the one place that answers them: the features' refusals (invalid fields
 * 400, a stale edit 412, what does not exist 404, an {@link ApiProblem}), Spring MVC's
 * own (405, 406, 415, an unreadable body, a path value of the wrong type) and a 500 that
 * names no internals, its cause logged instead.
 */
@RestControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

	@ExceptionHandler(InvalidFieldsException.class)
	ProblemDetail invalid(InvalidFieldsException ex) {
		return Problems.invalid(ex.title(), ex.fields(), ex.consequence());
	}

	/** 412 with the version in force, also as the ETag, so a client can reload it. */
	@ExceptionHandler(StaleVersionException.class)
	ResponseEntity<ProblemDetail> stale(StaleVersionException ex) {
		ProblemDetail problem = Problems.problem(HttpStatus.PRECONDITION_FAILED, "Version conflict",
				ex.getMessage() + ": someone else saved first; nothing was changed, reload and edit again");
		problem.setType(Problems.VERSION_CONFLICT);
		problem.setProperty("currentVersion", ex.current());
		return ResponseEntity.status(HttpStatus.PRECONDITION_FAILED).eTag("\"" + ex.current() + "\"").body(problem);
	}

	@ExceptionHandler(NoSuchElementException.class)
	ProblemDetail missing(NoSuchElementException ex) {
		return Problems.problem(HttpStatus.NOT_FOUND, "Not found", ex.getMessage());
	}

	@ExceptionHandler(Exception.class)
	ProblemDetail unexpected(Exception ex, WebRequest request) {
		if (DisconnectedClientHelper.isClientDisconnectedException(ex)) {
			// nobody is left to read an answer
			return null;
		}
		Instant at = Instant.now();
		log.error("Request {} failed at {}", request.getDescription(false), at, ex);
		return Problems.problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
				"The server failed to answer; its log has the cause at " + at);
	}

	/** Where the body cannot be read, and which field, so a client can fix it. */
	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String field = "";
		String message = "the body is missing or not JSON";
		int line = (ex.getCause() instanceof JsonProcessingException json && json.getLocation() != null)
				? Math.max(0, json.getLocation().getLineNr()) : 0;
		if (ex.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
			field = path(mapping.getPath());
			Class<?> type = (mapping instanceof MismatchedInputException mismatch) ? mismatch.getTargetType() : null;
			String expected = (type != null) ? type.getSimpleName() : "a value of another type";
			message = (mapping instanceof InvalidFormatException invalid)
					? "not a valid " + expected + ": '" + invalid.getValue() + "'" : "expected " + expected;
		}
		else if (ex.getCause() instanceof JsonProcessingException json) {
			JsonLocation where = json.getLocation();
			message = "not valid JSON"
					+ ((where != null && where.getLineNr() > 0)
							? " at line " + where.getLineNr() + ", column " + where.getColumnNr() : "")
					+ ": " + json.getOriginalMessage();
		}
		ProblemDetail problem = createProblemDetail(ex, status, field.isEmpty() ? message : field + ": " + message,
				null, null, request);
		problem.setProperty("errors", List.of(new FieldProblem(field, line, message)));
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	/** A path or query value of the wrong type, named like a field of a body. */
	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String field = (ex.getPropertyName() != null) ? ex.getPropertyName() : "";
		String expected = (ex.getRequiredType() != null) ? ex.getRequiredType().getSimpleName() : "another type";
		String message = "not a " + expected + ": '" + ex.getValue() + "'";
		ProblemDetail problem = createProblemDetail(ex, status, field + ": " + message, null, null, request);
		problem.setProperty("errors", List.of(new FieldProblem(field, message)));
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(HttpRequestMethodNotSupportedException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ex.getBody();
		problem.setDetail(ex.getMethod() + " is not supported here; allowed: "
				+ ((ex.getSupportedMethods() != null) ? String.join(", ", ex.getSupportedMethods()) : "none"));
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ex.getBody();
		problem.setDetail("Content-Type " + ((ex.getContentType() != null) ? ex.getContentType() : "missing")
				+ " is not accepted here; expected "
				+ ex.getSupportedMediaTypes().stream().map(MediaType::toString).collect(Collectors.joining(" or ")));
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	/** A 5xx from Spring MVC's own handling is a fault of ours: logged with its cause. */
	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		if (status.is5xxServerError() && !DisconnectedClientHelper.isClientDisconnectedException(ex)) {
			log.error("Request {} failed", request.getDescription(false), ex);
		}
		return super.handleExceptionInternal(ex, body, headers, status, request);
	}

	private static String path(List<JsonMappingException.Reference> references) {
		StringBuilder path = new StringBuilder();
		for (JsonMappingException.Reference reference : references) {
			if (reference.getFieldName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

}
