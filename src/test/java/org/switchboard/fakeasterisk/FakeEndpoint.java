package org.switchboard.fakeasterisk;

import java.util.List;

/**
 * A PJSIP endpoint as Asterisk 20 (chan_pjsip) knows it: PJSIPShowEndpoints and
 * PJSIPShowEndpoint list it, and a Dial to it reaches its phone only while a contact is
 * Reachable or NonQualified.
 *
 * @param name the endpoint, e.g. 1001
 * @param aor its AOR, empty for endpoints without one (callers matched by address)
 * @param contacts the registered contact URIs
 * @param contactStatus the status of the contacts: Reachable, NonQualified or Unreachable
 * (empty without contacts)
 * @param state the device state
 * @param activeChannels channels in use
 */
public record FakeEndpoint(String name, String aor, List<String> contacts, String contactStatus, DeviceState state,
		int activeChannels) {

	public FakeEndpoint {
		contacts = List.copyOf(contacts);
	}

	/** An agent phone registered from this contact, qualified and idle. */
	public static FakeEndpoint registered(String name, String contactUri) {
		return new FakeEndpoint(name, name, List.of(contactUri), "Reachable", DeviceState.NOT_INUSE, 0);
	}

	/** An agent endpoint whose phone is not registered. */
	public static FakeEndpoint unregistered(String name) {
		return new FakeEndpoint(name, name, List.of(), "", DeviceState.UNAVAILABLE, 0);
	}

	/** An endpoint without AOR, e.g. a carrier trunk or caller matched by address. */
	public static FakeEndpoint withoutAor(String name) {
		return new FakeEndpoint(name, "", List.of(), "", DeviceState.UNAVAILABLE, 0);
	}

	/** Whether a Dial reaches the phone: a contact is Reachable or NonQualified. */
	public boolean reachable() {
		return !this.contacts.isEmpty()
				&& (this.contactStatus.equals("Reachable") || this.contactStatus.equals("NonQualified"));
	}

	public FakeEndpoint withState(DeviceState state, int activeChannels) {
		return new FakeEndpoint(this.name, this.aor, this.contacts, this.contactStatus, state, activeChannels);
	}

	/** The endpoint with these contacts in this status, e.g. after a REGISTER. */
	public FakeEndpoint withContacts(List<String> contacts, String contactStatus) {
		return new FakeEndpoint(this.name, this.aor, contacts, contactStatus, this.state, this.activeChannels);
	}

}
