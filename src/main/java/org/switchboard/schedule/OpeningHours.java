package org.switchboard.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * When a country's line is open between two instants, worked out by the rules every call
 * meets (zone, DST, holidays, special days), for the timelines a supervisor looks at.
 *
 * @param country the schedule's country
 * @param from the first instant asked for
 * @param to the instant after the last
 * @param openings every window open for part of the time, whole (not cut to it), by
 * opening time
 * @param days the holidays and special days of the country's local dates the time spans
 */
public record OpeningHours(String country, Instant from, Instant to, List<Opening> openings, List<MarkedDay> days) {

	public OpeningHours {
		Objects.requireNonNull(country, "country");
		openings = List.copyOf(openings);
		days = List.copyOf(days);
	}

	/**
	 * One window open on one date.
	 *
	 * @param day the local date it opens on, whose rules let it open
	 * @param opens when it opens, in the country's zone
	 * @param closes when it closes, in the country's zone
	 * @param specialDay the reason of the special day it belongs to, if it does
	 */
	public record Opening(Window window, LocalDate day, ZonedDateTime opens, ZonedDateTime closes,
			Optional<String> specialDay) {

		public Opening {
			Objects.requireNonNull(window, "window");
			Objects.requireNonNull(specialDay, "specialDay");
		}

	}

	/**
	 * A local date the schedule treats apart from the week.
	 *
	 * @param name the holiday's name or the special day's reason ({@code special day} if
	 * it gives none)
	 * @param closed whether the line stays closed all that day because of it
	 */
	public record MarkedDay(LocalDate date, Kind kind, String name, boolean closed) {

	}

	/** Why a day is marked. */
	public enum Kind {

		/** An official holiday of the schedule's calendar. */
		HOLIDAY,

		/** One of the schedule's special days. */
		SPECIAL_DAY

	}

}
