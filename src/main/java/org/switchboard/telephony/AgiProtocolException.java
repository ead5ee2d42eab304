package org.switchboard.telephony;

/**
 * Asterisk answered an AGI command with an error or a reply that cannot be read (510,
 * 520, junk). The session cannot go on; the dialplan's fallback takes the call.
 */
final class AgiProtocolException extends RuntimeException {

	AgiProtocolException(String message) {
		super(message, null, false, false);
	}

}
