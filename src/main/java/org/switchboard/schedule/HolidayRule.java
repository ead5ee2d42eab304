package org.switchboard.schedule;

import java.util.Objects;
import java.util.Optional;

/**
 * Which official holidays a schedule keeps.
 *
 * @param calendar the holiday calendar, upper case like {@code DE}
 * @param subdivision the region within it, upper case like {@code BE} for Berlin; its
 * holidays come on top of the national ones
 * @param closed whether the line is closed on those holidays; when not, they only show in
 * the trace
 */
public record HolidayRule(String calendar, Optional<String> subdivision, boolean closed) {

	public HolidayRule {
		Objects.requireNonNull(calendar, "calendar");
		Objects.requireNonNull(subdivision, "subdivision");
	}

	/** Reads like {@code DE-BE}. */
	public String label() {
		return this.subdivision.map((region) -> this.calendar + "-" + region).orElse(this.calendar);
	}

}
