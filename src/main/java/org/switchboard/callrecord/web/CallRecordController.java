package org.switchboard.callrecord.web;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.switchboard.callrecord.CallRecord;
import org.switchboard.callrecord.CallRecordSettings;
import org.switchboard.callrecord.CallRecords;
import org.switchboard.callrecord.Kpis;
import org.switchboard.callrecord.Outcome;
import org.switchboard.web.ApiProblem;

/**
 * {@code GET /api/calls} (records of a window, filtered and paged), {@code GET
 * /api/calls.csv} (a window as CSV) and {@code GET /api/kpis} (the KPIs of a window per
 * country, queue or agent), {@code GET /api/agents/{id}/calls} (one agent's calls and
 * KPIs, for their own page). A window is {@code from} (inclusive) to {@code to}
 * (exclusive), ISO instants, by the calls' arrival; it defaults to the last 24 hours.
 */
@RestController
@RequestMapping("/api")
@Tag(name = "calls", description = "Call records and KPIs")
class CallRecordController {

	private static final Duration MAX_WINDOW = Duration.ofDays(31);

	private static final int MAX_LIMIT = 1000;

	private static final String BAD_QUERY = "A query value that cannot be used, named with the value (from not before "
			+ "to, a window over 31 days, not an ISO instant, an unknown outcome or groupBy)";

	private final CallRecords records;

	private final CallRecordSettings settings;

	private final Clock clock;

	CallRecordController(CallRecords records, CallRecordSettings settings, Clock clock) {
		this.records = records;
		this.settings = settings;
		this.clock = clock;
	}

	/** One page of records. */
	record Page(Instant from, Instant to, int offset, int limit, int total, List<CallRecord> calls) {

	}

	/** The KPIs of a window; thresholds in seconds, like the KPIs' durations. */
	record KpiReport(Instant from, Instant to, String groupBy, double serviceLevelThresholdSeconds,
			double shortAbandonThresholdSeconds, List<Kpis.Group> groups) {

	}

	/**
	 * One agent's calls of a window, oldest first, and their KPIs.
	 *
	 * @param calls those the agent answered, or was the last one rung for
	 */
	record AgentCalls(String agentId, Instant from, Instant to, Kpis.Group kpis, List<CallRecord> calls) {

	}

	@GetMapping("/calls")
	@Operation(operationId = "listCalls", summary = "The records of a window of arrivals, filtered and paged")
	@ApiResponse(responseCode = "200", description = "One page of records and the total")
	@ApiResponse(responseCode = "400", description = BAD_QUERY)
	Page calls(@RequestParam Map<String, String> query) {
		Window window = window(query);
		int offset = integer(query, "offset", 0, 0, Integer.MAX_VALUE);
		int limit = integer(query, "limit", 100, 1, MAX_LIMIT);
		List<CallRecord> matching = filtered(window, query);
		List<CallRecord> page = matching.stream().skip(offset).limit(limit).toList();
		return new Page(window.from, window.to, offset, limit, matching.size(), page);
	}

	/**
	 * The window is {@code from} and {@code to}, or with {@code zone} (like
	 * {@code Europe/Berlin}) and no {@code from}, today in that zone: from its midnight
	 * until now, by this server's clock.
	 */
	@GetMapping("/agents/{id}/calls")
	@Operation(operationId = "agentCalls",
			summary = "One agent's calls of a window, or of today in a zone, with their KPIs (handle time, CSAT)")
	@ApiResponse(responseCode = "200", description = "The window, the agent's KPIs and their calls")
	@ApiResponse(responseCode = "400", description = BAD_QUERY)
	AgentCalls agentCalls(@PathVariable String id, @RequestParam Map<String, String> query) {
		Window window = (query.containsKey("zone") && !query.containsKey("from")) ? today(query.get("zone"))
				: window(query);
		List<CallRecord> all = this.records.arrivedBetween(window.from, window.to);
		List<CallRecord> calls = all.stream().filter((call) -> id.equals(call.agentId())).toList();
		Double occupancy = Kpis.occupancy(this.records.agentStates(window.from, window.to), window.from, window.to)
			.get(id);
		return new AgentCalls(id, window.from, window.to, Kpis.agent(id, all, this.settings, occupancy), calls);
	}

