package org.switchboard.fakeasterisk;

import java.util.List;

/**
 * A PJSIP endpoint as PJSIPShowEndpoints lists it.
 *
 * @param name the endpoint, e.g. 1001
 * @param aor its AOR, empty for endpoints without one (callers matched by address)
 * @param contacts the registered contact URIs
 * @param state the device state
 * @param activeChannels channels in use
 */
public record FakeEndpoint(String name, String aor, List<String> contacts, DeviceState state, int activeChannels) {

	public FakeEndpoint {
		contacts = List.copyOf(contacts);
	}

	/** An agent phone registered from this contact and idle. */
	public static FakeEndpoint registered(String name, String contactUri) {
		return new FakeEndpoint(name, name, List.of(contactUri), DeviceState.NOT_INUSE, 0);
	}

	/** An agent endpoint whose phone is not registered. */
	public static FakeEndpoint unregistered(String name) {
		return new FakeEndpoint(name, name, List.of(), DeviceState.UNAVAILABLE, 0);
	}

	/** An endpoint without AOR, e.g. a carrier trunk or caller matched by address. */
	public static FakeEndpoint withoutAor(String name) {
		return new FakeEndpoint(name, "", List.of(), DeviceState.UNAVAILABLE, 0);
	}

	public FakeEndpoint withState(DeviceState state, int activeChannels) {
		return new FakeEndpoint(this.name, this.aor, this.contacts, state, activeChannels);
	}

}
