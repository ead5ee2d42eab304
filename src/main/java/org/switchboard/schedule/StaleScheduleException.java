package org.switchboard.schedule;

/** An edit made on a version that is no longer the current one; nothing was changed. */
public class StaleScheduleException extends RuntimeException {

	private final long current;

	public StaleScheduleException(String country, long expected, long current) {
		super("schedule of " + country + " is at version " + current + ", not " + expected);
		this.current = current;
	}

	/** The version in force, 0 when the country has no schedule. */
	public long current() {
		return this.current;
	}

}
