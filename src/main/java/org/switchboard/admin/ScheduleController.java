package org.switchboard.admin;

import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.OptionalLong;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import org.switchboard.schedule.CountrySchedule;
import org.switchboard.schedule.ScheduleChange;
import org.switchboard.schedule.ScheduleDecision;
import org.switchboard.schedule.ScheduleVersions;
import org.switchboard.schedule.Schedules;
import org.switchboard.common.InvalidFieldsException;

/**
 * Country schedules for admins: the document in force with its version as ETag, whole
 * validated writes that name the version they were made on, the history and reverts.
 */
@RestController
@RequestMapping("/api/schedules")
@Tag(name = "schedules", description = "Country schedules: read, validate, publish, history, revert")
class ScheduleController {

	private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

	private static final List<String> FIELDS = List.of("country", "timeZone", "version", "holidays", "specialDays",
			"windows", "quota", "overflow", "closedAction");

	private static final Set<String> LISTS = Set.of("specialDays", "windows", "overflow");

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final String NOT_A_COUNTRY = "The country is not an ISO 3166 alpha-2 code like DE";

	private static final String NO_SCHEDULE = "No schedule for this country";

	private static final String INVALID = "Invalid: errors names every field and why; nothing was changed";

	private static final String STALE = "Someone saved first: currentVersion and the ETag name the version in force; "
			+ "nothing was changed";

	private static final String NO_VERSION = "No version named: neither If-Match, If-None-Match: * nor the document's "
			+ "version";

	private static final String JSON_OR_YAML = "The body is neither application/json nor application/yaml";

	private final Schedules schedules;

	private final ScheduleVersions versions;

	private final Clock clock;

	ScheduleController(Schedules schedules, ScheduleVersions versions, Clock clock) {
		this.schedules = schedules;
		this.versions = versions;
		this.clock = clock;
	}

	/** One line of the list of countries. */
	record CountryStatus(String country, String timeZone, long version, Status status) {

	}

	/**
	 * Open or closed now, and when that changes, in the country's time.
	 *
	 * @param now the moment asked about, with the country's offset
	 * @param nextChange with the country's offset then, like
	 * {@code 2026-11-23T18:00:00+01:00}; null beyond the schedule's horizon
	 * @param timeZone the country's zone, e.g. {@code Europe/Berlin}
	 */
	record Status(boolean open, String reason, OffsetDateTime now, OffsetDateTime nextChange, String timeZone) {

	}

	@GetMapping
	@Operation(operationId = "listSchedules", summary = "Every country with a schedule, open or closed now")
	List<CountryStatus> all() {
		Instant now = this.clock.instant();
		return this.schedules.all()
			.stream()
			.map((schedule) -> new CountryStatus(schedule.country(), schedule.timeZone().getId(), schedule.version(),
					status(schedule, now)))
			.toList();
	}

