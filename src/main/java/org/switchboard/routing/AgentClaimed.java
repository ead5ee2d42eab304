package org.switchboard.routing;

import java.time.Instant;

/**
 * An agent was reserved for a call; the call is to reach them before {@code leaseUntil}.
 *
 * @param fromWaitingLine whether the call was waiting in the dialplan, so it must be
 * moved (AMI Redirect) rather than answered in its own AGI session
 */
public record AgentClaimed(String callId, String agentId, Instant leaseUntil, boolean fromWaitingLine, Instant at) {

}
