package org.switchboard.call;

import java.util.List;
import java.util.Map;

/**
 * What Asterisk says is true right now: the state of each PJSIP endpoint and the live
 * channels. Read after every AMI (re)connect so that features can heal what missed events
 * left wrong.
 */
public record AsteriskSnapshot(Map<String, DeviceState> devices, List<ActiveChannel> channels) {

	public AsteriskSnapshot {
		devices = Map.copyOf(devices);
		channels = List.copyOf(channels);
	}

	/** One live channel from CoreShowChannels. */
	public record ActiveChannel(String channel, String uniqueId, String linkedId, String context, String exten,
			String application, String bridgeId) {

	}

}
