package org.switchboard.telephony;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiReader;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiWriter;
import org.asteriskjava.fastagi.internal.AgiChannelImpl;

/**
 * Asterisk-Java's channel without the {@code AJ_AGISTATUS} variable it sets at the end of
 * every session: a round trip to Asterisk per session, three a call, that nothing reads
 * (the dialplan reads Asterisk's own {@code AGISTATUS}, and a failing script tells it
 * nothing more by this variable: the session is over either way).
 */
final class SessionChannel extends AgiChannelImpl {

	private static final String STATUS_VARIABLE = "AJ_AGISTATUS";

	private SessionChannel(AgiRequest request, AgiWriter writer, AgiReader reader) {
		super(request, writer, reader);
	}

	static AgiChannel of(AgiRequest request, AgiWriter writer, AgiReader reader) {
		return new SessionChannel(request, writer, reader);
	}

	@Override
	public void setVariable(String name, String value) throws AgiException {
		if (!STATUS_VARIABLE.equals(name)) {
			super.setVariable(name, value);
		}
	}

}
