package org.switchboard.routing.web;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import org.switchboard.routing.RoutingPreview;
import org.switchboard.web.ApiProblem;

/**
 * {@code POST /api/routing/what-if}: how a call from this number to this line would be
 * treated at this instant, with the trace of every rule, without touching live state.
 */
@RestController
@RequestMapping("/api/routing")
@Tag(name = "routing", description = "How a call would be routed")
class WhatIfController {

	private final RoutingPreview preview;

	private final Clock clock;

	WhatIfController(RoutingPreview preview, Clock clock) {
		this.preview = preview;
		this.clock = clock;
	}

	/** The question. */
	record WhatIf(String callerId, String dialed, Instant at, Map<String, Integer> skills) {

	}

	@PostMapping("/what-if")
	@Operation(operationId = "whatIf",
			summary = "How a call from this number to this line would be routed at an instant, with the trace")
	@ApiResponse(responseCode = "200", description = "The decision and the trace of every rule")
	@ApiResponse(responseCode = "400",
			description = "No number dialed, or a field that cannot be read (at is an "
					+ "ISO instant like 2026-11-23T10:00:00Z)")
	@ApiResponse(responseCode = "415", description = "The body is not application/json")
	RoutingPreview.Preview whatIf(@RequestBody WhatIf question) {
		if (question.dialed() == null || question.dialed().isBlank()) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST, null, "dialed: the number called is required");
		}
		Instant at = (question.at() != null) ? question.at() : this.clock.instant();
		try {
			return this.preview.preview(question.callerId(), question.dialed(), at, question.skills());
		}
		catch (IllegalArgumentException ex) {
			// routing refuses a value of the question it cannot use
			throw new ApiProblem(HttpStatus.BAD_REQUEST, null, ex.getMessage());
		}
	}

}
