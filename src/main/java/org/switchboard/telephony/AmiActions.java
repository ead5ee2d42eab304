package org.switchboard.telephony;

import org.asteriskjava.manager.action.PingAction;
import java.util.Optional;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.asteriskjava.manager.EventTimeoutException;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.TimeoutException;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.action.EventGeneratingAction;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.PJSipShowEndpointAction;
import org.asteriskjava.manager.action.PJSipShowEndpointsAction;
import org.asteriskjava.manager.event.ContactStatusDetail;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.EndpointList;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.switchboard.call.AsteriskSnapshot;
import org.switchboard.call.AsteriskSnapshot.ActiveChannel;
import org.switchboard.call.CallControlException;
import org.switchboard.call.ContactStatus;
import org.switchboard.call.DeviceState;

/**
 * Sends actions on the AMI link and reads their answers, each bounded by the action
 * timeout, so that a hung Asterisk fails a call's action instead of holding its thread.
 */
class AmiActions {

	private static final Logger log = LoggerFactory.getLogger(AmiLink.class);

	private static final Set<ContactStatus> CONTACT_REACHABLE = EnumSet.of(ContactStatus.REACHABLE,
			ContactStatus.NON_QUALIFIED, ContactStatus.CREATED, ContactStatus.UPDATED);

	private final Duration timeout;

	/**
	 * The live connection for a purpose, or a CallControlException naming why there is
	 * none.
	 */
	private final Function<String, ManagerConnection> liveConnection;

	AmiActions(Duration timeout, Function<String, ManagerConnection> liveConnection) {
		this.timeout = timeout;
		this.liveConnection = liveConnection;
	}

	/** Sends an action on the live link, waiting at most the action timeout. */
	ManagerResponse send(ManagerAction action) {
		ManagerConnection connection = this.liveConnection.apply(action.getAction());
		try {
			ManagerResponse response = connection.sendAction(action, this.timeout.toMillis());
			if (response == null) {
				throw new CallControlException(action.getAction() + " got no response");
			}
			return response;
		}
		catch (TimeoutException ex) {
			throw new CallControlException(action.getAction() + " timed out after " + this.timeout.toMillis() + " ms",
					ex);
		}
		catch (IOException | IllegalStateException ex) {
			throw new CallControlException(action.getAction() + " could not be sent: " + ex.getMessage(), ex);
		}
	}

	/** Reads PJSIP endpoint states and live channels. */
	AsteriskSnapshot snapshot() {
		ManagerConnection connection = this.liveConnection.apply("resync");
		Map<String, DeviceState> devices = new HashMap<>();
		for (var event : listItems(connection, new PJSipShowEndpointsAction())) {
			if (event instanceof EndpointList endpoint && endpoint.getObjectName() != null) {
				devices.put("PJSIP/" + endpoint.getObjectName(), DeviceState.parse(endpoint.getDevicestate()));
			}
		}
		List<ActiveChannel> channels = new ArrayList<>();
		for (var event : listItems(connection, new CoreShowChannelsAction())) {
			if (event instanceof CoreShowChannelEvent channel) {
				channels.add(new ActiveChannel(channel.getChannel(), channel.getUniqueid(), channel.getLinkedid(),
						channel.getContext(), channel.getExtension(), channel.getApplication(), channel.getBridgeid()));
			}
		}
		return new AsteriskSnapshot(devices, channels);
	}

	/** Whether the PJSIP endpoint has a contact that is Reachable or NonQualified now. */
	boolean reachable(String device) {
		if (!device.startsWith("PJSIP/")) {
			return false;
		}
		PJSipShowEndpointAction action = new PJSipShowEndpointAction();
		action.setEndpoint(device.substring("PJSIP/".length()));
		return listItems(this.liveConnection.apply("PJSIPShowEndpoint"), action).stream()
			.anyMatch((event) -> event instanceof ContactStatusDetail contact
					&& CONTACT_REACHABLE.contains(ContactStatus.parse(contact.getStatus())));
	}

	private List<ManagerEvent> listItems(ManagerConnection connection, EventGeneratingAction action) {
		try {
			ResponseEvents events = connection.sendEventGeneratingAction(action, this.timeout.toMillis());
			if (events.getResponse() instanceof ManagerError error) {
				// e.g. "No endpoints found" on an Asterisk without PJSIP endpoints
				log.debug("{} answered: {}", action.getAction(), error.getMessage());
				return List.of();
			}
			return new ArrayList<>(events.getEvents());
		}
		catch (EventTimeoutException ex) {
			throw new CallControlException(action.getAction() + " timed out", ex);
		}
		catch (IOException | IllegalStateException ex) {
			throw new CallControlException(action.getAction() + " could not be sent: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Pings Asterisk on the link; answers why the link is dead, or nothing when the pong
	 * came in time.
	 */
	static Optional<String> ping(ManagerConnection connection, Duration timeout) {
		try {
			ManagerResponse pong = connection.sendAction(new PingAction(), timeout.toMillis());
			return (pong == null || pong instanceof ManagerError) ? Optional.of("ping refused") : Optional.empty();
		}
		catch (TimeoutException | IOException | IllegalStateException ex) {
			return Optional.of("ping unanswered: " + ex.getMessage());
		}
	}

}
