package org.switchboard.schedule;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.switchboard.common.FieldProblem;
import org.switchboard.common.Fields;
import org.switchboard.common.Fields.Entry;

/**
 * One reading of one schedule document: its top-level fields in the order problems are
 * reported, each part handed to the reader of that part, all adding to the same problems.
 */
final class ScheduleDocument {

	private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

	private final Fields fields;

	private final List<FieldProblem> problems;

	private final Holidays holidays;

	private final QuotaReader quotas;

	private final WindowReader windows;

	ScheduleDocument(Fields fields, List<FieldProblem> problems, Holidays holidays, Supplier<Set<String>> knownSkills) {
		this.fields = fields;
		this.problems = problems;
		this.holidays = holidays;
		this.quotas = new QuotaReader(problems);
		this.windows = new WindowReader(problems, new SkillReader(knownSkills), this.quotas);
	}

	/** The schedule, or {@code null} when any problem was found. */
	CountrySchedule schedule() {
		Optional<String> country = this.fields.require("country").flatMap((value) -> country(this.fields, value));
		Optional<ZoneId> zone = this.fields.require("timeZone").flatMap(this::zone);
		Optional<Integer> version = this.fields.get("version")
			.flatMap((value) -> this.fields.number(value, 1, Integer.MAX_VALUE));
		Optional<HolidayRule> holidays = this.fields.get("holidays")
			.flatMap((value) -> new HolidayRuleReader(this.holidays, this.problems).read(value, country,
					this.fields.has("country")));
		List<SpecialDay> specialDays = new SpecialDayReader(this.problems, this.windows)
			.read(this.fields.items("specialDays"));
		List<PlacedWindow> windows = new ArrayList<>();
		for (Entry item : this.fields.items("windows")) {
			this.windows.read(item, true)
				.ifPresent((window) -> windows.add(new PlacedWindow(item.field(), item.line(), window)));
		}
		WindowOverlaps.checkWeekly(windows, this.problems);
		Quota quota = this.fields.get("quota").map((value) -> this.quotas.read(value, false)).orElse(Quota.NONE);
		List<OverflowStep> overflow = new OverflowReader(this.problems, this.windows.skills())
			.read(this.fields.items("overflow"), country);
		ClosedAction closedAction = this.fields.get("closedAction")
			.flatMap(new ClosedActionReader(this.problems)::read)
			.orElse(new ClosedAction.AnnounceNextOpening(new ClosedAction.Hangup()));
		this.fields.reportUnknownFields();
		if (!this.problems.isEmpty()) {
			return null;
		}
		return new CountrySchedule(country.orElseThrow(), zone.orElseThrow(), version.orElse(0), holidays, specialDays,
				windows.stream().map(PlacedWindow::window).toList(), quota, overflow, closedAction);
	}

	/** An ISO 3166 alpha-2 code, or empty after reporting it. */
	static Optional<String> country(Fields fields, Entry value) {
		Optional<String> code = fields.text(value);
		if (code.isPresent() && !COUNTRIES.contains(code.get())) {
			fields.problem(value, "not an ISO 3166 alpha-2 country code like DE: '" + code.get() + "'");
			return Optional.empty();
		}
		return code;
	}

	private Optional<ZoneId> zone(Entry value) {
		Optional<String> id = this.fields.text(value);
		if (id.isEmpty()) {
			return Optional.empty();
		}
		if (!ZoneId.getAvailableZoneIds().contains(id.get())) {
			this.fields.problem(value, "unknown time zone, expected a region like Europe/Berlin: '" + id.get() + "'");
			return Optional.empty();
		}
		return Optional.of(ZoneId.of(id.get()));
	}

}
