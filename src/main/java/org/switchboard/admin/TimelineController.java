package org.switchboard.admin;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.switchboard.admin.Timelines.DayRow;
import org.switchboard.admin.Timelines.Span;
import org.switchboard.schedule.CountrySchedule;
import org.switchboard.schedule.OpeningHours;
import org.switchboard.schedule.OverflowStep;
import org.switchboard.schedule.Schedules;
import org.switchboard.common.InvalidFieldsException;

/**
 * When the lines are open, for the timelines a supervisor looks at: one country's week in
 * its own zone and the viewer's, and every country over one UTC day with who overflows to
 * whom and the hours no country is open. Zones, DST, holidays and special days are worked
 * out here by the rules calls meet, so the browser only draws.
 */
@RestController
@Tag(name = "timelines", description = "A country's week and every country's day, as open intervals")
class TimelineController {

	private final Schedules schedules;

	private final Clock clock;

	TimelineController(Schedules schedules, Clock clock) {
		this.schedules = schedules;
		this.clock = clock;
	}

	/**
	 * One week, Monday to Sunday, of a country's schedule.
	 *
	 * @param from the Monday
	 * @param to the Sunday
	 * @param zones the country's own zone first, then the viewer's if it is another
	 */
	record Week(String country, String timeZone, LocalDate from, LocalDate to, List<ZoneWeek> zones) {

	}

	/**
	 * The week's days in one zone.
	 *
	 * @param own whether it is the country's own zone
	 */
	record ZoneWeek(String zone, boolean own, List<DayRow> days) {

	}

	/**
	 * Every country over one day in UTC.
	 *
	 * @param from the day's start, like {@code 2026-12-24T00:00Z}
	 * @param to the next day's start
	 * @param countries east to west, as the sun goes
	 * @param gaps the times no country is open
	 */
	record Coverage(LocalDate date, OffsetDateTime from, OffsetDateTime to, List<CountryDay> countries,
			List<Span> gaps) {

	}

	/**
	 * One country's part of the day.
	 *
	 * @param offset its UTC offset at noon UTC, like {@code +05:30}
	 * @param open when it is open, cut to the day
	 * @param days its holidays and special days, cut to the day
	 * @param overflow the countries its waiting calls overflow to, and when they can
	 */
	record CountryDay(String country, String timeZone, String offset, List<Open> open, List<MarkedDay> days,
			List<Overflow> overflow) {

	}

	/**
	 * One opening, cut to the day.
	 *
	 * @param from where it starts within the day, in UTC
	 * @param to where it ends within the day, in UTC
	 * @param opens when the whole opening starts, with the country's offset
	 * @param closes when it ends, with the country's offset
	 * @param window the weekly window's label, like {@code MON-FRI 08:00-18:00}
	 * @param specialDay the special day's reason it belongs to, or null
	 */
	record Open(OffsetDateTime from, OffsetDateTime to, OffsetDateTime opens, OffsetDateTime closes, String team,
			String window, String specialDay) {

	}

	/**
	 * A holiday or special day: one of the country's local dates, as UTC times cut to the
	 * day.
	 *
	 * @param kind {@code holiday} or {@code special-day}
	 * @param closed whether it keeps the line closed all that date
	 */
	record MarkedDay(String kind, LocalDate date, String name, boolean closed, OffsetDateTime from, OffsetDateTime to) {

	}

	/**
	 * A follow-the-sun step: calls waiting {@code afterSeconds} go to {@code country}'s
	 * team, while both countries are open.
	 *
	 * @param during when both are open within the day
	 */
	record Overflow(String country, long afterSeconds, List<Span> during) {

	}

	@GetMapping("/api/schedules/{country}/week")
	@Operation(operationId = "scheduleWeek",
			summary = "A week of the schedule as day rows of open hours, holidays and special days, "
					+ "in the country's zone and in the viewer's")
	@ApiResponse(responseCode = "200", description = "The week, Monday to Sunday, per zone")
	@ApiResponse(responseCode = "400", description = "Not a country code, a date like 2026-03-23 or a time zone")
	@ApiResponse(responseCode = "404", description = "No schedule for this country")
	Week week(@PathVariable String country,
			@Parameter(description = "a date in the week, like 2026-03-23; default today in the country") @RequestParam(
					required = false) String from,
			@Parameter(
					description = "the viewer's time zone, like America/New_York; default the country's") @RequestParam(
							required = false) String zone) {
		ScheduleController.requireCountry(country);
		CountrySchedule schedule = this.schedules.find(country)
			.orElseThrow(() -> new NoSuchElementException("no schedule for " + country));
		ZoneId own = schedule.timeZone();
		ZoneId viewer = (zone == null || zone.isBlank()) ? own : zone(zone);
		LocalDate day = (from == null || from.isBlank()) ? LocalDate.now(this.clock.withZone(own)) : date("from", from);
		LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
		Instant start = earlier(monday.atStartOfDay(own).toInstant(), monday.atStartOfDay(viewer).toInstant());
		Instant end = later(monday.plusDays(7).atStartOfDay(own).toInstant(),
				monday.plusDays(7).atStartOfDay(viewer).toInstant());
		OpeningHours hours = this.schedules.openingHours(schedule, start, end);
		List<ZoneWeek> zones = new ArrayList<>();
		zones.add(new ZoneWeek(own.getId(), true, Timelines.days(hours, own, own, monday, 7)));
		if (!viewer.equals(own)) {
			zones.add(new ZoneWeek(viewer.getId(), false, Timelines.days(hours, own, viewer, monday, 7)));
		}
		return new Week(country, own.getId(), monday, monday.plusDays(6), zones);
	}

