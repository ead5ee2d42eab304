package org.switchboard.callrecord;

import java.time.Instant;
import java.util.List;

/**
 * The facts of live calls shared between Switchboard instances, so that whichever
 * instance writes a call's record knows what the others saw, and only one writes it.
 * Failures are the caller's to absorb: a call is then recorded from one instance's facts.
 */
interface SharedFacts {

	/** Shares a fact of a call. */
	void add(String callId, Fact fact);

	/** Every fact shared about a call. */
	List<Fact> of(String callId);

	/** Shares the end of an agent's wrap-up. */
	void wrapUpEnded(String agentId, Instant at);

	/** The ends of an agent's wrap-up from {@code since} on. */
	List<Instant> wrapUpEnds(String agentId, Instant since);

	/**
	 * Whether this instance is the one to write the record of this call (version
	 * {@code version}); answers true once per call and version.
	 */
	boolean claimWrite(String callId, String version);

}
