package org.switchboard.agent;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agents of a site and where each stands, shared by every Switchboard instance. State
 * changes answer whether they happened: a change the current state does not allow is
 * refused, and an unknown agent id throws {@link java.util.NoSuchElementException}.
 */
public interface Agents {

	/** Adds an agent, logged out, or replaces their profile and keeps their state. */
	void save(Agent agent);

	Optional<Agent> find(String agentId);

	List<Agent> all();

	/** Removes an agent and every trace of them; answers whether they existed. */
	boolean delete(String agentId);

	/**
	 * How many agents are in each state, read in one round trip however many there are.
	 */
	Map<AgentState, Integer> countByState();

	/**
	 * Saves the agent only if their stored profile is still at {@code expectedVersion}
	 * (0: there is no such agent yet), in one atomic step; answers the new version.
	 * @throws StaleAgentException when another edit came first; nothing changed
	 */
	long save(Agent agent, long expectedVersion);

	/**
	 * Removes the agent only if their profile is still at {@code expectedVersion};
	 * answers whether they existed.
	 * @throws StaleAgentException when another edit came first; nothing changed
	 */
	boolean delete(String agentId, long expectedVersion);

	/** The version of the agent's profile, counted up by every save; 0 when unknown. */
	long version(String agentId);

	/** The agent whose phone this is, e.g. {@code PJSIP/1001}. */
	Optional<Agent> withEndpoint(String endpoint);

	/**
	 * The id of the agent whose phone this is, without reading their profile; an endpoint
	 * changed on another instance may be known here only a second later.
	 */
	Optional<String> idWithEndpoint(String endpoint);

	Optional<AgentStatus> status(String agentId);

	/** Logged out → NOT_READY, reason {@code login}. */
	boolean login(String agentId);

	/**
	 * READY, NOT_READY or WRAP_UP → READY; they wait from now on. Reserved or on a call:
	 * ready once that call is over, a pause asked for meanwhile dropped.
	 */
	boolean ready(String agentId);

	/**
	 * READY, WRAP_UP or NOT_READY → NOT_READY with this reason. Reserved or on a call:
	 * NOT_READY once that call and its wrap-up are over, never sooner.
	 */
	boolean pause(String agentId, String reason);

	/** Any state → LOGGED_OUT; a reservation they held is dropped. */
	boolean logout(String agentId);

	/**
	 * RESERVED for this call → ON_CALL: the agent answered it on {@code channel} of their
	 * phone, e.g. {@code PJSIP/1001-0000001e}; their missed calls in a row start again
	 * from zero. Refused for any other call.
	 */
	boolean onCall(String agentId, String callId, String channel);

	/**
	 * ON_CALL → WRAP_UP until this instant, when {@code channel} is the one that carries
	 * their call: the hang-up of another channel of their phone (a feature code, an
	 * internal call) is refused.
	 */
	boolean hungUp(String agentId, String channel, Instant wrapUpUntil);

	/** ON_CALL → WRAP_UP until this instant, then READY by itself. */
	boolean wrapUp(String agentId, Instant until);

	/**
	 * RESERVED → READY: the call went away before it reached them. No miss is counted.
	 */
	boolean release(String agentId);

	/**
	 * A reserved agent did not answer: at their team's limit of misses in a row they go
	 * NOT_READY with reason {@code ring-no-answer}, else READY again.
	 */
	boolean missed(String agentId);

	/** Presence from Asterisk: an unreachable phone is never offered a call. */
	boolean reachable(String agentId, boolean reachable);

	/**
	 * The reserved agent's phone is ringing: if the reservation now runs out unanswered,
	 * it counts as a miss.
	 */
	boolean ringing(String agentId);

	/**
	 * Ends every reservation and wrap-up whose time has passed: READY again, or NOT_READY
	 * when a rung reservation was the miss too many. Answers the agents it changed and
	 * when the first reservation or wrap-up still running ends, in the same round trip.
	 */
	Expired releaseExpired();

	/**
	 * What one run of {@link #releaseExpired()} did.
	 *
	 * @param released the agents whose reservation or wrap-up it ended
	 * @param next when the first reservation or wrap-up still running ends; empty when
	 * none runs
	 */
	record Expired(List<String> released, Optional<Instant> next) {
	}

	/** Every agent on a call, with their phone, in one read however many agents. */
	Map<String, String> onCallEndpoints();

	/**
	 * Every agent a claim may take now (ready and reachable), longest ready first, in one
	 * read.
	 */
	List<String> claimable();

}
