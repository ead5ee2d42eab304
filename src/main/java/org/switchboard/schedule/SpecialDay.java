package org.switchboard.schedule;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A date whose hours replace both the holiday calendar and the weekly windows.
 *
 * @param date the local date
 * @param windows the opening windows that day; none means closed all day
 * @param reason why, for admins and traces, like {@code New Year's Eve}
 */
public record SpecialDay(LocalDate date, List<Window> windows, Optional<String> reason) {

	public SpecialDay {
		Objects.requireNonNull(date, "date");
		windows = List.copyOf(windows);
		Objects.requireNonNull(reason, "reason");
	}

	public boolean closed() {
		return this.windows.isEmpty();
	}

}
