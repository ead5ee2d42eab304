package org.switchboard.admin;

/** What a user of the API and the UI may do. */
enum Role {

	/** Everything. */
	ADMIN,

	/** Reads everything and changes agents' states. */
	SUPERVISOR,

	/** Reads and changes their own agent's state. */
	AGENT

}
