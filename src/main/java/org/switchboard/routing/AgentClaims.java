package org.switchboard.routing;

import java.time.Instant;
import java.util.Optional;

/**
 * Reserving agents for calls, atomically across every Switchboard instance of a site: an
 * agent is never reserved for two calls at once. A reservation lasts until the agent
 * answers, misses or is released, or its lease runs out.
 */
public interface AgentClaims {

	/**
	 * Reserves the best ready agent with a reachable phone for this call: every required
	 * skill at its level, then the highest proficiency (sum of those levels), then the
	 * longest idle. Answers the agent id.
	 */
	Optional<String> claim(CallNeeds call);

	/**
	 * As {@link #claim}, but a call no agent can take now joins the waiting line in the
	 * same step, so no agent can become ready unseen in between.
	 */
	Optional<String> claimOrWait(CallNeeds call);

	/**
	 * As {@link #claimOrWait}, for a call that waits in the dialplan already (its needs
	 * widened, or its country's quota freed up): a claimed agent is announced with
	 * {@link AgentReserved#fromWaitingLine()}, so the caller is moved to them.
	 */
	Optional<String> claimForWaitingCall(CallNeeds call);

	/**
	 * Who {@link #claim} would reserve for this call now, changing nothing: the what-if
	 * answer.
	 */
	Candidate best(CallNeeds call);

	/**
	 * The agent a claim would choose.
	 *
	 * @param agentId empty when nobody fits
	 * @param group the set of skills the agent was found for ({@code billing=2,de=3})
	 * @param quotaFull whether the country's quota holds the call whoever is ready
	 */
	record Candidate(Optional<String> agentId, String group, boolean quotaFull) {

	}

	/**
	 * Reserves this ready agent for the waiting call that comes first (priority, then
	 * arrival) among those they can serve, and takes that call out of the line. Answers
	 * the call id.
	 */
	Optional<String> claimWaitingCall(String agentId);

	/**
	 * Announces the waiting call an agent took in the very step that made them ready
	 * ({@link WaitingCallOffer}), as {@link #claimWaitingCall} announces the call it
	 * reserves.
	 */
	void tookWaitingCall(String agentId, String callId, Instant at);

}
