package org.switchboard.agent;

import java.time.Instant;

/**
 * Where an agent stands now. Fields that do not apply to the state are null.
 *
 * @param reason why a NOT_READY agent is not ready
 * @param reachable whether their phone can be offered a call, as AMI last reported it
 * @param readySince when a READY agent became ready; the longest idle is offered first
 * @param leaseUntil when a RESERVED agent's reservation lapses
 * @param callId the call a RESERVED, ON_CALL or WRAP_UP agent is or was reserved for
 * @param wrapUpUntil when WRAP_UP ends by itself
 * @param misses calls rung in a row and not answered
 * @param pausePending the reason of a pause asked for while RESERVED or ON_CALL, taken
 * once that call and its wrap-up are over
 */
public record AgentStatus(String agentId, AgentState state, String reason, boolean reachable, Instant readySince,
		Instant leaseUntil, String callId, Instant wrapUpUntil, int misses, String pausePending) {

}
