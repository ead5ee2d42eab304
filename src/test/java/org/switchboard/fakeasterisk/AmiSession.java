package org.switchboard.fakeasterisk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One AMI client connection: the banner, then action blocks in and responses and events
 * out, CRLF-terminated.
 */
final class AmiSession {

	static final String BANNER = "Asterisk Call Manager/9.0.0\r\n";

	private final Socket socket;

	private final FakeAmiServer server;

	private volatile boolean loggedIn;

	private volatile boolean eventsOn = true;

	private String challenge;

	AmiSession(Socket socket, FakeAmiServer server) {
		this.socket = socket;
		this.server = server;
	}

	void run() {
		try (this.socket) {
			this.server.awaitThawed();
			send(BANNER);
			BufferedReader in = new BufferedReader(
					new InputStreamReader(this.socket.getInputStream(), StandardCharsets.UTF_8));
			List<AmiField> headers;
			boolean open = true;
			while (open && (headers = readBlock(in)) != null) {
				String name = AmiField.first(headers, "Action");
				AmiAction action = new AmiAction((name != null) ? name.trim() : "", headers);
				open = this.server.received(this, action);
			}
		}
		catch (IOException ex) {
			// the client went away or the test dropped the link
		}
		finally {
			this.server.left(this);
		}
	}

	boolean loggedIn() {
		return this.loggedIn;
	}

	void loggedIn(boolean eventsOn) {
		this.eventsOn = eventsOn;
		this.loggedIn = true;
	}

	void events(boolean on) {
		this.eventsOn = on;
	}

	String challenge() {
		return this.challenge;
	}

	void challenge(String challenge) {
		this.challenge = challenge;
	}

	/**
	 * Writes an event if this client logged in, wants events and its filter lets it
	 * through.
	 */
	void deliver(AmiEvent event) {
		if (this.loggedIn && this.eventsOn && this.server.wanted(event)) {
			send(event.wire());
		}
	}

	void send(AmiResponse response) {
		send(response.wire());
	}

	synchronized void send(String block) {
		try {
			OutputStream out = this.socket.getOutputStream();
			out.write(block.getBytes(StandardCharsets.UTF_8));
			out.flush();
		}
		catch (IOException ex) {
			close(false);
		}
	}

	/** Closes the connection; abruptly (RST) simulates a broken link. */
	void close(boolean abruptly) {
		try {
			if (abruptly && !this.socket.isClosed()) {
				this.socket.setSoLinger(true, 0);
			}
			this.socket.close();
		}
		catch (IOException ex) {
			// already gone
		}
	}

	/**
	 * The next block of header lines up to an empty line, or null at the end of the
	 * stream.
	 */
	private static List<AmiField> readBlock(BufferedReader in) throws IOException {
		List<AmiField> headers = new ArrayList<>();
		String line;
		while ((line = in.readLine()) != null) {
			if (line.isEmpty()) {
				if (!headers.isEmpty()) {
					return headers;
				}
				continue;
			}
			int colon = line.indexOf(':');
			if (colon > 0) {
				headers.add(new AmiField(line.substring(0, colon).trim(), line.substring(colon + 1).stripLeading()));
			}
		}
		return null;
	}

}
