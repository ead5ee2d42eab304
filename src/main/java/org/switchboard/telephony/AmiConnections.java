package org.switchboard.telephony;

import org.asteriskjava.manager.DefaultManagerConnection;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.ManagerEventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens and closes Asterisk-Java's AMI connections with our timeouts, and without its own
 * reconnect loop, which {@link AmiLink} replaces.
 */
final class AmiConnections {

	private static final Logger log = LoggerFactory.getLogger(AmiLink.class);

	private AmiConnections() {
	}

	/** A connection not yet logged in, whose events go to the listener. */
	static DefaultManagerConnection open(AmiSettings settings, ManagerEventListener listener) {
		DefaultManagerConnection connection = new DefaultManagerConnection(settings.host(), settings.port(),
				settings.username(), settings.secret() == null ? "" : settings.secret());
		int timeout = (int) settings.actionTimeout().toMillis();
		connection.setSocketTimeout(timeout);
		connection.setSocketReadTimeout((int) settings.pingInterval().multipliedBy(3).toMillis());
		connection.setDefaultResponseTimeout(timeout);
		connection.setDefaultEventTimeout(timeout);
		connection.setKeepAliveAfterAuthenticationFailure(false);
		AmiUserEvents.registerOn(connection);
		connection.addEventListener(listener);
		return connection;
	}

	/** Logs off a connection that is up or reconnecting. */
	static void close(ManagerConnection connection) {
		ManagerConnectionState state = connection.getState();
		if (state == ManagerConnectionState.CONNECTED || state == ManagerConnectionState.RECONNECTING) {
			try {
				// also stops Asterisk-Java's own reconnect thread
				connection.logoff();
			}
			catch (RuntimeException ex) {
				log.debug("AMI logoff failed", ex);
			}
		}
	}

}
