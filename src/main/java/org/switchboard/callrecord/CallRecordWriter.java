package org.switchboard.callrecord;

import java.util.ArrayDeque;
import java.util.Deque;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Writes finished records in order, holding them in memory while the store is away (Redis
 * down) and trying again every {@code retryInterval}. The buffer is bounded: past
 * {@code bufferSize} the oldest record is dropped, logged and counted
 * ({@code switchboard.callrecord.dropped}).
 */
@Component
class CallRecordWriter implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(CallRecordWriter.class);

	private final CallRecords records;

	private final CallRecordSettings settings;

	private final Deque<CallRecord> pending = new ArrayDeque<>();

	private final Counter dropped;

	private boolean failing;

	CallRecordWriter(CallRecords records, CallRecordSettings settings, MeterRegistry meters) {
		this.records = records;
		this.settings = settings;
		this.dropped = Counter.builder("switchboard.callrecord.dropped")
			.description("Call records dropped because the buffer was full while Redis was away")
			.register(meters);
		Gauge.builder("switchboard.callrecord.pending", this, CallRecordWriter::pending)
			.description("Call records waiting to be written")
			.register(meters);
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(this::flush, this.settings.retryInterval());
	}

	void write(CallRecord record) {
		synchronized (this.pending) {
			if (this.pending.size() >= this.settings.bufferSize()) {
				CallRecord lost = this.pending.removeFirst();
				this.dropped.increment();
				log.error("Call record buffer full ({}): dropped the record of call {}", this.settings.bufferSize(),
						lost.callId());
			}
			this.pending.addLast(record);
		}
		flush();
	}

	/** Writes what is held, oldest first, until the store fails; the rest waits. */
	void flush() {
		synchronized (this.pending) {
			while (!this.pending.isEmpty()) {
				CallRecord next = this.pending.peekFirst();
				try {
					this.records.append(next);
				}
				catch (RuntimeException ex) {
					if (!this.failing) {
						log.warn("Call records cannot be written ({}); holding them and retrying", ex.getMessage());
						this.failing = true;
					}
					return;
				}
				this.pending.removeFirst();
				if (this.failing) {
					log.info("Call records are written again");
					this.failing = false;
				}
			}
		}
	}

	int pending() {
		synchronized (this.pending) {
			return this.pending.size();
		}
	}

}
