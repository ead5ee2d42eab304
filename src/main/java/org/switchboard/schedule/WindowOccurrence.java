package org.switchboard.schedule;

import java.time.Instant;
import java.time.ZonedDateTime;

/** One window on one date, as instants. */
record WindowOccurrence(Window window, DayPlan plan, ZonedDateTime opens, ZonedDateTime closes) {

	boolean covers(Instant at) {
		return !this.opens.toInstant().isAfter(at) && this.closes.toInstant().isAfter(at);
	}

}
