package org.switchboard.schedule;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.switchboard.common.Document.Words;
import org.switchboard.common.FieldProblem;
import org.switchboard.common.Fields;
import org.switchboard.common.Fields.Entry;

/** Reads which public holidays close the line, checked against the calendars we know. */
final class HolidayRuleReader {

	private final Holidays holidays;

	private final List<FieldProblem> problems;

	HolidayRuleReader(Holidays holidays, List<FieldProblem> problems) {
		this.holidays = holidays;
		this.problems = problems;
	}

	/**
	 * The rule; its calendar defaults to the schedule's {@code country}, and
	 * {@code countryGiven} says whether the document named one at all.
	 */
	Optional<HolidayRule> read(Entry value, Optional<String> country, boolean countryGiven) {
		return Fields.of(value, "an object like {calendar: DE, subdivision: BE}", Words.OBJECT, this.problems::add)
			.flatMap((rule) -> {
				Optional<String> calendar = rule.get("calendar")
					.flatMap(rule::text)
					.map((code) -> code.toUpperCase(Locale.ROOT))
					.or(() -> country);
				Optional<String> subdivision = rule.text("subdivision").map((code) -> code.toUpperCase(Locale.ROOT));
				boolean closed = rule.flag("closed", true);
				rule.reportUnknownFields();
				if (calendar.isEmpty()) {
					if (rule.get("calendar").isEmpty() && !countryGiven) {
						rule.problem("calendar", "required when there is no country");
					}
					return Optional.empty();
				}
				if (!this.holidays.knows(calendar.get())) {
					rule.problem("calendar", "holiday calendar not supported: '" + calendar.get() + "'");
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
		rule.problem("subdivision",
				known.isEmpty() ? calendar + " has no subdivisions: '" + subdivision + "'" : "unknown subdivision of "
						+ calendar + ": '" + subdivision + "', expected one of " + String.join(", ", known));
		return false;
	}

}