	@GetMapping(path = "/{country}", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(operationId = "getSchedule", summary = "The schedule in force; its version is the ETag")
	@ApiResponse(responseCode = "200", description = "The document in the shape of the schedule files")
	@ApiResponse(responseCode = "400", description = NOT_A_COUNTRY)
	@ApiResponse(responseCode = "404", description = NO_SCHEDULE)
	ResponseEntity<String> get(@PathVariable String country) {
		CountrySchedule schedule = find(country);
		return ResponseEntity.ok()
			.eTag(Versions.etag(schedule.version()))
			.contentType(MediaType.APPLICATION_JSON)
			.body(complete(this.versions.toJson(schedule)));
	}

	@GetMapping("/{country}/status")
	@Operation(operationId = "getScheduleStatus",
			summary = "Open or closed now, and the next change in the country's time")
	@ApiResponse(responseCode = "200", description = "Open or closed, why, and when that changes")
	@ApiResponse(responseCode = "400", description = NOT_A_COUNTRY)
	@ApiResponse(responseCode = "404", description = NO_SCHEDULE)
	Status status(@PathVariable String country) {
		return status(find(country), this.clock.instant());
	}

	/**
	 * Publishes a whole schedule document, validated as a whole; {@code If-Match} names
	 * the version it was made on (else the document's own {@code version}; neither: 428,
	 * as for agents).
	 */
	@PutMapping(path = "/{country}", consumes = { MediaType.APPLICATION_JSON_VALUE, "application/yaml" },
			produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(operationId = "publishSchedule", summary = "Publish a new version of a country's schedule")
	@ApiResponse(responseCode = "200", description = "Published: the document in force, its new version the ETag")
	@ApiResponse(responseCode = "400", description = INVALID)
	@ApiResponse(responseCode = "412", description = STALE)
	@ApiResponse(responseCode = "415", description = JSON_OR_YAML)
	@ApiResponse(responseCode = "428", description = NO_VERSION)
	ResponseEntity<String> put(@PathVariable String country, @RequestBody String document,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch, Principal who) {
		requireCountry(country);
		CountrySchedule schedule = this.versions.validate(document);
		if (!schedule.country().equals(country)) {
			throw new InvalidFieldsException("Invalid schedule", "country",
					"the document is " + schedule.country() + "'s, not " + country + "'s");
		}
		long expected = Versions.expected(ifMatch, ifNoneMatch,
				(schedule.version() > 0) ? OptionalLong.of(schedule.version()) : OptionalLong.empty());
		ScheduleChange change = this.versions.publish(schedule, expected, who.getName());
		return get(change.country());
	}

	@PostMapping(path = "/{country}/validate", consumes = { MediaType.APPLICATION_JSON_VALUE, "application/yaml" })
	@Operation(operationId = "validateSchedule", summary = "Validate a document without publishing it")
	@ApiResponse(responseCode = "200", description = "Valid: whether the line would be open now under it")
	@ApiResponse(responseCode = "400", description = INVALID)
	@ApiResponse(responseCode = "415", description = JSON_OR_YAML)
	Status validate(@PathVariable String country, @RequestBody String document) {
		requireCountry(country);
		CountrySchedule schedule = this.versions.validate(document);
		if (!schedule.country().equals(country)) {
			throw new InvalidFieldsException("Invalid schedule", "country",
					"the document is " + schedule.country() + "'s, not " + country + "'s");
		}
		return status(schedule, this.clock.instant());
	}

	@GetMapping("/{country}/history")
	@Operation(operationId = "getScheduleHistory",
			summary = "Every published version, newest first: who, when, which fields")
	@ApiResponse(responseCode = "200", description = "The versions, newest first")
	@ApiResponse(responseCode = "400", description = NOT_A_COUNTRY)
	@ApiResponse(responseCode = "404", description = NO_SCHEDULE)
	List<ScheduleChange> history(@PathVariable String country) {
		find(country);
		return this.versions.history(country);
	}

	@GetMapping(path = "/{country}/history/{version}", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(operationId = "getScheduleVersion", summary = "The document of one published version")
	@ApiResponse(responseCode = "200", description = "The document as it was published")
	@ApiResponse(responseCode = "400", description = "The country is not an ISO 3166 code, or the version not a number")
	@ApiResponse(responseCode = "404", description = "No such version of this country's schedule")
	String version(@PathVariable String country, @PathVariable long version) {
		return this.versions.version(country, version)
			.map(this.versions::toJson)
			.map(ScheduleController::complete)
			.orElseThrow(() -> new NoSuchElementException("no version " + version + " of " + country));
	}

	@PostMapping(path = "/{country}/history/{version}/revert", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(operationId = "revertSchedule",
			summary = "Publish an older version again as a new version; If-Match names the version in force")
	@ApiResponse(responseCode = "200", description = "Published: the document in force, its new version the ETag")
	@ApiResponse(responseCode = "400", description = "The country is not an ISO 3166 code, or If-Match not a version")
	@ApiResponse(responseCode = "404", description = "No schedule for this country, or no such version of it")
	@ApiResponse(responseCode = "412", description = STALE)
	@ApiResponse(responseCode = "428", description = "No If-Match: the version in force must be named")
	ResponseEntity<String> revert(@PathVariable String country, @PathVariable long version,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Principal who) {
		find(country);
		long expected = Versions.expected(ifMatch, null, OptionalLong.empty());
		this.versions.revert(country, version, expected, who.getName());
		return get(country);
	}

	/**
	 * The document with every field present, empty ones as {@code null} or {@code []}, so
	 * clients see the whole shape; the reader takes it back unchanged.
	 */
	private static String complete(String json) {
		try {
			ObjectNode written = (ObjectNode) JSON.readTree(json);
			ObjectNode document = JSON.createObjectNode();
			for (String field : FIELDS) {
				JsonNode value = written.get(field);
				if (value != null) {
					document.set(field, value);
				}
				else if (LISTS.contains(field)) {
					document.putArray(field);
				}
				else {
					document.putNull(field);
				}
			}
			return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("cannot complete a schedule document", ex);
		}
	}

	private Status status(CountrySchedule schedule, Instant now) {
		ScheduleDecision decision = this.schedules.decide(schedule, now);
		return new Status(decision.isOpen(), decision.reason(),
				now.truncatedTo(ChronoUnit.SECONDS).atZone(schedule.timeZone()).toOffsetDateTime(),
				decision.nextChange().map(ZonedDateTime::toOffsetDateTime).orElse(null), schedule.timeZone().getId());
	}

	private CountrySchedule find(String country) {
		requireCountry(country);
		return this.schedules.find(country).orElseThrow(() -> new NoSuchElementException("no schedule for " + country));
	}

	static void requireCountry(String country) {
		if (!COUNTRIES.contains(country)) {
			throw new InvalidFieldsException("Invalid country", "country",
					"not an ISO 3166 alpha-2 country code like DE: '" + country + "'");
		}
	}

}
