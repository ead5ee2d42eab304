package org.switchboard.fakeasterisk;

/**
 * Device states as DeviceStateChange names them, with the text PJSIP endpoint lists show.
 */
public enum DeviceState {

	UNKNOWN("Unknown"), NOT_INUSE("Not in use"), INUSE("In use"), BUSY("Busy"), INVALID("Invalid"),
	UNAVAILABLE("Unavailable"), RINGING("Ringing"), RINGINUSE("Ring+Inuse"), ONHOLD("On Hold");

	private final String text;

	DeviceState(String text) {
		this.text = text;
	}

	/** The text of EndpointList's DeviceState field, e.g. "Not in use". */
	public String text() {
		return this.text;
	}

}
