package org.switchboard.ivr.web;

import java.net.URI;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import org.switchboard.common.FieldProblem;
import org.switchboard.common.InvalidFieldsException;
import org.switchboard.ivr.IvrSettings;
import org.switchboard.ivr.TestCall;
import org.switchboard.ivr.TestCalls;
import org.switchboard.web.ApiProblem;

/**
 * Test calls for the "Try a call" page: {@code POST /api/test-calls} with
 * {@code {"line": "8000", "callerId": "+4930123456", "at": "2026-11-23T12:00", "zone":
 * "Europe/Berlin"}} places one; its keys go to {@code POST .../{id}/keys}, a silence to
 * {@code .../{id}/silence}, and {@code DELETE .../{id}} hangs up. Every answer is the
 * call with all it showed so far. A call belongs to the user who placed it.
 */
@RestController
@RequestMapping("/api/test-calls")
@Tag(name = "test calls", description = "Calls that walk a line's flow and show where routing would send them, "
		+ "touching nothing live")
class TestCallController {

	private static final String INVALID = "Invalid test call";

	private static final String NO_CALL = "No test call of yours with this id (hung up, or timed out)";

	private static final Pattern LINE = Pattern.compile("[0-9+*#]{1,32}");

	private static final Pattern CALLER = Pattern.compile("\\+?[0-9]{1,20}");

	private static final Pattern KEYS = Pattern.compile("[0-9*#]{1,32}");

	private static final int FIRST_YEAR = 2000;

	private static final int LAST_YEAR = 2199;

	private final TestCalls calls;

	private final IvrSettings settings;

	TestCallController(TestCalls calls, IvrSettings settings) {
		this.calls = calls;
		this.settings = settings;
	}

	/**
	 * A call to place.
	 *
	 * @param line the number dialled
	 * @param callerId the caller's number; empty for a withheld one
	 * @param at when the call plays in: ISO 8601 with an offset, or a local date-time in
	 * {@code zone}; empty for now
	 * @param zone the zone of {@code at} (an IANA name); UTC when empty
	 */
	record Placing(String line, String callerId, String at, String zone) {

	}

	/** Keys the caller presses, {@code 0-9 * #}. */
	record Pressing(String keys) {

	}

