package org.switchboard.agent;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.springframework.context.ApplicationEventPublisher;

/**
 * Whether an agent's phone is reachable, in Redis: only a reachable READY agent is in the
 * ready indexes, so a change of it may make the agent ready for calls.
 */
class RedisAgentPresence {

	private final ApplicationEventPublisher events;

	private final RedisAgentScript script;

	RedisAgentPresence(ApplicationEventPublisher events, RedisAgentScript script) {
		this.events = events;
		this.script = script;
	}

	boolean reachable(String agentId, boolean reachable, Instant now) {
		Object result = this.script.run(now, "reachable", agentId, Map.of("reachable", reachable ? "1" : "0"));
		if ("missing".equals(result)) {
			throw new NoSuchElementException("no agent: " + agentId);
		}
		List<?> changed = (List<?>) result;
		if ("0".equals(changed.get(0))) {
			return false;
		}
		if ("1".equals(changed.get(1))) {
			this.events.publishEvent(this.script.becameReady(agentId, now, changed.get(2)));
		}
		return true;
	}

}
