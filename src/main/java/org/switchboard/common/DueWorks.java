package org.switchboard.common;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Starts every component's {@link DueWork} once the application is up, and stops it after
 * every other part (calls, AMI, the web server) has stopped handing it work: a
 * component's own {@code @PreDestroy} then writes what is left, with no run under way.
 */
@Component
class DueWorks implements SmartLifecycle {

	private final ObjectProvider<DueWork.Owner> owners;

	private volatile boolean running;

	DueWorks(ObjectProvider<DueWork.Owner> owners) {
		this.owners = owners;
	}

	@Override
	public void start() {
		this.owners.orderedStream().forEach((owner) -> owner.dueWork().start());
		this.running = true;
	}

	@Override
	public void stop() {
		this.owners.orderedStream().forEach((owner) -> owner.dueWork().close());
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Below every other part's phase: started first, stopped last. */
	@Override
	public int getPhase() {
		return 0;
	}

}
