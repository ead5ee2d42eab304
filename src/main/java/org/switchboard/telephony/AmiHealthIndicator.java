package org.switchboard.telephony;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** The {@code ami} health component: up while the AMI link is logged in. */
@Component
class AmiHealthIndicator implements HealthIndicator {

	private final AmiLink link;

	AmiHealthIndicator(AmiLink link) {
		this.link = link;
	}

	@Override
	public Health health() {
		AmiSettings settings = this.link.settings();
		if (!settings.enabled()) {
			return Health.unknown().withDetail("enabled", false).build();
		}
		Health.Builder health = this.link.connected() ? Health.up() : Health.down();
		return health.withDetail("server", settings.host() + ":" + settings.port())
			.withDetail("connects", this.link.connectCount())
			.withDetail("lastError", this.link.lastError())
			.build();
	}

}
