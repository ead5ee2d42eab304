package org.switchboard.ivr;

import java.util.List;
import java.util.Optional;

/**
 * Where emergency announcements are kept, shared by every Switchboard instance of a site.
 */
public interface EmergencyAnnouncements {

	/** The announcements a caller from this country hears now: the global one first. */
	List<Announcement> activeFor(Optional<String> country);

	List<Announcement> all();

	void put(Announcement announcement);

	/** Removes one; returns whether it existed. */
	boolean remove(String scope);

}
