package org.switchboard.telephony;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * The {@code ami} health component: up while the AMI link is logged in, down while it is
 * configured and not, and {@link #NOT_CONFIGURED} without a secret, as on a first start
 * without Asterisk. application.yml's status order ranks that after UP, so it never makes
 * the whole DOWN; AMI is no part of readiness, since calls come over FastAGI.
 */
@Component
class AmiHealthIndicator implements HealthIndicator {

	static final Status NOT_CONFIGURED = new Status("NOT_CONFIGURED",
			"no Asterisk connected: set SWITCHBOARD_AMI_SECRET (switchboard.ami.secret) to connect one");

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
		if (!this.link.configured()) {
			return Health.status(NOT_CONFIGURED).withDetail("server", settings.host() + ":" + settings.port()).build();
		}
		Health.Builder health = this.link.connected() ? Health.up() : Health.down();
		return health.withDetail("server", settings.host() + ":" + settings.port())
			.withDetail("connects", this.link.connectCount())
			.withDetail("lastError", this.link.lastError())
			.build();
	}

}
