package org.switchboard.routing.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import org.switchboard.ivr.CallFacts;
import org.switchboard.schedule.ScheduleDecision;
import org.switchboard.schedule.Schedules;
import org.switchboard.telephony.CallRequest;

/**
 * {@code POST /api/routing/what-if}: how a call from this number to this line would be
 * treated at this instant, with the trace of every rule, without touching live state.
 */
@RestController
@RequestMapping("/api/routing")
class WhatIfController {

	private final CallFacts facts;

	private final Schedules schedules;

	WhatIfController(CallFacts facts, Schedules schedules) {
		this.facts = facts;
		this.schedules = schedules;
	}

	/** The question. */
	record WhatIf(String callerId, String dialed, Instant at, Map<String, Integer> skills) {

	}

	/** The answer. */
	record Answer(String country, Boolean open, String decision, String nextOpen, List<String> trace) {

	}

	@PostMapping("/what-if")
	Answer whatIf(@RequestBody WhatIf question) {
		if (question.dialed() == null || question.dialed().isBlank()) {
			throw new IllegalArgumentException("dialed: the number called is required");
		}
		Instant at = (question.at() != null) ? question.at() : Instant.now();
		CallRequest call = new CallRequest("what-if", "what-if", "what-if",
				(question.callerId() != null) ? question.callerId() : "", "", question.dialed(), question.dialed(), "",
				"en", List.of());
		Optional<String> country = this.facts.country(call);
		if (country.isEmpty()) {
			return new Answer(null, null, "no country: the caller ID is withheld or invalid and the line is not E.164",
					null, List.of("no country could be told from " + question.dialed()));
		}
		Optional<ScheduleDecision> decision = this.schedules.decide(country.get(), at);
		if (decision.isEmpty()) {
			return new Answer(country.get(), true, "open: " + country.get() + " has no schedule, served at any time",
					null, List.of("no schedule for " + country.get()));
		}
		ScheduleDecision made = decision.get();
		String nextOpen = made.isOpen() ? null : made.nextChange().map(Object::toString).orElse(null);
		return new Answer(country.get(), made.isOpen(), (made.isOpen() ? "open: " : "closed: ") + made.reason(),
				nextOpen, made.trace());
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ProblemDetail invalid(IllegalArgumentException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

}
