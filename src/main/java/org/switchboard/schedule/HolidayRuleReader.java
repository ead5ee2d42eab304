package org.switchboard.schedule;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.switchboard.schedule.Fields.Value;

/** Reads which public holidays close the line, checked against the calendars we know. */
final class HolidayRuleReader {

	private final Holidays holidays;

	private final List<ScheduleProblem> problems;

	HolidayRuleReader(Holidays holidays, List<ScheduleProblem> problems) {
		this.holidays = holidays;
		this.problems = problems;
	}

	/**
	 * The rule; its calendar defaults to the schedule's {@code country}, and
	 * {@code countryGiven} says whether the document named one at all.
	 */
	Optional<HolidayRule> read(Value value, Optional<String> country, boolean countryGiven) {
		return Fields.of(value, "an object like {calendar: DE, subdivision: BE}", this.problems).flatMap((rule) -> {
			Optional<String> calendar = rule.get("calendar")
				.flatMap(rule::text)
				.map((code) -> code.toUpperCase(Locale.ROOT))
				.or(() -> country);
			Optional<String> subdivision = rule.text("subdivision").map((code) -> code.toUpperCase(Locale.ROOT));
			boolean closed = rule.flag("closed", true);
			rule.reportUnknownFields();
			if (calendar.isEmpty()) {
				if (rule.get("calendar").isEmpty() && !countryGiven) {
					rule.problem(rule.path("calendar"), "required when there is no country");
				}
				return Optional.empty();
			}
			if (!this.holidays.knows(calendar.get())) {
				rule.problem(rule.path("calendar"), "holiday calendar not supported: '" + calendar.get() + "'");
				return Optional.empty();
			}
			if (subdivision.isPresent() && !knownSubdivision(rule, calendar.get(), subdivision.get())) {
				return Optional.empty();
			}
			return Optional.of(new HolidayRule(calendar.get(), subdivision, closed));
		});
	}

	private boolean knownSubdivision(Fields rule, String calendar, String subdivision) {
		Set<String> known = new TreeSet<>(this.holidays.subdivisions(calendar));
		if (known.contains(subdivision)) {
			return true;
		}
		rule.problem(rule.path("subdivision"),
				known.isEmpty() ? calendar + " has no subdivisions: '" + subdivision + "'" : "unknown subdivision of "
						+ calendar + ": '" + subdivision + "', expected one of " + String.join(", ", known));
		return false;
	}

}
