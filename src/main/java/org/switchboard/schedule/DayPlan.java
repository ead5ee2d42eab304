package org.switchboard.schedule;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The windows that run on one date and why.
 *
 * @param special the special day, when it decides
 * @param closedReason the decision's reason when the date itself is closed
 */
record DayPlan(LocalDate date, List<Window> windows, Source source, Optional<SpecialDay> special, String note,
		Optional<String> closedReason) {

	/** What decides the windows of the date. */
	enum Source {

		SPECIAL_DAY, HOLIDAY, WEEK

	}

}
