package org.switchboard.load;

import java.util.Arrays;

/** Latency samples in nanoseconds, kept whole so percentiles are exact. */
final class Latencies {

	private long[] samples = new long[1024];

	private int count;

	synchronized void add(long nanos) {
		if (this.count == this.samples.length) {
			this.samples = Arrays.copyOf(this.samples, this.count * 2);
		}
		this.samples[this.count++] = nanos;
	}

	synchronized int count() {
		return this.count;
	}

	/** The p-th percentile (0–100) in microseconds; 0 without samples. */
	synchronized double percentileMicros(double p) {
		if (this.count == 0) {
			return 0;
		}
		long[] sorted = Arrays.copyOf(this.samples, this.count);
		Arrays.sort(sorted);
		int index = (int) Math.ceil(p / 100.0 * this.count) - 1;
		return sorted[Math.max(0, Math.min(this.count - 1, index))] / 1000.0;
	}

}
