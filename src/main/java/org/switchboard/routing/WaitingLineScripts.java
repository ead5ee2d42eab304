package org.switchboard.routing;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.switchboard.telephony.AgiScript;

/**
 * The scripts of the waiting line and the agent connection. Until agents can be claimed,
 * a waiting caller keeps waiting, and a connect without a claimed agent goes back to the
 * line.
 */
@Configuration(proxyBeanMethods = false)
class WaitingLineScripts {

	@Bean
	AgiScript tickScript() {
		return AgiScript.of("tick", (call) -> call.set("SB_NEXT", "wait"));
	}

	@Bean
	AgiScript connectScript() {
		return AgiScript.of("connect", (call) -> {
			String target = call.get("SB_TARGET").orElse("");
			if (target.isEmpty()) {
				call.set("SB_NEXT", "wait");
				return;
			}
			call.set("SB_RING_TIMEOUT", "20");
			call.set("SB_NEXT", "hangup");
		});
	}

	@Bean
	AgiScript dialResultScript() {
		return AgiScript.of("dial-result", (call) -> {
			String status = call.get("DIALSTATUS").orElse("");
			call.set("SB_NEXT", "ANSWER".equals(status) ? "hangup" : "wait");
		});
	}

}