	@GetMapping(path = "/calls.csv", produces = "text/csv")
	@Operation(operationId = "exportCalls", summary = "The records of a window of arrivals as CSV")
	@ApiResponse(responseCode = "200", description = "A CSV file, one row per call")
	@ApiResponse(responseCode = "400", description = BAD_QUERY)
	ResponseEntity<String> csv(@RequestParam Map<String, String> query) {
		Window window = window(query);
		String body = Stream.concat(Stream.of(CallCsv.HEADER), filtered(window, query).stream().map(CallCsv::row))
			.collect(Collectors.joining("\r\n", "", "\r\n"));
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					"attachment; filename=\"calls-" + window.from + "-" + window.to + ".csv\"")
			.body(body);
	}

	@GetMapping("/kpis")
	@Operation(operationId = "getKpis", summary = "The KPIs of a window per country, queue or agent")
	@ApiResponse(responseCode = "200", description = "The KPIs of each group")
	@ApiResponse(responseCode = "400", description = BAD_QUERY)
	KpiReport kpis(@RequestParam Map<String, String> query) {
		Window window = window(query);
		String groupByName = query.getOrDefault("groupBy", "country");
		Kpis.GroupBy groupBy = Kpis.GroupBy.of(groupByName)
			.orElseThrow(() -> badQuery("groupBy: one of country, queue, agent, not '" + groupByName + "'"));
		List<CallRecord> calls = this.records.arrivedBetween(window.from, window.to);
		Map<String, Double> occupancy = (groupBy == Kpis.GroupBy.AGENT)
				? Kpis.occupancy(this.records.agentStates(window.from, window.to), window.from, window.to) : Map.of();
		return new KpiReport(window.from, window.to, groupByName, seconds(this.settings.serviceLevelThreshold()),
				seconds(this.settings.shortAbandonThreshold()), Kpis.of(calls, groupBy, this.settings, occupancy));
	}

	private static double seconds(Duration duration) {
		return duration.toMillis() / 1000.0;
	}

	/** A query parameter that cannot be used, named first in the detail. */
	private static ApiProblem badQuery(String detail) {
		return new ApiProblem(HttpStatus.BAD_REQUEST, null, detail);
	}

	private List<CallRecord> filtered(Window window, Map<String, String> query) {
		Optional<Outcome> outcome = Optional.ofNullable(query.get("outcome"))
			.map((name) -> Outcome.ofWire(name).orElseThrow(() -> badQuery("outcome: not an outcome: '" + name + "'")));
		return this.records.arrivedBetween(window.from, window.to)
			.stream()
			.filter(matches(query, "country", CallRecord::country))
			.filter(matches(query, "queue", CallRecord::queue))
			.filter(matches(query, "agent", CallRecord::agentId))
			.filter((call) -> outcome.map((wanted) -> call.outcome() == wanted).orElse(true))
			.toList();
	}

	private static java.util.function.Predicate<CallRecord> matches(Map<String, String> query, String name,
			Function<CallRecord, String> field) {
		String wanted = query.get(name);
		return (call) -> wanted == null || wanted.equals(field.apply(call));
	}

	private Window window(Map<String, String> query) {
		Instant to = instant(query, "to").orElseGet(this.clock::instant);
		Instant from = instant(query, "from").orElseGet(() -> to.minus(Duration.ofDays(1)));
		if (!from.isBefore(to)) {
			throw badQuery("from: not before to: " + from + " >= " + to);
		}
		if (Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
			throw badQuery("from: window longer than 31 days: " + from + " to " + to);
		}
		return new Window(from, to);
	}

	private Window today(String zone) {
		ZoneId id;
		try {
			id = ZoneId.of(zone);
		}
		catch (DateTimeException ex) {
			throw badQuery("zone: not a time zone like Europe/Berlin: '" + zone + "'");
		}
		Instant now = this.clock.instant();
		return new Window(LocalDate.ofInstant(now, id).atStartOfDay(id).toInstant(), now);
	}

	private static Optional<Instant> instant(Map<String, String> query, String name) {
		String value = query.get(name);
		if (value == null || value.isBlank()) {
			return Optional.empty();
		}
		try {
			return Optional.of(Instant.parse(value));
		}
		catch (DateTimeParseException ex) {
			throw badQuery(name + ": not an ISO instant like 2026-11-23T10:00:00Z: '" + value + "'");
		}
	}

	private static int integer(Map<String, String> query, String name, int fallback, int min, int max) {
		String value = query.get(name);
		if (value == null) {
			return fallback;
		}
		try {
			int parsed = Integer.parseInt(value);
			if (parsed < min || parsed > max) {
				throw badQuery(name + ": outside " + min + ".." + max + ": " + parsed);
			}
			return parsed;
		}
		catch (NumberFormatException ex) {
			throw badQuery(name + ": not a number: '" + value + "'");
		}
	}

	private record Window(Instant from, Instant to) {

		Window {
			Objects.requireNonNull(from);
			Objects.requireNonNull(to);
		}

	}

}
