package org.switchboard.telephony;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;

import org.switchboard.call.AsteriskEvent.AsteriskResynced;
import org.switchboard.call.AsteriskEvent.AsteriskShutDown;

/**
 * Hands AMI's events to the listeners in Asterisk's order on one thread of its own, so
 * that a slow listener never stalls the socket reader, a channel's as the events of its
 * call ({@link CallEvents}); remembers a listener's failure so that the link reads the
 * state afresh.
 */
class AmiEventDispatcher {

	private static final Logger log = LoggerFactory.getLogger(AmiLink.class);

	private final ApplicationEventPublisher publisher;

	private final BlockingQueue<Object> outbox = new LinkedBlockingQueue<>();

	private volatile boolean running;

	private volatile Thread thread;

	/**
	 * A listener failed on an event (Redis away, say): what it heard may not be stored,
	 * so the state is read again at the next ping.
	 */
	private volatile boolean stale;

	AmiEventDispatcher(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	void start() {
		this.running = true;
		this.thread = Thread.ofVirtual().name("ami-events").start(this::dispatchForever);
	}

	void stop() {
		this.running = false;
		Thread thread = this.thread;
		if (thread != null) {
			thread.interrupt();
		}
	}

	/** What the channels' facts are for calls; only the dispatching thread uses it. */
	private final CallEvents calls = new CallEvents();

	/**
	 * Queues a fact for the listeners: an {@code AsteriskEvent} or a
	 * {@link ChannelEvent}.
	 */
	void add(Object event) {
		this.outbox.add(event);
	}

	/** Whether a listener failed since the last call. */
	boolean takeStale() {
		if (!this.stale) {
			return false;
		}
		this.stale = false;
		return true;
	}

	private void dispatchForever() {
		while (this.running || !this.outbox.isEmpty()) {
			Object event;
			try {
				event = this.outbox.take();
			}
			catch (InterruptedException ex) {
				return;
			}
			for (Object published : published(event)) {
				publish(published);
			}
		}
	}

	/**
	 * What listeners hear of a fact: the events of its call for a channel's; the calls a
	 * gap in AMI ended, before the fresh state itself; the callers Asterisk cut off on
	 * its way down, after its Shutdown.
	 */
	private List<Object> published(Object event) {
		return switch (event) {
			case ChannelEvent channel -> this.calls.of(channel);
			case AsteriskResynced resync -> {
				List<Object> all = new ArrayList<>(this.calls.resynced(resync));
				all.add(resync);
				yield all;
			}
			case AsteriskShutDown shutdown -> {
				List<Object> all = new ArrayList<>();
				all.add(shutdown);
				all.addAll(this.calls.shutDown(shutdown));
				yield all;
			}
			default -> List.of(event);
		};
	}

	private void publish(Object event) {
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
