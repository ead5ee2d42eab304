package org.switchboard.call;

/** Reading Asterisk channel names. */
public final class ChannelNames {

	private ChannelNames() {
	}

	/**
	 * The device of a channel: {@code PJSIP/1001-00000013} → {@code PJSIP/1001}, the form
	 * DeviceStateChange and agents' endpoints use.
	 */
	public static String device(String channel) {
		if (channel == null) {
			return "";
		}
		int semicolon = channel.indexOf(';');
		String name = (semicolon < 0) ? channel : channel.substring(0, semicolon);
		int dash = name.lastIndexOf('-');
		return (dash > name.indexOf('/')) ? name.substring(0, dash) : name;
	}

}
