package org.switchboard.agent;

import java.util.Optional;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import org.switchboard.telephony.AsteriskEvent.AsteriskResynced;
import org.switchboard.telephony.AsteriskEvent.ContactStatusChanged;
import org.switchboard.telephony.AsteriskEvent.DeviceStateChanged;
import org.switchboard.telephony.ContactStatus;
import org.switchboard.telephony.DeviceState;

/**
 * Keeps each agent's presence true to what Asterisk reports about their phone, so that an
 * unavailable or unregistered phone is never offered a call. Devices that are no agent's
 * endpoint are ignored; after a resync, agents whose endpoint was not listed keep what
 * they had, as an empty list more often means a failed read than a vanished phone.
 */
@Component
class AgentPresence {

	private final Agents agents;

	AgentPresence(Agents agents) {
		this.agents = agents;
	}

	@EventListener
	void deviceStateChanged(DeviceStateChanged event) {
		device(event.device(), event.state());
	}

	@EventListener
	void contactStatusChanged(ContactStatusChanged event) {
		reachable(event.status()).ifPresent((reachable) -> this.agents.idWithEndpoint("PJSIP/" + event.endpoint())
			.ifPresent((agentId) -> this.agents.reachable(agentId, reachable)));
	}

	@EventListener
	void asteriskResynced(AsteriskResynced event) {
		event.snapshot().devices().forEach(this::device);
	}

	private void device(String device, DeviceState state) {
		this.agents.idWithEndpoint(device).ifPresent((agentId) -> {
			this.agents.reachable(agentId, state.reachable());
			if (state == DeviceState.RINGING) {
				this.agents.ringing(agentId);
			}
		});
	}

	private static Optional<Boolean> reachable(ContactStatus status) {
		return switch (status) {
			case CREATED, REACHABLE, UPDATED, NON_QUALIFIED -> Optional.of(true);
			case UNREACHABLE, REMOVED -> Optional.of(false);
			case UNKNOWN -> Optional.empty();
		};
	}

}
