package org.switchboard.fakeasterisk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * An AMI server on TCP as Asterisk 20.20.1 runs it: banner, MD5 challenge login, the
 * actions Switchboard uses, and events pushed by the test. It also breaks like a real
 * one: dropped links, a stopped server, a frozen one.
 */
public final class FakeAmiServer implements AutoCloseable {

	private final String username;

	private final String secret;

	private final ManagerActions manager = new ManagerActions(this);

	private final ListedChannels listed = new ListedChannels(this::push);

	private final Set<AmiSession> sessions = ConcurrentHashMap.newKeySet();

	private final Object monitor = new Object();

	private final List<AmiAction> actions = new ArrayList<>();

	private final Set<Integer> actionsAwaited = new HashSet<>();

	private volatile ChannelControl control = this.listed;

	private final Map<String, FakeEndpoint> endpoints = new LinkedHashMap<>();

	private volatile Function<AmiAction, OriginateOutcome> originate = FakeAmiServer::answerOnNewChannel;

	private volatile EventFilter eventFilter = EventFilter.NONE;

	private final AtomicLong pushed = new AtomicLong();

	private final AtomicLong passed = new AtomicLong();

	private volatile ServerSocket serverSocket;

	private int port;

	private int logins;

	private int loginsAwaited;

	private boolean frozen;

	private FakeAmiServer(String username, String secret) {
		this.username = username;
		this.secret = secret;
	}

	/**
	 * Listens on 127.0.0.1 at this port (0 picks a free one) for a manager user with this
	 * secret.
	 */
	private volatile Thread acceptor;

	public static FakeAmiServer start(int port, String username, String secret) {
		FakeAmiServer server = new FakeAmiServer(username, secret);
		server.listen(port);
		return server;
	}

	public int port() {
		return this.port;
	}

	/** How many logins succeeded so far. */
	public int loginCount() {
		synchronized (this.monitor) {
			return this.logins;
		}
	}

	/** Whether a logged-in client is connected now. */
	public boolean isClientConnected() {
		return this.sessions.stream().anyMatch(AmiSession::loggedIn);
	}

