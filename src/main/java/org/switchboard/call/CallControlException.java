package org.switchboard.call;

/** Asterisk refused an action, or could not be asked. */
public class CallControlException extends RuntimeException {

	public CallControlException(String message) {
		super(message);
	}

	public CallControlException(String message, Throwable cause) {
		super(message, cause);
	}

}
