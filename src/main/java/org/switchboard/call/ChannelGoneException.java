package org.switchboard.call;

/**
 * The caller's channel left the AGI session: the caller hung up, or Switchboard
 * redirected the channel elsewhere (the two look the same on the wire). Only channel
 * variables can still be read and set; the script should finish promptly, since Asterisk
 * waits for it to close.
 */
public final class ChannelGoneException extends RuntimeException {

	public ChannelGoneException(String command) {
		super("channel gone during " + command, null, false, false);
	}

}
