package org.switchboard.schedule;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The write side of the country schedules, for admins: whole validation, versioned
 * publishing that cannot lose a colleague's edit, every published version and reverts.
 */
public interface ScheduleVersions {

	/**
	 * Reads and validates a document as a write must be: every rule of
	 * {@link ScheduleReader}, skills included.
	 * @throws InvalidScheduleException naming every problem
	 */
	CountrySchedule validate(String document);

	/**
	 * Puts the schedule in force as version {@code expectedVersion + 1}, in one atomic
	 * step that checks the version in force is still {@code expectedVersion} (0: none
	 * yet); every instance hears of it at once. The document's own version is ignored.
	 * @throws StaleScheduleException when another edit came first; nothing changed
	 */
	ScheduleChange publish(CountrySchedule schedule, long expectedVersion, String by);

	/** Brings an older version back as a new one, under the same check as a publish. */
	ScheduleChange revert(String country, long version, long expectedVersion, String by);

	/** Every published version, newest first. */
	List<ScheduleChange> history(String country);

	/** The document of one published version. */
	Optional<CountrySchedule> version(String country, long version);

	/**
	 * The skills a schedule may require: {@code switchboard.schedule.skills} and every
	 * skill or language of a saved agent.
	 */
	Set<String> knownSkills();

	/** The document as JSON, the shape of the schedule files. */
	String toJson(CountrySchedule schedule);

}
