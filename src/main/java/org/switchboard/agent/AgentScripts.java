package org.switchboard.agent;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.switchboard.call.Next;
import org.switchboard.call.AgiCall;
import org.switchboard.call.AgiScript;
import org.switchboard.call.ChannelNames;

/**
 * The {@code agent} script behind the softphone feature codes: *53 log in, *50 ready, *51
 * pause, *52 log out. The phone's endpoint says which agent it is. On success it sets
 * {@code SB_NEXT} so the dialplan plays a confirmation; an unknown phone or action leaves
 * it empty and the agent hears an error tone.
 */
@Configuration(proxyBeanMethods = false)
class AgentScripts {

	private static final Logger log = LoggerFactory.getLogger(AgentScripts.class);

	@Bean
	AgiScript agentScript(Agents agents) {
		return AgiScript.of("agent", (call) -> act(agents, call));
	}

	private static void act(Agents agents, AgiCall call) {
		String endpoint = ChannelNames.device(call.request().channel());
		String action = call.request().argument(0, "");
		Optional<Agent> agent = agents.withEndpoint(endpoint);
		if (agent.isEmpty()) {
			log.warn("Feature code '{}' from {}, which is no agent's phone", action, endpoint);
			return;
		}
		String id = agent.get().id();
		boolean done = switch (action) {
			case "login" -> agents.login(id);
			case "ready" -> agents.ready(id);
			case "pause" -> agents.pause(id, "paused from phone");
			case "logout" -> agents.logout(id);
			default -> false;
		};
		call.set("SB_AGENT_RESULT", done ? action : "refused");
		if (done) {
			call.next(Next.HANGUP);
		}
		log.info("Agent {} {} from the phone: {}", id, action, done ? "done" : "refused");
	}

}
