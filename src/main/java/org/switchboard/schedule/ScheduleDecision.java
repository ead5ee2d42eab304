package org.switchboard.schedule;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a country's line is open at an instant, and why: every decision carries a trace
 * of which rule matched and why the others did not, for the call's log and the what-if
 * endpoint.
 */
public sealed interface ScheduleDecision {

	String country();

	Instant at();

	/** The rule that decided, in one line. */
	String reason();

	/**
	 * When the line closes if open (the end of this window, or of the windows that follow
	 * it without a gap), or opens next if closed; in the country's zone, empty when that
	 * is beyond {@link ScheduleEvaluator#HORIZON}.
	 */
	Optional<ZonedDateTime> nextChange();

	/** Human lines, in the order the rules were tried. */
	List<String> trace();

	default boolean isOpen() {
		return this instanceof Open;
	}

	/**
	 * Open: {@code window} answers.
	 *
	 * @param windowOpens when this occurrence of the window opened; with the window it
	 * names the occurrence a per-window quota counts in
	 * @param windowCloses when this occurrence closes
	 */
	record Open(String country, Instant at, Window window, ZonedDateTime windowOpens, ZonedDateTime windowCloses,
			String reason, Optional<ZonedDateTime> nextChange, List<String> trace) implements ScheduleDecision {

		public Open {
			Objects.requireNonNull(window, "window");
			trace = List.copyOf(trace);
		}

	}

	/** Closed: the schedule's closed action applies. */
	record Closed(String country, Instant at, String reason, Optional<ZonedDateTime> nextChange,
			List<String> trace) implements ScheduleDecision {

		public Closed {
			trace = List.copyOf(trace);
		}

	}

}
