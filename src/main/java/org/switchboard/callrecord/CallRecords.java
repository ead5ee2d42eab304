package org.switchboard.callrecord;

import java.time.Instant;
import java.util.List;

/**
 * Where finished call records are kept. A call may be written more than once (a callback
 * completed later); readers see only its latest version.
 */
public interface CallRecords {

	/**
	 * Keeps records, oldest first; throws when the store cannot take them now, so they
	 * are retried (a record may then be kept twice, and is read once).
	 */
	void append(List<CallRecord> records);

	/** Keeps one record, as {@link #append(List)}. */
	default void append(CallRecord record) {
		append(List.of(record));
	}

	/**
	 * The latest version of every call that arrived in {@code [from, to)}, oldest first.
	 */
	List<CallRecord> arrivedBetween(Instant from, Instant to);

	/** Keeps agents' changes of state, for occupancy; throws when it cannot now. */
	void appendAgentStates(List<Occupancy.Change> changes);

	/** The agents' changes of state from {@code since} until {@code to}, oldest first. */
	List<Occupancy.Change> agentStates(Instant since, Instant to);

}
