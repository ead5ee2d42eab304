package org.switchboard.routing;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Calls waiting for an agent, shared by every Switchboard instance of a site: higher
 * priority first, then earlier arrival. What a call needs is kept from its first
 * {@link #enqueue} (or {@link AgentClaims#claimOrWait}) until {@link #remove}, also while
 * an agent is reserved for it, so that a ring-no-answer can put it back.
 */
public interface WaitingLine {

	/**
	 * Puts a call in line, or moves it to its new place when it is there already (e.g.
	 * its needs widened).
	 */
	void enqueue(CallNeeds call);

	/** Forgets a call: it left, or an agent took it. Answers whether it was known. */
	boolean remove(String callId);

	/**
	 * The agent reserved for a known call never talked to it: it gives back its place in
	 * its country's quota without lining up again (a callback waiting to retry).
	 */
	void giveBack(String callId);

	/** A known call back in line ahead of every call of its priority in its queue. */
	boolean requeueAtHead(String callId);

	/** 1 for the first call of its queue; empty when the call is not waiting. */
	OptionalInt position(String callId);

	/** The first calls waiting of a country, in order. */
	List<String> firstOfCountry(String country, int most);

	/** The first calls waiting that a group of needs serves, in order. */
	List<String> firstOfGroup(String group, int most);

	/**
	 * The place a call with these needs would take in its queue now, 1 for the first: one
	 * after every call waiting there ahead of it.
	 */
	int placeFor(CallNeeds call);

	/** The calls waiting in one queue. */
	long size(String queue);

	/** What a known call needs, waiting or not. */
	Optional<CallNeeds> find(String callId);

	/** Every call waiting now, in no particular order: for the live view. */
	List<CallNeeds> waiting();

}
