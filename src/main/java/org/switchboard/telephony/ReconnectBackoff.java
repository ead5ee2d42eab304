package org.switchboard.telephony;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wait before the next AMI login: doubling from the initial delay up to the maximum,
 * jittered so that many instances do not knock on a restarted Asterisk at once.
 */
class ReconnectBackoff {

	private static final Logger log = LoggerFactory.getLogger(AmiLink.class);

	private final String host;

	private final int port;

	private final Duration initial;

	private final Duration max;

	private Duration delay;

	ReconnectBackoff(AmiSettings settings) {
		this.host = settings.host();
		this.port = settings.port();
		this.initial = settings.reconnectInitialDelay();
		this.max = settings.reconnectMaxDelay();
		this.delay = this.initial;
	}

	/** Starts again from the initial delay, after a link that was up. */
	void reset() {
		this.delay = this.initial;
	}

	/** Sleeps the jittered wait; false if interrupted meanwhile. */
	boolean sleep() {
		long wait = nextWaitMillis();
		log.debug("AMI reconnect to {}:{} in {} ms", this.host, this.port, wait);
		try {
			Thread.sleep(wait);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** The jittered wait in ms for this attempt; the next one waits twice as long. */
	private long nextWaitMillis() {
		// the jitter never takes the wait past reconnect-max-delay (5 s by default)
		long jittered = Math.min(this.max.toMillis(),
				(long) (this.delay.toMillis() * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble())));
		this.delay = this.delay.multipliedBy(2);
		if (this.delay.compareTo(this.max) > 0) {
			this.delay = this.max;
		}
		return jittered;
	}

}
