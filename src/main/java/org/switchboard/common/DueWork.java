package org.switchboard.common;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work done when it is due rather than on a fixed beat: a sweep that finds nothing to do
 * costs nothing, because it does not run. The work runs on a virtual thread of its own
 * when {@link #nudge nudged} (something was handed to it: it runs within the batching
 * delay, so a busy system does a round trip's worth at a time), when the time it asked
 * for comes (each run answers when it next has something due, as far as it can tell),
 * and, if a safety interval is given, at least that often, for work it cannot be told of
 * (another instance's, left behind when that instance stopped). Two runs are never closer
 * than the batching delay: work due every few milliseconds under load (a wrap-up ending
 * per call) is done a batch at a time, not a run per item.
 */
public final class DueWork implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(DueWork.class);

	private final String name;

	private final Duration batching;

	private final Duration safety;

	private final Function<Instant, Optional<Instant>> work;

	private final Clock clock;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition changed = this.lock.newCondition();

	/** When the work runs next; guarded by the lock. */
	private Instant next;

	/**
	 * The soonest the next run may start: the last run's start plus the batching delay.
	 */
	private Instant notBefore = Instant.MIN;

	private boolean closed;

	private Thread thread;

	/**
	 * @param name the thread's name, and the log's
	 * @param batching how long after a nudge the work runs
	 * @param safety the longest time between two runs, or null for no such limit
	 * @param work the work, given the time it runs at; answers when it next has something
	 * due, or empty when nothing it knows of
	 * @param clock the time
	 */
	public DueWork(String name, Duration batching, Duration safety, Function<Instant, Optional<Instant>> work,
			Clock clock) {
		this.name = name;
		this.batching = batching;
		this.safety = safety;
		this.work = work;
		this.clock = clock;
	}

	/** Starts the thread; the work runs once at once. */
	public DueWork start() {
		this.lock.lock();
		try {
			this.next = this.clock.instant();
			this.thread = Thread.ofVirtual().name(this.name).start(this::loop);
		}
		finally {
			this.lock.unlock();
		}
		return this;
	}

	/** Something to do: the work runs within the batching delay. */
	public void nudge() {
		dueAt(this.clock.instant().plus(this.batching));
	}

	/** The work runs at that time at the latest. */
	public void dueAt(Instant at) {
		this.lock.lock();
		try {
			if (this.next == null || at.isBefore(this.next)) {
				this.next = at;
				this.changed.signal();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/** When the work runs next, as planned now; for tests and meters. */
	public Optional<Instant> next() {
		this.lock.lock();
		try {
			return Optional.ofNullable(this.next);
		}
		finally {
			this.lock.unlock();
		}
	}

	private void loop() {
		while (awaitDue()) {
			Instant now = this.clock.instant();
			this.lock.lock();
			try {
				this.notBefore = now.plus(this.batching);
			}
			finally {
				this.lock.unlock();
			}
			Optional<Instant> due;
			try {
				due = this.work.apply(now);
			}
			catch (RuntimeException ex) {
				log.warn("{} failed: {}", this.name, ex.getMessage());
				due = Optional.of(now.plus((this.safety != null) ? this.safety : Duration.ofSeconds(1)));
			}
			Instant later = (this.safety != null) ? now.plus(this.safety) : null;
			due.ifPresent((at) -> dueAt(at.isBefore(now) ? now : at));
			if (later != null) {
				dueAt(later);
			}
		}
	}

	/** Waits until the work is due; false once closed. */
	private boolean awaitDue() {
		this.lock.lock();
		try {
			while (!this.closed) {
				if (this.next != null) {
					Instant at = this.next.isBefore(this.notBefore) ? this.notBefore : this.next;
					long wait = Duration.between(this.clock.instant(), at).toNanos();
					if (wait <= 0) {
						this.next = null;
						return true;
					}
					this.changed.awaitNanos(wait);
				}
				else {
					this.changed.await();
				}
			}
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * A component whose work is done when due: its work starts when the application is up
	 * and stops when every other part has stopped.
	 */
	public interface Owner {

		/** The component's work. */
		DueWork dueWork();

	}

	/** Stops the thread after the run under way, if any; the work does not run again. */
	@Override
	public void close() {
		this.lock.lock();
		Thread running;
		try {
			this.closed = true;
			this.changed.signal();
			running = this.thread;
		}
		finally {
			this.lock.unlock();
		}
		if (running != null && running != Thread.currentThread()) {
			try {
				running.join(Duration.ofSeconds(10));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
