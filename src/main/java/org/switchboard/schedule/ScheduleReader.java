package org.switchboard.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.switchboard.common.Document;
import org.switchboard.common.Document.Words;
import org.switchboard.common.FieldProblem;
import org.switchboard.common.Fields;
import org.switchboard.common.Fields.Entry;

/**
 * Reads a schedule document, YAML or JSON, into a validated {@link CountrySchedule}, or
 * reports every problem in it at once, each named by its JSON path and line so the admin
 * API can answer 400 field by field. A document looks like this:
 *
 * <pre>{@code
 * country: DE                      # ISO 3166 alpha-2, upper case
 * timeZone: Europe/Berlin          # a region zone; every time below is local to it
 * version: 1                       # optional, 1 or more: the version an edit was made on
 * holidays: {calendar: DE, subdivision: BE, closed: true}   # optional; calendar defaults to the country, closed to true
 * specialDays:                     # optional; replace holidays and the week on their date
 *   - {date: 2026-12-24, windows: [{from: "08:00", to: "12:00", team: de-support, skills: {german: 2}}], reason: Christmas Eve}
 *   - {date: 2026-12-31, closed: true, reason: "New Year's Eve"}
 * windows:                         # weekly; several a day, never overlapping
 *   - {days: [MON, TUE, WED, THU, FRI], from: "08:00", to: "18:00", team: de-support, skills: {german: 2, support: 1}, quota: {maxConcurrent: 20, maxAnswered: 400}}
 *   - {days: [FRI], from: "22:00", to: "06:00", overnight: true, team: de-night, skills: {german: 1}}
 * quota: {maxConcurrent: 40}       # optional; country-wide calls at once
 * overflow:                        # optional; strictly ascending after, each step one action
 *   - {after: 60s, addSkills: {english: 2}}
 *   - {after: 120s, lowerLevelsBy: 1}
 *   - {after: 180s, country: FR}
 * closedAction: {type: announce-next-opening, then: voicemail, mailbox: "1000@switchboard"}
 *   # type: announce-next-opening | voicemail | callback; then (after an announcement): voicemail | callback | hangup
 *   # optional; defaults to announce-next-opening, then hangup
 * }</pre>
 *
 * Skill levels are 1..5; quotas 1..{@value Quota#MAX}; {@code after} is a duration like
 * {@code 90s} or {@code 2m}, at most a day. A window closes after it opens unless it is
 * {@code overnight}, and then it closes at or before its opening time on the next day; an
 * overnight window also counts on the next morning when overlaps are checked. A reader
 * made with known skills refuses any other skill name, so a typo cannot leave a window
 * that no agent can ever answer.
 */
public final class ScheduleReader {

	private final Holidays holidays;

	private final Supplier<Set<String>> knownSkills;

	/**
	 * A reader that checks holiday calendars and subdivisions against {@code holidays}.
	 */
	public ScheduleReader(Holidays holidays) {
		this(holidays, null);
	}

	/**
	 * A reader that also refuses skills outside {@code knownSkills}, asked once per
	 * document; {@code null} accepts any skill.
	 */
	public ScheduleReader(Holidays holidays, Supplier<Set<String>> knownSkills) {
		this.holidays = holidays;
		this.knownSkills = knownSkills;
	}

	/**
	 * Reads a document; JSON when it starts with <code>{</code>, YAML otherwise.
	 * @throws InvalidScheduleException with every problem found, if there is any
	 */
	public CountrySchedule read(String text) {
		List<FieldProblem> problems = new ArrayList<>();
		Document document = parse(text);
		CountrySchedule schedule = Fields
			.of(Entry.root(document), "an object of schedule fields", Words.OBJECT, problems::add)
			.map((fields) -> new ScheduleDocument(fields, problems, this.holidays, this.knownSkills).schedule())
			.orElse(null);
		if (!problems.isEmpty()) {
			throw new InvalidScheduleException(problems);
		}
		return schedule;
	}

	private static Document parse(String text) {
		boolean isJson = text.strip().startsWith("{");
		Document document;
		try {
			document = isJson ? Document.json(text, true) : Document.yaml(text, true);
		}
		catch (Document.Unreadable ex) {
			String where = (ex.line() > 0) ? " at line " + ex.line() : "";
			throw new InvalidScheduleException(List.of(new FieldProblem("", ex.line(),
					"not valid " + (isJson ? "JSON" : "YAML") + where + ": " + ex.getMessage())));
		}
		if (document == null || (document instanceof Document.Scalar scalar && scalar.isNull())) {
			throw new InvalidScheduleException(List.of(new FieldProblem("", "empty document")));
		}
		return document;
	}

}
