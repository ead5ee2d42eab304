package org.switchboard.agent;

import java.util.NoSuchElementException;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import org.switchboard.agent.AgentEvent.AgentPhoneChanged;
import org.switchboard.call.AsteriskEvent.AsteriskResynced;
import org.switchboard.call.AsteriskEvent.ContactStatusChanged;
import org.switchboard.call.AsteriskEvent.DeviceStateChanged;
import org.switchboard.call.CallControl;
import org.switchboard.call.CallControlException;
import org.switchboard.call.ContactStatus;
import org.switchboard.call.DeviceState;

/**
 * Keeps each agent's presence true to what Asterisk reports about their phone, so that an
 * unavailable or unregistered phone is never offered a call. Devices that are no agent's
 * endpoint are ignored; after a resync (on every AMI connect and every reconciliation),
 * agents whose endpoint was not listed keep what they had, as an empty list more often
 * means a failed read than a vanished phone. A new agent's phone is unreachable until
 * Asterisk reports a reachable contact.
 */
@Component
class AgentPresence {

	private static final Logger log = LoggerFactory.getLogger(AgentPresence.class);

	private final Agents agents;

	private final CallControl control;

	AgentPresence(Agents agents, CallControl control) {
		this.agents = agents;
		this.control = control;
	}

	/**
	 * A new phone starts unreachable; Asterisk is asked once whether it is registered
	 * already, as no event comes for a phone that registered before.
	 */
	@EventListener
	void phoneChanged(AgentPhoneChanged changed) {
		if (this.control == null || !this.control.connected()) {
			return;
		}
		try {
			this.agents.reachable(changed.agentId(), this.control.reachable(changed.endpoint()));
		}
		catch (CallControlException | NoSuchElementException ex) {
			log.info("Phone {} of agent {} not asked for: {}", changed.endpoint(), changed.agentId(), ex.getMessage());
		}
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
