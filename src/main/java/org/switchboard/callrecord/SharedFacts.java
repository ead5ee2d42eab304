package org.switchboard.callrecord;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The facts of live calls shared between Switchboard instances, so that whichever
 * instance writes a call's record knows what the others saw, and only one writes it.
 * Failures are the caller's to absorb: a call is then recorded from one instance's facts.
 */
interface SharedFacts {

	/** Shares facts of calls, oldest first. */
	void add(List<Noted> facts);

	/** Shares a fact of a call. */
	default void add(String callId, Fact fact) {
		add(List.of(new Noted(callId, fact)));
	}

	/**
	 * Every fact shared about each of these calls (none for a call nothing was shared
	 * of).
	 */
	Map<String, List<Fact>> of(Collection<String> callIds);

	/** Every fact shared about a call. */
	default List<Fact> of(String callId) {
		return of(List.of(callId)).getOrDefault(callId, List.of());
	}

	/** Shares the end of an agent's wrap-up. */
	void wrapUpEnded(String agentId, Instant at);

	/** The ends of each of these agents' wrap-ups from {@code since} on. */
	Map<String, List<Instant>> wrapUpEnds(Collection<String> agentIds, Instant since);

	/** The ends of an agent's wrap-up from {@code since} on. */
	default List<Instant> wrapUpEnds(String agentId, Instant since) {
		return wrapUpEnds(List.of(agentId), since).getOrDefault(agentId, List.of());
	}

	/**
	 * The calls of these whose record (version {@code version}) this instance is the one
	 * to write: each call and version is answered once, to one instance.
	 */
	Set<String> claimWrites(Collection<String> callIds, String version);

	/**
	 * Whether this instance is the one to write the record of this call (version
	 * {@code version}); answers true once per call and version.
	 */
	default boolean claimWrite(String callId, String version) {
		return claimWrites(List.of(callId), version).contains(callId);
	}

	/** A fact of a call. */
	record Noted(String callId, Fact fact) {

	}

}
