package org.switchboard.telephony;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.asteriskjava.manager.AuthenticationFailedException;
import org.asteriskjava.manager.DefaultManagerConnection;
import org.asteriskjava.manager.EventTimeoutException;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.TimeoutException;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.action.EventGeneratingAction;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.PJSipShowEndpointAction;
import org.asteriskjava.manager.action.PJSipShowEndpointsAction;
import org.asteriskjava.manager.action.PingAction;
import org.asteriskjava.manager.event.ContactStatusDetail;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.EndpointList;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import org.switchboard.call.AsteriskEvent;
import org.switchboard.call.AsteriskSnapshot;
import org.switchboard.call.CallControlException;
import org.switchboard.call.ContactStatus;
import org.switchboard.call.DeviceState;
import org.switchboard.redis.RedisRecovered;

import org.switchboard.call.AsteriskEvent.AmiConnected;
import org.switchboard.call.AsteriskEvent.AmiDisconnected;
import org.switchboard.call.AsteriskEvent.AsteriskResynced;
import org.switchboard.call.AsteriskSnapshot.ActiveChannel;

/**
 * Keeps one AMI connection to Asterisk alive for as long as Switchboard runs: it logs in,
 * pings an idle link to find a dead one, and after any loss reconnects with a doubling,
 * jittered delay, forever. We own the reconnect loop instead of Asterisk-Java's fixed one
 * so that a refused login, a dead socket and a hung Asterisk are all handled the same
 * way. After every login it reads the device states and channels afresh, since events
 * were missed meanwhile; likewise when Redis is back after an outage, since what was
 * heard meanwhile could not be stored. Events reach listeners in Asterisk's order on one
 * dispatcher thread, so a slow listener never stalls the socket reader.
 */
