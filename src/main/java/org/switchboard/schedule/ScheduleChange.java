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
 * @param changes what differs from the version before, in words, like
 * {@code Saturday 09:00–13:00 added (de-weekend)}; see {@link ScheduleChanges}
 * @param changed the same as the JSON paths of the fields, like {@code windows[0].to}
 * @param revertedTo the older version it brought back, if it was a revert
 */
public record ScheduleChange(String country, long version, Instant at, String by, List<String> changes,
		List<String> changed, Optional<Long> revertedTo) {

	/** What {@link #changes()} says of a country's first version. */
	public static final String FIRST = "First version";

	public ScheduleChange {
		changes = List.copyOf(changes);
		changed = List.copyOf(changed);
	}

}
