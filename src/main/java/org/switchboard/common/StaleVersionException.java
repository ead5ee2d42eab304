package org.switchboard.common;

/**
 * An edit made on a version of something that is no longer the current one; nothing was
 * changed. The API answers it with 412 and the version in force.
 */
public class StaleVersionException extends RuntimeException {

	private final long current;

	protected StaleVersionException(String message, long current) {
		super(message);
		this.current = current;
	}

	/** The version in force, 0 when there is none. */
	public long current() {
		return this.current;
	}

}
