package org.switchboard.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The country schedules in force, shared by every Switchboard instance of a site. */
public interface Schedules {

	Optional<CountrySchedule> find(String country);

	List<CountrySchedule> all();

	/**
	 * Whether the country is open at this instant, with the reasons; empty without a
	 * schedule.
	 */
	Optional<ScheduleDecision> decide(String country, Instant at);

	/** The same for a schedule already at hand, with no further read. */
	ScheduleDecision decide(CountrySchedule schedule, Instant at);

	/**
	 * When the schedule's line is open from {@code from} to {@code to}, with the holidays
	 * and special days in between.
	 */
	OpeningHours openingHours(CountrySchedule schedule, Instant from, Instant to);

}
