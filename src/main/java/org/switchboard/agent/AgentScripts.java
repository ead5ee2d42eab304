package org.switchboard.agent;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.switchboard.telephony.AgiScript;

/**
 * The {@code agent} script behind the softphone feature codes (*50 ready, *51 pause, *52
 * log out, *53 log in). Until agents are kept, it confirms nothing: leaving
 * {@code SB_NEXT} empty makes the dialplan play an error tone instead of a false
 * confirmation.
 */
@Configuration(proxyBeanMethods = false)
class AgentScripts {

	@Bean
	AgiScript agentScript() {
		return AgiScript.of("agent", (call) -> call.set("SB_AGENT_RESULT", "agents-not-configured"));
	}

}
