package org.switchboard.agent;

import java.util.EnumSet;
import java.util.Set;

import static org.switchboard.agent.AgentState.LOGGED_OUT;
import static org.switchboard.agent.AgentState.NOT_READY;
import static org.switchboard.agent.AgentState.ON_CALL;
import static org.switchboard.agent.AgentState.READY;
import static org.switchboard.agent.AgentState.RESERVED;
import static org.switchboard.agent.AgentState.WRAP_UP;

/**
 * The changes of state an agent or Asterisk can ask for, each allowed only from the
 * states listed (ready, pause, answer and hang-up have rules of their own in
 * {@code change_agent} of {@code agent/lib.lua}). A reserved agent leaves RESERVED only
 * by answering, missing, being released, logging out or by its lease running out, so that
 * one phone never rings for two calls.
 */
enum StateChange {

	LOG_IN(NOT_READY, LOGGED_OUT),

	LOG_OUT(LOGGED_OUT, READY, RESERVED, ON_CALL, WRAP_UP, NOT_READY),

	START_WRAP_UP(WRAP_UP, ON_CALL),

	RELEASE(READY, RESERVED);

	final AgentState target;

	final Set<AgentState> from;

	StateChange(AgentState target, AgentState first, AgentState... others) {
		this.target = target;
		this.from = EnumSet.of(first, others);
	}

}
