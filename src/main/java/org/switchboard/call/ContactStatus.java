package org.switchboard.call;

import java.util.Locale;

/** PJSIP contact states from ContactStatus events. */
public enum ContactStatus {

	CREATED, REACHABLE, UNREACHABLE, NON_QUALIFIED, REMOVED, UPDATED, UNKNOWN;

	public static ContactStatus parse(String text) {
		if (text == null) {
			return UNKNOWN;
		}
		return switch (text.strip().toLowerCase(Locale.ROOT)) {
			case "created" -> CREATED;
			case "reachable" -> REACHABLE;
			case "unreachable" -> UNREACHABLE;
			case "nonqualified" -> NON_QUALIFIED;
			case "removed" -> REMOVED;
			case "updated" -> UPDATED;
			default -> UNKNOWN;
		};
	}

}
