package org.switchboard.callrecord;

import java.time.Instant;
import java.util.List;

/**
 * Where finished call records are kept. A call may be written more than once (a callback
 * completed later); readers see only its latest version.
 */
public interface CallRecords {

	/** Keeps a record; throws when the store cannot take it now, so it is retried. */
	void append(CallRecord record);

	/**
	 * The latest version of every call that arrived in {@code [from, to)}, oldest first.
	 */
	List<CallRecord> arrivedBetween(Instant from, Instant to);

	/** Keeps an agent's change of state, for occupancy. */
	void appendAgentState(Occupancy.Change change);

	/** The agents' changes of state from {@code since} until {@code to}, oldest first. */
	List<Occupancy.Change> agentStates(Instant since, Instant to);

}
