package org.switchboard.schedule;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.switchboard.common.Document.Words;
import org.switchboard.common.FieldProblem;
import org.switchboard.common.Fields;
import org.switchboard.common.Fields.Entry;

/**
 * Reads special days, each closed or with its own windows, on dates no other special day
 * of the document has.
 */
final class SpecialDayReader {

	private final List<FieldProblem> problems;

	private final WindowReader windows;

	private final Map<LocalDate, String> seen = new HashMap<>();

	SpecialDayReader(List<FieldProblem> problems, WindowReader windows) {
		this.problems = problems;
		this.windows = windows;
	}

	/** The special days read without a problem, in the order written. */
	List<SpecialDay> read(List<Entry> items) {
		List<SpecialDay> days = new ArrayList<>();
		for (Entry item : items) {
			Fields.of(item, "an object like {date: 2026-12-31, closed: true}", Words.OBJECT, this.problems::add)
				.flatMap((day) -> day(item, day))
				.ifPresent(days::add);
		}
		return days;
	}

	/** The day, when its date could be read, even if other fields had problems. */
	private Optional<SpecialDay> day(Entry item, Fields day) {
		Optional<LocalDate> date = day.require("date").flatMap((value) -> date(day, value));
		date.ifPresent((found) -> {
			String first = this.seen.putIfAbsent(found, item.field());
			if (first != null) {
				day.problem("date", found + " is already " + first);
			}
		});
		boolean closedSet = day.has("closed");
		boolean closed = day.flag("closed", false);
		List<PlacedWindow> windows = new ArrayList<>();
		int count = 0;
		for (Entry window : day.items("windows")) {
			count++;
			this.windows.read(window, false)
				.ifPresent((read) -> windows.add(new PlacedWindow(window.field(), window.line(), read)));
		}
		WindowOverlaps.checkDay(windows, this.problems);
		Optional<String> reason = day.text("reason");
		day.reportUnknownFields();
		if (closed && count > 0) {
			day.problem("closed", "closed but has " + count + " windows: drop one or the other");
		}
		else if (!closed && count == 0) {
			if (closedSet) {
				day.problem("closed", "neither closed: true nor any windows");
			}
			else {
				day.problem(item, "neither closed: true nor any windows");
			}
		}
		return date.map((found) -> new SpecialDay(found, windows.stream().map(PlacedWindow::window).toList(), reason));
	}

	private static Optional<LocalDate> date(Fields day, Entry value) {
		return day.text(value).flatMap((text) -> {
			try {
				return Optional.of(LocalDate.parse(text));
			}
			catch (DateTimeException ex) {
				day.problem(value, "not a date like 2026-12-24: '" + text + "'");
				return Optional.empty();
			}
		});
	}

}