	@GetMapping("/api/coverage")
	@Operation(summary = "Every country over one day in UTC: when each is open, its holidays, "
			+ "whom it overflows to, and the hours no country is open")
	Coverage coverage(@Parameter(description = "the UTC day, like 2026-12-24; default today") @RequestParam(
			required = false) String date) {
		LocalDate day = (date == null || date.isBlank()) ? LocalDate.now(this.clock.withZone(ZoneOffset.UTC))
				: date("date", date);
		Instant from = day.atStartOfDay(ZoneOffset.UTC).toInstant();
		Instant to = from.plus(Duration.ofDays(1));
		Instant noon = from.plus(Duration.ofHours(12));
		List<CountrySchedule> all = this.schedules.all()
			.stream()
			.sorted(Comparator
				.comparing((CountrySchedule schedule) -> schedule.timeZone().getRules().getOffset(noon),
						Comparator.naturalOrder())
				.thenComparing(CountrySchedule::country))
			.toList();
		Map<String, OpeningHours> hours = new HashMap<>();
		Map<String, List<Span>> open = new HashMap<>();
		for (CountrySchedule schedule : all) {
			OpeningHours country = this.schedules.openingHours(schedule, from, to);
			hours.put(schedule.country(), country);
			open.put(schedule.country(),
					country.openings()
						.stream()
						.map((opening) -> Span.of(later(opening.opens().toInstant(), from),
								earlier(opening.closes().toInstant(), to)))
						.toList());
		}
		List<CountryDay> countries = all.stream()
			.map((schedule) -> countryDay(schedule, hours.get(schedule.country()), open, from, to, noon))
			.toList();
		List<Span> gaps = Timelines.gaps(open.values().stream().flatMap(List::stream).toList(), from, to);
		return new Coverage(day, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC), countries, gaps);
	}

	private static CountryDay countryDay(CountrySchedule schedule, OpeningHours hours, Map<String, List<Span>> open,
			Instant from, Instant to, Instant noon) {
		ZoneId zone = schedule.timeZone();
		List<Open> opens = hours.openings()
			.stream()
			.map((opening) -> new Open(utc(later(opening.opens().toInstant(), from)),
					utc(earlier(opening.closes().toInstant(), to)), opening.opens().toOffsetDateTime(),
					opening.closes().toOffsetDateTime(), opening.window().team(), opening.window().label(),
					opening.specialDay().orElse(null)))
			.toList();
		List<MarkedDay> days = hours.days()
			.stream()
			.map((day) -> new MarkedDay(Timelines.kind(day.kind()), day.date(), day.name(), day.closed(),
					utc(later(day.date().atStartOfDay(zone).toInstant(), from)),
					utc(earlier(day.date().plusDays(1).atStartOfDay(zone).toInstant(), to))))
			.toList();
		List<Overflow> overflow = schedule.overflow()
			.stream()
			.filter(OverflowStep.OtherCountry.class::isInstance)
			.map(OverflowStep.OtherCountry.class::cast)
			.map((step) -> new Overflow(step.country(), step.after().toSeconds(),
					Timelines.both(open.get(schedule.country()), open.getOrDefault(step.country(), List.of()))))
			.toList();
		return new CountryDay(schedule.country(), zone.getId(), zone.getRules().getOffset(noon).getId(), opens, days,
				overflow);
	}

	private static ZoneId zone(String text) {
		try {
			return ZoneId.of(text);
		}
		catch (DateTimeException ex) {
			throw new InvalidFieldsException("Invalid time zone", "zone",
					"not a time zone like Europe/Berlin: '" + text + "'");
		}
	}

	private static LocalDate date(String field, String text) {
		try {
			return LocalDate.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw new InvalidFieldsException("Invalid date", field, "not a date like 2026-12-24: '" + text + "'");
		}
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static Instant earlier(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

	private static Instant later(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

}
