package org.switchboard.telephony;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.util.ServerSocketFacade;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import org.switchboard.call.AgiScript;

/**
 * Asterisk-Java's FastAGI server under the Spring lifecycle. Each session runs on its own
 * virtual thread (Asterisk-Java's pool of platform threads tops out in the hundreds),
 * peers outside the allow-list are refused before a byte is read, and the script name of
 * the AGI URL selects an {@link AgiScript} bean.
 */
@Component
class FastAgiServer implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(FastAgiServer.class);

	private final AgiSettings settings;

	private final Map<String, AgiScript> scripts = new HashMap<>();

	private final PeerAllowList allowList;

	private final Semaphore sessionPermits;

	private final AgiSessions agiSessions;

	private final Counter refused;

	private final Counter overloaded;

	private volatile ExecutorService sessions;

	private volatile Server server;

	private volatile boolean running;

	FastAgiServer(AgiSettings settings, List<AgiScript> scripts, MeterRegistry meters) {
		this.settings = settings;
		for (AgiScript script : scripts) {
			AgiScript clash = this.scripts.put(script.name(), script);
			if (clash != null) {
				throw new IllegalStateException("two AGI scripts named '" + script.name() + "': "
						+ clash.getClass().getName() + " and " + script.getClass().getName());
			}
		}
		this.allowList = PeerAllowList.of(settings.allowedPeers());
		this.sessionPermits = new Semaphore(settings.maxSessions());
		this.agiSessions = new AgiSessions(meters);
		this.refused = Counter.builder("switchboard.agi.refused")
			.description("FastAGI connections refused")
			.tag("reason", "peer-not-allowed")
			.register(meters);
		this.overloaded = Counter.builder("switchboard.agi.refused")
			.description("FastAGI connections refused")
			.tag("reason", "max-sessions")
			.register(meters);
		Gauge.builder("switchboard.agi.sessions.active", this, FastAgiServer::activeSessions)
			.description("AGI sessions being served")
			.register(meters);
	}

	@Override
	public void start() {
		this.sessions = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("agi-", 0).factory());
		Server server = new Server();
		AtomicReference<Throwable> failure = new AtomicReference<>();
		Thread.ofPlatform().name("agi-accept").daemon().start(() -> {
			try {
				server.startup();
			}
			catch (IOException | RuntimeException ex) {
				failure.set(ex);
				server.bound.countDown();
			}
		});
		try {
			server.bound.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while the FastAGI server started", ex);
		}
		if (failure.get() != null) {
			throw new UncheckedIOException(
					"FastAGI server cannot listen on " + this.settings.bindAddress() + ":" + this.settings.port(),
					new IOException(failure.get()));
		}
		this.server = server;
		this.running = true;
		log.info("FastAGI listening on {}:{} for scripts {}; peers allowed: {}", this.settings.bindAddress(),
				this.settings.port(), this.scripts.keySet(), this.allowList);
	}

	@Override
	public void stop() {
		this.running = false;
		Server server = this.server;
		if (server != null) {
			server.shutdown();
		}
		ExecutorService sessions = this.sessions;
		if (sessions == null) {
			return;
		}
		sessions.shutdown();
		try {
			if (!sessions.awaitTermination(this.settings.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
				log.warn("{} AGI sessions still running after {}; closing them", activeSessions(),
						this.settings.shutdownGrace());
				sessions.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			sessions.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	int activeSessions() {
		return this.settings.maxSessions() - this.sessionPermits.availablePermits();
	}

	int port() {
		return this.settings.port();
	}

	boolean listening() {
		return this.running;
	}

	/** Asterisk-Java's server with our socket, threads and script mapping. */
	private final class Server extends DefaultAgiServer {

		private final CountDownLatch bound = new CountDownLatch(1);

		Server() {
			super(null, null, SessionChannel::of);
			setMappingStrategy(this::script);
			setPort(FastAgiServer.this.settings.port());
			setSocketReadTimeout((int) FastAgiServer.this.settings.readTimeout().toMillis());
			try {
				setAddress(InetAddress.getByName(FastAgiServer.this.settings.bindAddress()));
			}
			catch (IOException ex) {
				throw new IllegalArgumentException(
						"switchboard.agi.bind-address is not an address: " + FastAgiServer.this.settings.bindAddress());
			}
		}

		private org.asteriskjava.fastagi.AgiScript script(AgiRequest request, AgiChannel channel) {
			AgiScript script = FastAgiServer.this.scripts.get(request.getScript());
			if (script == null) {
				log.warn("No AGI script '{}' (from {}); known: {}", request.getScript(), request.getRemoteAddress(),
						FastAgiServer.this.scripts.keySet());
				return null;
			}
			return (agiRequest, agiChannel) -> FastAgiServer.this.agiSessions.serve(script, agiRequest, agiChannel);
		}

		@Override
		protected ServerSocketFacade createServerSocket() throws IOException {
			ServerSocketFacade socket = super.createServerSocket();
			this.bound.countDown();
			return new AllowListedServerSocket(socket, FastAgiServer.this.allowList, FastAgiServer.this.refused);
		}

		@Override
		protected void execute(Runnable session) {
			ExecutorService sessions = FastAgiServer.this.sessions;
			if (isDie() || sessions.isShutdown()) {
				throw new RejectedExecutionException("FastAGI server is stopping");
			}
			if (!FastAgiServer.this.sessionPermits.tryAcquire()) {
				FastAgiServer.this.overloaded.increment();
				log.warn("Refused an AGI session: {} sessions already running",
						FastAgiServer.this.settings.maxSessions());
				throw new RejectedExecutionException("too many AGI sessions");
			}
			try {
				sessions.execute(() -> {
					try {
						session.run();
					}
					finally {
						FastAgiServer.this.sessionPermits.release();
					}
				});
			}
			catch (RejectedExecutionException ex) {
				FastAgiServer.this.sessionPermits.release();
				throw ex;
			}
		}

	}

}