@Component
class AmiLink implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(AmiLink.class);

	private static final Set<ContactStatus> CONTACT_REACHABLE = EnumSet.of(ContactStatus.REACHABLE,
			ContactStatus.NON_QUALIFIED, ContactStatus.CREATED, ContactStatus.UPDATED);

	private final AmiSettings settings;

	private final int agiPort;

	private final ApplicationEventPublisher publisher;

	private final Clock clock;

	private final BlockingQueue<AsteriskEvent> outbox = new LinkedBlockingQueue<>();

	private final AtomicInteger connects = new AtomicInteger();

	private final Counter linkLosses;

	private volatile ManagerConnection connection;

	private volatile boolean running;

	private volatile Thread supervisor;

	private volatile Thread dispatcher;

	private volatile String lastError = "not connected yet";

	/**
	 * A listener failed on an event (Redis away, say): what it heard may not be stored,
	 * so the state is read again at the next ping.
	 */
	private volatile boolean stale;

	AmiLink(AmiSettings settings, AgiSettings agi, ApplicationEventPublisher publisher, MeterRegistry meters,
			Clock clock) {
		this.settings = settings;
		this.agiPort = agi.port();
		this.publisher = publisher;
		// the application's clock: the instant of a resync closes the calls that ended
		// unheard, and the call recorder weighs it against its own now
		this.clock = clock;
		this.linkLosses = Counter.builder("switchboard.ami.disconnects")
			.description("AMI links lost or refused")
			.register(meters);
		Gauge.builder("switchboard.ami.connected", this, (link) -> link.connected() ? 1 : 0)
			.description("1 while the AMI link is up")
			.register(meters);
	}

	@Override
	public void start() {
		if (!this.settings.enabled()) {
			log.info("AMI disabled (switchboard.ami.enabled=false)");
			return;
		}
		if (!configured()) {
			// one line, at start, for the newcomer who has no Asterisk yet
			log.info(
					"AMI not configured: no Asterisk connected. To connect one, set SWITCHBOARD_AMI_SECRET "
							+ "(switchboard.ami.secret) to the secret of the [{}] user in its manager.conf, and "
							+ "switchboard.ami.host, .port and .username unless {}, {} and {}; its dialplan reaches "
							+ "Switchboard's FastAGI at agi://<this host>:{} (switchboard.agi.*)",
					this.settings.username(), this.settings.host(), this.settings.port(), this.settings.username(),
					this.agiPort);
			this.lastError = "not configured: no switchboard.ami.secret";
			return;
		}
		this.running = true;
		this.dispatcher = Thread.ofVirtual().name("ami-events").start(this::dispatchForever);
		this.supervisor = Thread.ofVirtual().name("ami-link").start(this::superviseForever);
	}

	@Override
	public void stop() {
		this.running = false;
		interrupt(this.supervisor);
		interrupt(this.dispatcher);
		ManagerConnection connection = this.connection;
		if (connection != null) {
			close(connection);
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// after the FastAGI server and the features: up first, down last
		return SmartLifecycle.DEFAULT_PHASE - 100;
	}

	/** Whether there is an Asterisk to connect to: enabled, with a secret. */
	boolean configured() {
		return this.settings.enabled() && this.settings.secret() != null && !this.settings.secret().isBlank();
	}

	boolean connected() {
		ManagerConnection connection = this.connection;
		return connection != null && connection.getState() == ManagerConnectionState.CONNECTED;
	}

	String lastError() {
		return this.lastError;
	}

	int connectCount() {
		return this.connects.get();
	}

	AmiSettings settings() {
		return this.settings;
	}

	/** Sends an action on the live link, waiting at most the action timeout. */
	ManagerResponse send(ManagerAction action) {
		ManagerConnection connection = liveConnection(action.getAction());
		try {
			ManagerResponse response = connection.sendAction(action, this.settings.actionTimeout().toMillis());
			if (response == null) {
				throw new CallControlException(action.getAction() + " got no response");
			}
			return response;
		}
		catch (TimeoutException ex) {
			throw new CallControlException(
					action.getAction() + " timed out after " + this.settings.actionTimeout().toMillis() + " ms", ex);
		}
		catch (IOException | IllegalStateException ex) {
			throw new CallControlException(action.getAction() + " could not be sent: " + ex.getMessage(), ex);
		}
	}

	/** Reads PJSIP endpoint states and live channels. */
	AsteriskSnapshot snapshot() {
		ManagerConnection connection = liveConnection("resync");
		Map<String, DeviceState> devices = new HashMap<>();
		for (var event : listItems(connection, new PJSipShowEndpointsAction())) {
			if (event instanceof EndpointList endpoint && endpoint.getObjectName() != null) {
				devices.put("PJSIP/" + endpoint.getObjectName(), DeviceState.parse(endpoint.getDevicestate()));
			}
		}
		List<ActiveChannel> channels = new ArrayList<>();
		for (var event : listItems(connection, new CoreShowChannelsAction())) {
			if (event instanceof CoreShowChannelEvent channel) {
				channels.add(new ActiveChannel(channel.getChannel(), channel.getUniqueid(), channel.getLinkedid(),
						channel.getContext(), channel.getExtension(), channel.getApplication(), channel.getBridgeid()));
			}
		}
		return new AsteriskSnapshot(devices, channels);
	}

	/** Whether the PJSIP endpoint has a contact that is Reachable or NonQualified now. */
	boolean reachable(String device) {
		if (!device.startsWith("PJSIP/")) {
			return false;
		}
		PJSipShowEndpointAction action = new PJSipShowEndpointAction();
		action.setEndpoint(device.substring("PJSIP/".length()));
		return listItems(liveConnection("PJSIPShowEndpoint"), action).stream()
			.anyMatch((event) -> event instanceof ContactStatusDetail contact
					&& CONTACT_REACHABLE.contains(ContactStatus.parse(contact.getStatus())));
	}

	private List<ManagerEvent> listItems(ManagerConnection connection, EventGeneratingAction action) {
		try {
			ResponseEvents events = connection.sendEventGeneratingAction(action,
					this.settings.actionTimeout().toMillis());
			if (events.getResponse() instanceof ManagerError error) {
				// e.g. "No endpoints found" on an Asterisk without PJSIP endpoints
				log.debug("{} answered: {}", action.getAction(), error.getMessage());
				return List.of();
			}
			return new ArrayList<>(events.getEvents());
		}
		catch (EventTimeoutException ex) {
			throw new CallControlException(action.getAction() + " timed out", ex);
		}
		catch (IOException | IllegalStateException ex) {
			throw new CallControlException(action.getAction() + " could not be sent: " + ex.getMessage(), ex);
		}
	}

	private ManagerConnection liveConnection(String purpose) {
		ManagerConnection connection = this.connection;
		if (connection == null || connection.getState() != ManagerConnectionState.CONNECTED) {
			throw new CallControlException(purpose + " impossible: AMI link to " + this.settings.host() + ":"
					+ this.settings.port() + " is down (" + this.lastError + ")");
		}
		return connection;
	}

	private void superviseForever() {
		Duration delay = this.settings.reconnectInitialDelay();
		while (this.running) {
			boolean wasUp = runOneConnection();
			if (!this.running) {
				return;
			}
			if (wasUp) {
				delay = this.settings.reconnectInitialDelay();
			}
			// the jitter never takes the wait past reconnect-max-delay (5 s by default)
			long jittered = Math.min(this.settings.reconnectMaxDelay().toMillis(),
					(long) (delay.toMillis() * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble())));
			log.debug("AMI reconnect to {}:{} in {} ms", this.settings.host(), this.settings.port(), jittered);
			if (!sleep(jittered)) {
				return;
			}
			delay = delay.multipliedBy(2);
			if (delay.compareTo(this.settings.reconnectMaxDelay()) > 0) {
				delay = this.settings.reconnectMaxDelay();
			}
		}
	}

	/**
	 * Logs in, then watches the link until it dies; returns whether the login succeeded.
	 */
	private boolean runOneConnection() {
		DefaultManagerConnection connection = new DefaultManagerConnection(this.settings.host(), this.settings.port(),
				this.settings.username(), this.settings.secret() == null ? "" : this.settings.secret());
		int timeout = (int) this.settings.actionTimeout().toMillis();
		connection.setSocketTimeout(timeout);
		connection.setSocketReadTimeout((int) this.settings.pingInterval().multipliedBy(3).toMillis());
		connection.setDefaultResponseTimeout(timeout);
		connection.setDefaultEventTimeout(timeout);
		connection.setKeepAliveAfterAuthenticationFailure(false);
		AmiUserEvents.registerOn(connection);
		CountDownLatch lost = new CountDownLatch(1);
		connection.addEventListener((event) -> {
			if (event instanceof DisconnectEvent) {
				lost.countDown();
				return;
			}
			AmiEventTranslator.translate(event, this.clock.instant()).ifPresent(this.outbox::add);
		});
		boolean loggedIn = false;
		try {
			connection.login();
			loggedIn = true;
			this.connection = connection;
			this.lastError = "none";
			int count = this.connects.incrementAndGet();
			String version = String.valueOf(connection.getVersion());
			log.info("AMI connected to {}:{} as {} (Asterisk {}, connect #{})", this.settings.host(),
					this.settings.port(), this.settings.username(), version, count);
			this.outbox.add(new AmiConnected(this.clock.instant(), version, count));
			resync();
			watch(connection, lost);
		}
		catch (AuthenticationFailedException ex) {
			this.lastError = "login refused for user '" + this.settings.username() + "'";
			log.error("AMI login to {}:{} refused for user '{}': check switchboard.ami.username and the secret",
					this.settings.host(), this.settings.port(), this.settings.username());
		}
		catch (IOException | TimeoutException | IllegalStateException ex) {
			String error = ex.getClass().getSimpleName() + ": " + ex.getMessage();
			if (error.equals(this.lastError)) {
				log.debug("AMI {}:{} still unreachable: {}", this.settings.host(), this.settings.port(), error);
			}
			else {
				log.warn("AMI {}:{} unreachable: {}", this.settings.host(), this.settings.port(), error);
			}
			this.lastError = error;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.connection = null;
			close(connection);
			this.linkLosses.increment();
			if (loggedIn) {
				this.outbox.add(new AmiDisconnected(this.clock.instant(), this.lastError));
			}
		}
		return loggedIn;
	}

	/**
	 * Blocks while the link is healthy: no disconnect and every ping answered in time.
	 */
	private void watch(ManagerConnection connection, CountDownLatch lost) throws InterruptedException {
		while (this.running) {
			if (this.stale) {
				this.stale = false;
				log.info("A listener failed on an AMI event: AMI resync");
				resync();
			}
			if (lost.await(this.settings.pingInterval().toMillis(), TimeUnit.MILLISECONDS)) {
				this.lastError = "connection closed";
				log.warn("AMI link to {}:{} lost", this.settings.host(), this.settings.port());
				return;
			}
			try {
				ManagerResponse pong = connection.sendAction(new PingAction(),
						this.settings.actionTimeout().toMillis());
				if (pong == null || pong instanceof ManagerError) {
					this.lastError = "ping refused";
					log.warn("AMI ping refused by {}:{}", this.settings.host(), this.settings.port());
					return;
				}
			}
			catch (TimeoutException | IOException | IllegalStateException ex) {
				this.lastError = "ping unanswered: " + ex.getMessage();
				log.warn("AMI link to {}:{} is dead: {}", this.settings.host(), this.settings.port(), this.lastError);
				return;
			}
		}
	}

	/**
	 * Hang-ups and answers heard while Redis was away could not be stored: the state is
	 * read afresh, as after a login, so that the features heal theirs from it.
	 */
	@EventListener
	void redisRecovered(RedisRecovered recovered) {
		if (connected()) {
			log.info("Redis is back after {} ms: AMI resync", recovered.down().toMillis());
			resync();
		}
	}

	void resync() {
		try {
			// stamped when asked: what changed while the lists came in is newer than them
			Instant asked = this.clock.instant();
			AsteriskSnapshot snapshot = snapshot();
			log.info("AMI resync: {} endpoints, {} channels", snapshot.devices().size(), snapshot.channels().size());
			this.outbox.add(new AsteriskResynced(asked, snapshot));
		}
		catch (CallControlException ex) {
			log.warn("AMI resync failed: {}", ex.getMessage());
		}
	}

	private void dispatchForever() {
		while (this.running || !this.outbox.isEmpty()) {
			AsteriskEvent event;
			try {
				event = this.outbox.take();
			}
			catch (InterruptedException ex) {
				return;
			}
			try {
				this.publisher.publishEvent(event);
			}
			catch (AsteriskEventMulticaster.ListenerFailedException ex) {
				// logged by the multicaster
				this.stale = true;
			}
			catch (RuntimeException ex) {
				log.error("A listener failed on {}", event.getClass().getSimpleName(), ex);
				this.stale = true;
			}
		}
	}

	private static void close(ManagerConnection connection) {
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

	private static boolean sleep(long millis) {
		try {
			Thread.sleep(millis);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static void interrupt(Thread thread) {
		if (thread != null) {
			thread.interrupt();
		}
	}

}
