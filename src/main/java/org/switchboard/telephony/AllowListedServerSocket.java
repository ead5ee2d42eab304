package org.switchboard.telephony;

import java.io.IOException;
import java.net.InetAddress;

import io.micrometer.core.instrument.Counter;
import org.asteriskjava.util.ServerSocketFacade;
import org.asteriskjava.util.SocketConnectionFacade;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts only allowed peers; others are closed at once, before a byte is read, and
 * counted.
 */
final class AllowListedServerSocket implements ServerSocketFacade {

	private static final Logger log = LoggerFactory.getLogger(FastAgiServer.class);

	private final ServerSocketFacade delegate;

	private final PeerAllowList allowList;

	private final Counter refused;

	AllowListedServerSocket(ServerSocketFacade delegate, PeerAllowList allowList, Counter refused) {
		this.delegate = delegate;
		this.allowList = allowList;
		this.refused = refused;
	}

	@Override
	public SocketConnectionFacade accept() throws IOException {
		while (true) {
			SocketConnectionFacade socket = this.delegate.accept();
			InetAddress peer = socket.getRemoteAddress();
			if (this.allowList.allows(peer)) {
				return socket;
			}
			this.refused.increment();
			log.warn("Refused FastAGI connection from {}: not in switchboard.agi.allowed-peers", peer.getHostAddress());
			try {
				socket.close();
			}
			catch (IOException ex) {
				log.debug("closing a refused peer failed", ex);
			}
		}
	}

	@Override
	public void close() throws IOException {
		this.delegate.close();
	}

	@Override
	public void setSocketReadTimeout(int socketReadTimeout) {
		this.delegate.setSocketReadTimeout(socketReadTimeout);
	}

}
