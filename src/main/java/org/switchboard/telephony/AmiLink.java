package org.switchboard.telephony;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.asteriskjava.manager.AuthenticationFailedException;
import org.asteriskjava.manager.DefaultManagerConnection;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.TimeoutException;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import org.switchboard.call.AsteriskSnapshot;
import org.switchboard.call.CallControlException;
import org.switchboard.redis.RedisRecovered;

import org.switchboard.call.AsteriskEvent.AmiConnected;
import org.switchboard.call.AsteriskEvent.AmiDisconnected;
import org.switchboard.call.AsteriskEvent.AsteriskResynced;

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

	private final AmiSettings settings;

	private final int agiPort;

	private final Clock clock;

	private final AmiEventDispatcher dispatcher;

	private final AmiActions actions;

	private final AtomicInteger connects = new AtomicInteger();

	private final Counter linkLosses;

	private volatile ManagerConnection connection;

	private volatile boolean running;

	private volatile Thread supervisor;

	private volatile String lastError = "not connected yet";

	AmiLink(AmiSettings settings, AgiSettings agi, ApplicationEventPublisher publisher, MeterRegistry meters,
			Clock clock) {
		this.settings = settings;
		this.agiPort = agi.port();
		this.dispatcher = new AmiEventDispatcher(publisher);
		this.actions = new AmiActions(settings.actionTimeout(), this::liveConnection);
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
			log.info(this.settings.howToConnect(this.agiPort));
			this.lastError = "not configured: no switchboard.ami.secret";
			return;
		}
		this.running = true;
		this.dispatcher.start();
		this.supervisor = Thread.ofVirtual().name("ami-link").start(this::superviseForever);
	}

	@Override
	public void stop() {
		this.running = false;
		Thread supervisor = this.supervisor;
		if (supervisor != null) {
			supervisor.interrupt();
		}
		this.dispatcher.stop();
		ManagerConnection connection = this.connection;
		if (connection != null) {
			AmiConnections.close(connection);
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

	/**
	 * The actions on the live link (each waits at most the action timeout), and the state
	 * of endpoints and channels.
	 */
	AmiActions actions() {
		return this.actions;
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
		ReconnectBackoff backoff = new ReconnectBackoff(this.settings);
		while (this.running) {
			boolean wasUp = runOneConnection();
			if (!this.running) {
				return;
			}
			if (wasUp) {
				backoff.reset();
			}
			if (!backoff.sleep()) {
				return;
			}
		}
	}

	/**
	 * Logs in, then watches the link until it dies; returns whether the login succeeded.
	 */
	private boolean runOneConnection() {
		CountDownLatch lost = new CountDownLatch(1);
		DefaultManagerConnection connection = AmiConnections.open(this.settings, (event) -> {
			if (event instanceof DisconnectEvent) {
				lost.countDown();
				return;
			}
			AmiEventTranslator.translate(event, this.clock.instant()).ifPresent(this.dispatcher::add);
		});
		boolean loggedIn = false;
		try {
			connection.login();
			loggedIn = true;
			loggedIn(connection);
			watch(connection, lost);
		}
		catch (AuthenticationFailedException ex) {
			this.lastError = "login refused for user '" + this.settings.username() + "'";
			log.error("AMI login to {}:{} refused for user '{}': check switchboard.ami.username and the secret",
					this.settings.host(), this.settings.port(), this.settings.username());
		}
		catch (IOException | TimeoutException | IllegalStateException ex) {
			unreachable(ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.connection = null;
			AmiConnections.close(connection);
			this.linkLosses.increment();
			if (loggedIn) {
				this.dispatcher.add(new AmiDisconnected(this.clock.instant(), this.lastError));
			}
		}
		return loggedIn;
	}

	private void loggedIn(ManagerConnection connection) {
		this.connection = connection;
		this.lastError = "none";
		int count = this.connects.incrementAndGet();
		String version = String.valueOf(connection.getVersion());
		log.info("AMI connected to {}:{} as {} (Asterisk {}, connect #{})", this.settings.host(), this.settings.port(),
				this.settings.username(), version, count);
		this.dispatcher.add(new AmiConnected(this.clock.instant(), version, count));
		resync();
	}

	/** Warns once per new error; the same error again is only a debug line. */
	private void unreachable(String error) {
		if (error.equals(this.lastError)) {
			log.debug("AMI {}:{} still unreachable: {}", this.settings.host(), this.settings.port(), error);
		}
		else {
			log.warn("AMI {}:{} unreachable: {}", this.settings.host(), this.settings.port(), error);
		}
		this.lastError = error;
	}

	/**
	 * Blocks while the link is healthy: no disconnect and every ping answered in time.
	 */
	private void watch(ManagerConnection connection, CountDownLatch lost) throws InterruptedException {
		while (this.running) {
			if (this.dispatcher.takeStale()) {
				log.info("A listener failed on an AMI event: AMI resync");
				resync();
			}
			if (lost.await(this.settings.pingInterval().toMillis(), TimeUnit.MILLISECONDS)) {
				this.lastError = "connection closed";
				log.warn("AMI link to {}:{} lost", this.settings.host(), this.settings.port());
				return;
			}
			Optional<String> dead = AmiActions.ping(connection, this.settings.actionTimeout());
			if (dead.isPresent()) {
				this.lastError = dead.get();
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
			AsteriskSnapshot snapshot = this.actions.snapshot();
			log.info("AMI resync: {} endpoints, {} channels", snapshot.devices().size(), snapshot.channels().size());
			this.dispatcher.add(new AsteriskResynced(asked, snapshot));
		}
		catch (CallControlException ex) {
			log.warn("AMI resync failed: {}", ex.getMessage());
		}
	}

}
