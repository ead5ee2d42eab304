package org.switchboard.routing;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.switchboard.call.AgiScript;

/** Serves the routing scripts under their dialplan names. */
@Configuration(proxyBeanMethods = false)
class RoutingScriptBeans {

	@Bean
	AgiScript connectScript(RoutingScripts scripts) {
		return scripts.connect();
	}

	@Bean
	AgiScript dialResultScript(RoutingScripts scripts) {
		return scripts.dialResult();
	}

	@Bean
	AgiScript tickScript(RoutingScripts scripts) {
		return scripts.tick();
	}

}
