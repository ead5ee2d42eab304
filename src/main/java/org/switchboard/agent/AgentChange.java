package org.switchboard.agent;

import java.util.List;

/**
 * One change of an agent's state as {@code change_agent} in {@code agent/lib.lua} answers
 * it.
 */
record AgentChange(String agentId, AgentState from, AgentState to, String reason, boolean indexed, String callId,
		Integer misses, String took) {

	static AgentChange of(List<?> fields) {
		String misses = blankToNull(fields.get(6));
		return new AgentChange((String) fields.get(0), AgentState.valueOf((String) fields.get(1)),
				AgentState.valueOf((String) fields.get(2)), blankToNull(fields.get(3)), "1".equals(fields.get(4)),
				blankToNull(fields.get(5)), (misses != null) ? Integer.valueOf(misses) : null,
				blankToNull(fields.get(7)));
	}

	static String blankToNull(Object field) {
		return (field == null || "".equals(field)) ? null : (String) field;
	}

}
