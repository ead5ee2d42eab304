package org.switchboard.telephony;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** The {@code agi} health component: up while the FastAGI port accepts sessions. */
@Component
class AgiHealthIndicator implements HealthIndicator {

	private final FastAgiServer server;

	AgiHealthIndicator(FastAgiServer server) {
		this.server = server;
	}

	@Override
	public Health health() {
		Health.Builder health = this.server.listening() ? Health.up() : Health.down();
		return health.withDetail("port", this.server.port())
			.withDetail("activeSessions", this.server.activeSessions())
			.build();
	}

}
