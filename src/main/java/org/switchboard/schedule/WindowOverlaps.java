package org.switchboard.schedule;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import org.switchboard.common.FieldProblem;

/**
 * Finds windows that overlap, weekly ones or one special day's, and reports each later
 * window against the first earlier one it overlaps, so no instant has two teams.
 */
final class WindowOverlaps {

	private static final int MINUTES_A_DAY = 24 * 60;

	private static final int MINUTES_A_WEEK = 7 * MINUTES_A_DAY;

	private WindowOverlaps() {
	}

	/**
	 * Weekly windows on a circle of a week's minutes: an overnight window runs into the
	 * next day, Sunday's into Monday.
	 */
	static void checkWeekly(List<PlacedWindow> windows, List<FieldProblem> problems) {
		List<List<int[]>> spans = new ArrayList<>();
		for (PlacedWindow placed : windows) {
			List<int[]> own = new ArrayList<>();
			for (DayOfWeek day : placed.window().days()) {
				int start = (day.getValue() - 1) * MINUTES_A_DAY + minutes(placed.window().from());
				int end = start - minutes(placed.window().from()) + minutes(placed.window().to())
						+ (placed.window().overnight() ? MINUTES_A_DAY : 0);
				if (end > MINUTES_A_WEEK) {
					own.add(new int[] { start, MINUTES_A_WEEK });
					own.add(new int[] { 0, end - MINUTES_A_WEEK });
				}
				else {
					own.add(new int[] { start, end });
				}
			}
			spans.add(own);
		}
		report(windows, spans, true, problems);
	}

	/** A special day's windows, on that day and, overnight, into the next. */
	static void checkDay(List<PlacedWindow> windows, List<FieldProblem> problems) {
		List<List<int[]>> spans = new ArrayList<>();
		for (PlacedWindow placed : windows) {
			int start = minutes(placed.window().from());
			int end = minutes(placed.window().to()) + (placed.window().overnight() ? MINUTES_A_DAY : 0);
			spans.add(List.of(new int[] { start, end }));
		}
		report(windows, spans, false, problems);
	}

	private static void report(List<PlacedWindow> windows, List<List<int[]>> spans, boolean weekly,
			List<FieldProblem> problems) {
		for (int later = 1; later < windows.size(); later++) {
			for (int earlier = 0; earlier < later; earlier++) {
				int start = firstShared(spans.get(earlier), spans.get(later));
				if (start >= 0) {
					PlacedWindow first = windows.get(earlier);
					String day = weekly ? " on " + Window.name(DayOfWeek.of(start / MINUTES_A_DAY % 7 + 1)) : "";
					LocalTime at = LocalTime.ofSecondOfDay((start % MINUTES_A_DAY) * 60L);
					problems.add(new FieldProblem(windows.get(later).field(), windows.get(later).line(),
							"overlaps " + first.field() + " (" + first.window().label() + ")" + day + " at " + at));
					break;
				}
			}
		}
	}

	/** The start of the first overlap found between two windows' spans, or -1. */
	private static int firstShared(List<int[]> earlier, List<int[]> later) {
		for (int[] a : earlier) {
			for (int[] b : later) {
				int start = Math.max(a[0], b[0]);
				if (start < Math.min(a[1], b[1])) {
					return start;
				}
			}
		}
		return -1;
	}

	private static int minutes(LocalTime time) {
		return time.getHour() * 60 + time.getMinute();
	}

}
