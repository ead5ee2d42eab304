package org.switchboard.routing.web;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import org.switchboard.routing.RoutingPreview;

/**
 * {@code POST /api/routing/what-if}: how a call from this number to this line would be
 * treated at this instant, with the trace of every rule, without touching live state.
 */
@RestController
@RequestMapping("/api/routing")
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
	RoutingPreview.Preview whatIf(@RequestBody WhatIf question) {
		if (question.dialed() == null || question.dialed().isBlank()) {
			throw new IllegalArgumentException("dialed: the number called is required");
		}
		Instant at = (question.at() != null) ? question.at() : this.clock.instant();
		return this.preview.preview(question.callerId(), question.dialed(), at, question.skills());
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ProblemDetail invalid(IllegalArgumentException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

}
