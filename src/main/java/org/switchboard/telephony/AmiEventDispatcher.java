package org.switchboard.telephony;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;

import org.switchboard.call.AsteriskEvent;

/**
 * Hands AMI's events to the listeners in Asterisk's order on one thread of its own, so
 * that a slow listener never stalls the socket reader; remembers a listener's failure so
 * that the link reads the state afresh.
 */
class AmiEventDispatcher {

	private static final Logger log = LoggerFactory.getLogger(AmiLink.class);

	private final ApplicationEventPublisher publisher;

	private final BlockingQueue<AsteriskEvent> outbox = new LinkedBlockingQueue<>();

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

	/** Queues an event for the listeners. */
	void add(AsteriskEvent event) {
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

}