	/**
	 * Waits for the next successful login no earlier call consumed (the first call
	 * returns at once if a client logged in already) and returns the login count.
	 */
	public int awaitLogin(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.monitor) {
			while (this.logins <= this.loginsAwaited) {
				waitUntil(deadline, "no AMI login within " + timeout + " (logins so far: " + this.logins + ")");
			}
			this.loginsAwaited++;
			return this.logins;
		}
	}

	/**
	 * Pushes an event to every logged-in client that wants events; a frozen server pushes
	 * nothing.
	 */
	public void push(AmiEvent event) {
		if (isFrozen()) {
			return;
		}
		this.pushed.incrementAndGet();
		if (!wanted(event)) {
			return;
		}
		this.passed.incrementAndGet();
		this.sessions.forEach((session) -> session.deliver(event));
	}

	/** Events pushed so far, and how many of them the event filter let through. */
	public long[] eventCounts() {
		return new long[] { this.pushed.get(), this.passed.get() };
	}

	/**
	 * Filters the events pushed from now on as a manager.conf {@code eventfilter} would
	 * (the replies to actions are not filtered); {@link EventFilter#NONE} by default.
	 */
	public void eventFilter(EventFilter filter) {
		this.eventFilter = filter;
	}

	boolean wanted(AmiEvent event) {
		return this.eventFilter.passes(event);
	}

	/** Every action received so far, from every client, in order. */
	public List<AmiAction> actions() {
		synchronized (this.monitor) {
			return List.copyOf(this.actions);
		}
	}

	/**
	 * Waits for the first action with this name (ignoring case) that no earlier call
	 * returned.
	 */
	public AmiAction awaitAction(String name, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.monitor) {
			while (true) {
				for (int i = 0; i < this.actions.size(); i++) {
					if (!this.actionsAwaited.contains(i) && this.actions.get(i).name().equalsIgnoreCase(name)) {
						this.actionsAwaited.add(i);
						return this.actions.get(i);
					}
				}
				waitUntil(deadline, "no AMI action " + name + " within " + timeout + "; actions: "
						+ this.actions.stream().map(AmiAction::name).toList());
			}
		}
	}

	/**
	 * Resets every client connection as a broken link would; the server keeps listening.
	 */
	public void dropClients() {
		this.sessions.removeIf((session) -> {
			session.close(true);
			return true;
		});
	}

	/**
	 * Stops listening and drops every client: connections are refused until
	 * {@link #restart()}.
	 */
	public void stop() {
		try {
			ServerSocket listening = this.serverSocket;
			if (listening != null) {
				listening.close();
			}
			// a socket closed while a virtual thread waits in accept() is released only
			// when
			// that thread leaves accept(): wait for it, so the port refuses from now on
			Thread acceptor = this.acceptor;
			if (acceptor != null) {
				acceptor.join(Duration.ofSeconds(3));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		dropClients();
	}

	/** Listens again on the same port. */
	/**
	 * Binds the port. A socket closed while a virtual thread waits in accept() is
	 * released a moment later, so a quick restart may find the port still taken: retry
	 * briefly.
	 */
	private static ServerSocket bind(int port) throws IOException {
		long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(3);
		while (true) {
			ServerSocket listening = new ServerSocket();
			listening.setReuseAddress(true);
			try {
				listening.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
				return listening;
			}
			catch (java.net.BindException ex) {
				listening.close();
				if (port == 0 || System.nanoTime() > deadline) {
					throw ex;
				}
				try {
					Thread.sleep(20);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw ex;
				}
			}
		}
	}

	public void restart() {
		stop();
		listen(this.port);
	}

	/**
	 * Keeps every socket open but answers nothing, sends no banner and pushes no events,
	 * like a hung Asterisk.
	 */
	public void freeze() {
		synchronized (this.monitor) {
			this.frozen = true;
		}
	}

	/** Answers again; actions that arrived while frozen stay unanswered. */
	public void unfreeze() {
		synchronized (this.monitor) {
			this.frozen = false;
			this.monitor.notifyAll();
		}
	}

	/**
	 * The PJSIP endpoints Asterisk knows, replacing every one known so far (phones
	 * registered included); PJSIPShowEndpoints lists them in this order.
	 */
	public void endpoints(FakeEndpoint... endpoints) {
		synchronized (this.endpoints) {
			this.endpoints.clear();
			for (FakeEndpoint endpoint : endpoints) {
				this.endpoints.put(endpoint.name(), endpoint);
			}
		}
	}

	/**
	 * Sets one endpoint as Asterisk knows it, with no event: a phone that registered
	 * before Switchboard connected, or whose change Switchboard never heard.
	 */
	public void endpoint(FakeEndpoint endpoint) {
		synchronized (this.endpoints) {
			this.endpoints.put(endpoint.name(), endpoint);
		}
	}

	/** The endpoint as Asterisk knows it now, e.g. 1001. */
	public Optional<FakeEndpoint> endpoint(String name) {
		synchronized (this.endpoints) {
			return Optional.ofNullable(this.endpoints.get(name));
		}
	}

	/**
	 * An agent's phone REGISTERs from this contact, as Asterisk 20 with chan_pjsip and
	 * qualify on reports it (rules 19 and 20): a new contact gives PeerStatus Reachable,
	 * DeviceStateChange NOT_INUSE, ContactStatus NonQualified then Reachable, in the same
	 * millisecond; an Unreachable contact registering again turns Reachable (no
	 * NonQualified); a REGISTER of a contact already Reachable gives nothing, and one
	 * from a second contact is refused (max_contacts 1) with nothing on AMI but
	 * FailedACL.
	 */
	public void phoneRegisters(String name, String contactUri) {
		synchronized (this.endpoints) {
			FakeEndpoint endpoint = this.endpoints.getOrDefault(name, FakeEndpoint.unregistered(name));
			if (!endpoint.contacts().isEmpty() && !endpoint.contacts().contains(contactUri)) {
				return;
			}
			if (endpoint.reachable()) {
				return;
			}
			boolean fresh = endpoint.contacts().isEmpty();
			DeviceState state = (endpoint.activeChannels() > 0) ? DeviceState.INUSE : DeviceState.NOT_INUSE;
			this.endpoints.put(name, endpoint.withContacts(List.of(contactUri), "Reachable")
				.withState(state, endpoint.activeChannels()));
			push(AmiEvents.peerStatus("PJSIP/" + name, "Reachable"));
			push(AmiEvents.deviceStateChange("PJSIP/" + name, state));
			if (fresh) {
				push(AmiEvents.contactStatus(contactUri, "NonQualified", endpoint.aor(), name, 0));
			}
			push(AmiEvents.contactStatus(contactUri, "Reachable", endpoint.aor(), name, 480));
		}
	}

	/**
	 * The phone unregisters (Expires: 0): PeerStatus Unreachable, DeviceStateChange
	 * UNAVAILABLE, ContactStatus Removed; the endpoint has no contact left.
	 */
	public void phoneUnregisters(String name) {
		phoneLost(name, "Removed");
	}

	/**
	 * The phone stops answering without unregistering, as a qualify notices ~8 s later:
	 * PeerStatus Unreachable, DeviceStateChange UNAVAILABLE, ContactStatus Unreachable;
	 * the contact stays until it expires, Unreachable.
	 */
	public void phoneDies(String name) {
		phoneLost(name, "Unreachable");
	}

	private void phoneLost(String name, String contactStatus) {
		synchronized (this.endpoints) {
			FakeEndpoint endpoint = this.endpoints.get(name);
			if (endpoint == null || !endpoint.reachable()) {
				return;
			}
			String contact = endpoint.contacts().get(0);
			List<String> left = contactStatus.equals("Removed") ? List.of() : endpoint.contacts();
			this.endpoints.put(name, endpoint.withContacts(left, left.isEmpty() ? "" : contactStatus)
				.withState(DeviceState.UNAVAILABLE, endpoint.activeChannels()));
			push(AmiEvents.peerStatus("PJSIP/" + name, "Unreachable"));
			push(AmiEvents.deviceStateChange("PJSIP/" + name, DeviceState.UNAVAILABLE));
			push(AmiEvents.contactStatus(contact, contactStatus, endpoint.aor(), name, 0));
		}
	}

	/**
	 * A channel of the endpoint's phone opened (+1) or closed (-1), now in this state;
	 * DeviceStateChange only when the device state changed, as Asterisk aggregates it.
	 * Endpoints not known (callers, trunks) are left alone.
	 */
	void deviceChannels(String name, int delta, DeviceState ringingOrInUse) {
		synchronized (this.endpoints) {
			FakeEndpoint endpoint = this.endpoints.get(name);
			if (endpoint == null) {
				return;
			}
			int active = Math.max(0, endpoint.activeChannels() + delta);
			DeviceState state = (ringingOrInUse != null) ? ringingOrInUse : (active > 0) ? DeviceState.INUSE
					: endpoint.reachable() ? DeviceState.NOT_INUSE : DeviceState.UNAVAILABLE;
			this.endpoints.put(name, endpoint.withState(state, active));
			if (state != endpoint.state()) {
				push(AmiEvents.deviceStateChange("PJSIP/" + name, state));
			}
		}
	}

	/**
	 * Channels waiting in the dialplan that CoreShowChannels lists and Setvar, Redirect
	 * and Hangup act on.
	 */
	public void channels(FakeChannel... channels) {
		this.listed.replace(List.of(channels));
	}

	/**
	 * Decides how each Originate ends; by default the callee answers on a new channel.
	 */
	public void onOriginate(Function<AmiAction, OriginateOutcome> decide) {
		this.originate = decide;
	}

	/** Back to the default: every Originate is answered on a new channel. */
	public void answerEveryOriginate() {
		this.originate = FakeAmiServer::answerOnNewChannel;
	}

	@Override
	public void close() {
		stop();
	}

	String username() {
		return this.username;
	}

	String secret() {
		return this.secret;
	}

	ChannelControl control() {
		return this.control;
	}

	void control(ChannelControl control) {
		this.control = control;
	}

	ListedChannels listed() {
		return this.listed;
	}

	List<FakeEndpoint> endpoints() {
		synchronized (this.endpoints) {
			return List.copyOf(this.endpoints.values());
		}
	}

	OriginateOutcome originate(AmiAction action) {
		return this.originate.apply(action);
	}

	/**
	 * Records an action and answers it unless frozen; false when the connection must
	 * close.
	 */
	boolean received(AmiSession session, AmiAction action) {
		synchronized (this.monitor) {
			this.actions.add(action);
			this.monitor.notifyAll();
			if (this.frozen) {
				return true;
			}
		}
		return this.manager.answer(session, action);
	}

	void loggedIn() {
		synchronized (this.monitor) {
			this.logins++;
			this.monitor.notifyAll();
		}
	}

	void left(AmiSession session) {
		this.sessions.remove(session);
	}

	void awaitThawed() {
		synchronized (this.monitor) {
			while (this.frozen) {
				try {
					this.monitor.wait();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	private boolean isFrozen() {
		synchronized (this.monitor) {
			return this.frozen;
		}
	}

	private void listen(int port) {
		try {
			ServerSocket listening = bind(port);
			this.port = listening.getLocalPort();
			this.serverSocket = listening;
			this.acceptor = Thread.ofVirtual().name("fake-ami-accept-" + this.port).start(() -> accept(listening));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot listen for AMI on port " + port, ex);
		}
	}

	private void accept(ServerSocket listening) {
		while (!listening.isClosed()) {
			try {
				Socket socket = listening.accept();
				AmiSession session = new AmiSession(socket, this);
				this.sessions.add(session);
				Thread.ofVirtual().name("fake-ami-session").start(session::run);
			}
			catch (IOException ex) {
				// closed by stop()
			}
		}
	}

	private void waitUntil(long deadline, String failure) {
		long left = deadline - System.nanoTime();
		if (left <= 0) {
			throw new AssertionError(failure);
		}
		try {
			TimeUnit.NANOSECONDS.timedWait(this.monitor, left);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("interrupted: " + failure, ex);
		}
	}

	private static OriginateOutcome answerOnNewChannel(AmiAction originate) {
		String dialString = String.valueOf(originate.get("Channel"));
		String endpoint = dialString.substring(dialString.indexOf('/') + 1);
		return OriginateOutcome.answered(FakeChannel.of(FakeChannel.nextName(dialString), endpoint, endpoint));
	}

}
