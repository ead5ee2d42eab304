package org.switchboard.call;

import java.util.Locale;

/** Asterisk's device states as DeviceStateChange and list actions report them. */
public enum DeviceState {

	UNKNOWN, NOT_INUSE, INUSE, BUSY, INVALID, UNAVAILABLE, RINGING, RINGINUSE, ONHOLD;

	/** Parses {@code NOT_INUSE} as well as the list form {@code Not in use}. */
	public static DeviceState parse(String text) {
		if (text == null || text.isBlank()) {
			return UNKNOWN;
		}
		String normalized = text.strip().toUpperCase(Locale.ROOT).replace(' ', '_');
		return switch (normalized) {
			case "NOT_IN_USE", "NOT_INUSE" -> NOT_INUSE;
			case "IN_USE", "INUSE" -> INUSE;
			case "RING_IN_USE", "RINGINUSE" -> RINGINUSE;
			case "ON_HOLD", "ONHOLD" -> ONHOLD;
			default -> {
				try {
					yield valueOf(normalized);
				}
				catch (IllegalArgumentException ex) {
					yield UNKNOWN;
				}
			}
		};
	}

	/** Whether a phone in this state can be offered a call at all. */
	public boolean reachable() {
		return this != UNAVAILABLE && this != INVALID;
	}

}
