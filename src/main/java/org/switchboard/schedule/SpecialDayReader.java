package org.switchboard.schedule;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.switchboard.schedule.Fields.Value;

/**
 * Reads special days, each closed or with its own windows, on dates no other special day
 * of the document has.
 */
final class SpecialDayReader {

	private final List<ScheduleProblem> problems;

	private final WindowReader windows;

	private final Map<LocalDate, String> seen = new HashMap<>();

	SpecialDayReader(List<ScheduleProblem> problems, WindowReader windows) {
		this.problems = problems;
		this.windows = windows;
	}

	/** The special days read without a problem, in the order written. */
	List<SpecialDay> read(List<Value> items) {
		List<SpecialDay> days = new ArrayList<>();
		for (Value item : items) {
			Fields.of(item, "an object like {date: 2026-12-31, closed: true}", this.problems)
				.flatMap((day) -> day(item, day))
				.ifPresent(days::add);
		}
		return days;
	}

	/** The day, when its date could be read, even if other fields had problems. */
	private Optional<SpecialDay> day(Value item, Fields day) {
		Optional<LocalDate> date = day.require("date").flatMap((value) -> date(day, value));
		date.ifPresent((found) -> {
			String first = this.seen.putIfAbsent(found, item.path());
			if (first != null) {
				day.problem(day.path("date"), found + " is already " + first);
			}
		});
		boolean closedSet = day.has("closed");
		boolean closed = day.flag("closed", false);
		List<PlacedWindow> windows = new ArrayList<>();
		int count = 0;
		for (Value window : day.items("windows")) {
			count++;
			this.windows.read(window, false).ifPresent((read) -> windows.add(new PlacedWindow(window.path(), read)));
		}
		WindowOverlaps.checkDay(windows, this.problems);
		Optional<String> reason = day.text("reason");
		day.reportUnknownFields();
		if (closed && count > 0) {
			day.problem(day.path("closed"), "closed but has " + count + " windows: drop one or the other");
		}
		else if (!closed && count == 0) {
			day.problem(closedSet ? day.path("closed") : item.path(), "neither closed: true nor any windows");
		}
		return date.map((found) -> new SpecialDay(found, windows.stream().map(PlacedWindow::window).toList(), reason));
	}

	private static Optional<LocalDate> date(Fields day, Value value) {
		return day.text(value).flatMap((text) -> {
			try {
				return Optional.of(LocalDate.parse(text));
			}
			catch (DateTimeException ex) {
				day.problem(value.path(), "not a date like 2026-12-24: '" + text + "'");
				return Optional.empty();
			}
		});
	}

}
