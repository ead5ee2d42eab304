package org.switchboard.common;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * Decides which of many like failures gets its stack trace logged: the first of each kind
 * (a name, e.g. the exception's class) in every period; the others are counted and the
 * count is handed to the next one logged. When Redis or Asterisk goes away every call
 * fails the same way at once, and printing hundreds of identical stack traces a second
 * costs the CPU the calls need, while one trace per period says all there is to say.
 */
public final class Throttled {

	private final long periodNanos;

	private final LongSupplier nanoTime;

	private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

	public Throttled(Duration period) {
		this(period, System::nanoTime);
	}

	Throttled(Duration period, LongSupplier nanoTime) {
		this.periodNanos = period.toNanos();
		this.nanoTime = nanoTime;
	}

	/**
	 * Whether this failure of the kind gets its full trace: answers -1 if not (it was
	 * counted), else how many of the kind were passed over since the last one logged.
	 */
	public long trace(String kind) {
		Window window = this.windows.computeIfAbsent(kind, (key) -> new Window());
		long now = this.nanoTime.getAsLong();
		synchronized (window) {
			if (window.loggedAt != Long.MIN_VALUE && now - window.loggedAt < this.periodNanos) {
				window.skipped++;
				return -1;
			}
			window.loggedAt = now;
			long skipped = window.skipped;
			window.skipped = 0;
			return skipped;
		}
	}

	private static final class Window {

		private long loggedAt = Long.MIN_VALUE;

		private long skipped;

	}

}
