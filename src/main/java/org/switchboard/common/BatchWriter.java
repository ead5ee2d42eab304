package org.switchboard.common;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes items to a store in order, many in one write. Items {@link #hold held} wait for
 * the owner's next {@link #flush()} (run on a schedule), so a busy system writes a round
 * trip's worth of them at a time; an item {@link #write written} is written at once
 * unless another thread is writing, in which case that thread writes it too (a group
 * commit): callers never queue behind one another's round trips. While the store fails
 * the items are held and the next flush tries again; past {@code bound} held items the
 * oldest is dropped and told to {@code dropped}.
 *
 * @param <T> what is written
 */
public final class BatchWriter<T> {

	private static final Logger log = LoggerFactory.getLogger(BatchWriter.class);

	/** The most items one write carries, so a long outage's backlog goes in steps. */
	public static final int MOST_PER_WRITE = 500;

	private final String what;

	private final Consumer<List<T>> store;

	private final int bound;

	private final Consumer<T> dropped;

	private final Deque<T> pending = new ArrayDeque<>();

	/** Held by the one thread writing; others add their items and leave. */
	private final ReentrantLock writing = new ReentrantLock();

	private volatile boolean failing;

	/**
	 * @param what names the items in the log ("Call records")
	 * @param store writes a batch, oldest first, or throws and keeps none of it
	 * @param bound the most items held
	 * @param dropped told of each item dropped past the bound, to count and log it
	 */
	public BatchWriter(String what, Consumer<List<T>> store, int bound, Consumer<T> dropped) {
		this.what = what;
		this.store = store;
		this.bound = bound;
		this.dropped = dropped;
	}

	/** Adds an item and writes what is waiting, unless another thread is writing it. */
	public void write(T item) {
		hold(item);
		flush();
	}

	/** Adds items for the next flush. */
	public void hold(T item) {
		synchronized (this.pending) {
			this.pending.addLast(item);
			keepWithinBound();
		}
	}

	/**
	 * Writes what is held, oldest first, until the store fails; the rest waits for the
	 * next flush. Returns at once when another thread is writing: that thread looks again
	 * for items added meanwhile before it leaves.
	 */
	public void flush() {
		while (this.writing.tryLock()) {
			try {
				writeHeld();
			}
			finally {
				this.writing.unlock();
			}
			// an item added while this thread still held the lock is this thread's to
			// write
			if (this.failing || held() == 0) {
				return;
			}
		}
	}

	/** Items held, not yet written. */
	public int held() {
		synchronized (this.pending) {
			return this.pending.size();
		}
	}

	private void writeHeld() {
		while (true) {
			List<T> batch = new ArrayList<>();
			synchronized (this.pending) {
				while (batch.size() < MOST_PER_WRITE && !this.pending.isEmpty()) {
					batch.add(this.pending.removeFirst());
				}
			}
			if (batch.isEmpty()) {
				return;
			}
			try {
				this.store.accept(batch);
			}
			catch (RuntimeException ex) {
				synchronized (this.pending) {
					for (int i = batch.size() - 1; i >= 0; i--) {
						this.pending.addFirst(batch.get(i));
					}
					keepWithinBound();
				}
				if (!this.failing) {
					log.warn("{} cannot be written ({}); holding them and retrying", this.what, ex.getMessage());
					this.failing = true;
				}
				return;
			}
			if (this.failing) {
				log.info("{} are written again", this.what);
				this.failing = false;
			}
		}
	}

	private void keepWithinBound() {
		while (this.pending.size() > this.bound) {
			T lost = this.pending.removeFirst();
			this.dropped.accept(lost);
		}
	}

}