	@PostMapping
	@Operation(operationId = "placeTestCall", summary = "Place a test call on a line, from a caller, at a moment")
	@ApiResponse(responseCode = "201", description = "Placed: the call with what it showed so far")
	@ApiResponse(responseCode = "400", description = "errors names each field and why; no call was placed")
	@ApiResponse(responseCode = "415", description = "The body is not application/json")
	@ApiResponse(responseCode = "429", description = "As many test calls are held as allowed")
	ResponseEntity<TestCall> place(@RequestBody Placing placing, Authentication who) {
		List<FieldProblem> problems = new ArrayList<>();
		String line = text(placing.line());
		if (line.isEmpty()) {
			problems.add(new FieldProblem("line", "required: the number dialled, e.g. 8000"));
		}
		else if (!LINE.matcher(line).matches()) {
			problems.add(new FieldProblem("line", "not a number one can dial: '" + line + "'"));
		}
		else if (this.calls.flowFor(line).isEmpty()) {
			problems.add(new FieldProblem("line", "no flow answers line " + line));
		}
		String callerId = text(placing.callerId());
		if (!callerId.isEmpty() && !CALLER.matcher(callerId).matches()) {
			problems.add(new FieldProblem("callerId", "not a phone number: '" + callerId
					+ "' (digits with an optional leading +; empty for a withheld number)"));
		}
		Optional<ZoneId> zone = zone(text(placing.zone()), problems);
		Optional<Instant> at = at(text(placing.at()), zone, problems);
		if (!problems.isEmpty()) {
			throw new InvalidFieldsException(INVALID, problems, "no call was placed");
		}
		TestCall call = this.calls.place(who.getName(), line, callerId, at, zone.orElse(ZoneOffset.UTC))
			.orElseThrow(() -> new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, "Too many test calls",
					this.settings.maxTestCalls() + " test calls are held already, the most allowed: hang one up, "
							+ "or wait until one has been left alone for " + idle()));
		return ResponseEntity.created(URI.create("/api/test-calls/" + call.id())).body(call);
	}

	@GetMapping("/{id}")
	@Operation(operationId = "getTestCall", summary = "A test call with all it showed so far")
	@ApiResponse(responseCode = "200", description = "The call")
	@ApiResponse(responseCode = "404", description = NO_CALL)
	TestCall call(@PathVariable String id, Authentication who) {
		return this.calls.find(id, who.getName()).orElseThrow(() -> missing(id));
	}

	/** Answers once the IVR took the keys and listens again, or the call is over. */
	@PostMapping("/{id}/keys")
	@Operation(operationId = "pressTestCallKeys", summary = "The caller presses keys")
	@ApiResponse(responseCode = "200", description = "The call once the IVR listens again, or is over")
	@ApiResponse(responseCode = "400", description = "Not keys of 0-9, * and #")
	@ApiResponse(responseCode = "404", description = NO_CALL)
	@ApiResponse(responseCode = "409", description = "The call is over and takes no keys")
	@ApiResponse(responseCode = "415", description = "The body is not application/json")
	TestCall press(@PathVariable String id, @RequestBody Pressing pressing, Authentication who) {
		String keys = text(pressing.keys());
		if (!KEYS.matcher(keys).matches()) {
			throw new InvalidFieldsException(INVALID,
					List.of(new FieldProblem("keys", "one to 32 of 0-9, * and #, not '" + keys + "'")),
					"no key was pressed");
		}
		try {
			return this.calls.press(id, who.getName(), keys).orElseThrow(() -> missing(id));
		}
		catch (IllegalStateException ex) {
			throw over(ex);
		}
	}

	/** The caller lets the prompt that listens time out. */
	@PostMapping("/{id}/silence")
	@Operation(operationId = "testCallStaysSilent", summary = "The caller lets the prompt that listens time out")
	@ApiResponse(responseCode = "200", description = "The call once the IVR listens again, or is over")
	@ApiResponse(responseCode = "404", description = NO_CALL)
	@ApiResponse(responseCode = "409", description = "The call is over")
	TestCall staySilent(@PathVariable String id, Authentication who) {
		try {
			return this.calls.staySilent(id, who.getName()).orElseThrow(() -> missing(id));
		}
		catch (IllegalStateException ex) {
			throw over(ex);
		}
	}

	@DeleteMapping("/{id}")
	@Operation(operationId = "hangUpTestCall", summary = "Hang a test call up")
	@ApiResponse(responseCode = "204", description = "Hung up")
	@ApiResponse(responseCode = "404", description = NO_CALL)
	ResponseEntity<Void> hangUp(@PathVariable String id, Authentication who) {
		if (!this.calls.hangUp(id, who.getName())) {
			throw missing(id);
		}
		return ResponseEntity.noContent().build();
	}

	private static Optional<ZoneId> zone(String text, List<FieldProblem> problems) {
		if (text.isEmpty()) {
			return Optional.empty();
		}
		try {
			return Optional.of(ZoneId.of(text));
		}
		catch (DateTimeException ex) {
			problems.add(new FieldProblem("zone", "not a time zone: '" + text + "' (a name like Europe/Berlin)"));
			return Optional.empty();
		}
	}

	private static Optional<Instant> at(String text, Optional<ZoneId> zone, List<FieldProblem> problems) {
		if (text.isEmpty()) {
			return Optional.empty();
		}
		Instant at;
		try {
			at = OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeParseException withoutOffset) {
			LocalDateTime local;
			try {
				local = LocalDateTime.parse(text);
			}
			catch (DateTimeParseException ex) {
				problems.add(new FieldProblem("at", "not a date-time: '" + text
						+ "' (ISO 8601: 2026-11-23T12:00+01:00, or 2026-11-23T12:00 with a zone)"));
				return Optional.empty();
			}
			if (zone.isEmpty()) {
				problems.add(new FieldProblem("at",
						"'" + text + "' has no offset: give a zone, or an offset " + "like 2026-11-23T12:00+01:00"));
				return Optional.empty();
			}
			at = local.atZone(zone.get()).toInstant();
		}
		int year = at.atZone(ZoneOffset.UTC).getYear();
		if (year < FIRST_YEAR || year > LAST_YEAR) {
			problems
				.add(new FieldProblem("at", "not between " + FIRST_YEAR + " and " + LAST_YEAR + ": '" + text + "'"));
			return Optional.empty();
		}
		return Optional.of(at);
	}

	/** The idle timeout in words: 5 min, 30 s. */
	private String idle() {
		Duration idle = this.settings.testCallIdleTimeout();
		return (idle.toSeconds() % 60 == 0) ? idle.toMinutes() + " min" : idle.toSeconds() + " s";
	}

	private static String text(String value) {
		return (value != null) ? value.strip() : "";
	}

	private ApiProblem missing(String id) {
		return new ApiProblem(HttpStatus.NOT_FOUND, "No such test call",
				"no test call '" + id + "' of yours: it was hung up, or forgotten after " + idle() + " left alone");
	}

	/** The call is over, or too many keys wait to be heard. */
	private static ApiProblem over(IllegalStateException ex) {
		return new ApiProblem(HttpStatus.CONFLICT, "Test call takes no keys", ex.getMessage());
	}

}
