package org.switchboard.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One published version of a country's schedule, as the history shows it.
 *
 * @param version the version it became
 * @param at when it was published
 * @param by who published it: a user name, or {@code seed} for a seed file
 * @param changed the fields that differ from the version before, as JSON paths like
 * {@code windows[0].to}
 * @param revertedTo the older version it brought back, if it was a revert
 */
public record ScheduleChange(String country, long version, Instant at, String by, List<String> changed,
		Optional<Long> revertedTo) {

	public ScheduleChange {
		changed = List.copyOf(changed);
	}

}
