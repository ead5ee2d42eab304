package org.switchboard.schedule;

import org.switchboard.common.StaleVersionException;

/** An edit made on a version that is no longer the current one; nothing was changed. */
public class StaleScheduleException extends StaleVersionException {

	public StaleScheduleException(String country, long expected, long current) {
		super("schedule of " + country + " is at version " + current + ", not " + expected, current);
	}

}
