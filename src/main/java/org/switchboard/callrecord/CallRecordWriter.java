package org.switchboard.callrecord;

import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import org.switchboard.common.BatchWriter;

/**
 * Writes finished records in order, many in one round trip when calls end faster than a
 * write takes ({@link BatchWriter}), holding them in memory while the store is away
 * (Redis down) and trying again every {@code retryInterval}. The buffer is bounded: past
 * {@code bufferSize} the oldest record is dropped, logged and counted
 * ({@code switchboard.callrecord.dropped}).
 */
@Component
class CallRecordWriter implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(CallRecordWriter.class);

	private final CallRecordSettings settings;

	private final BatchWriter<CallRecord> writer;

	CallRecordWriter(CallRecords records, CallRecordSettings settings, MeterRegistry meters) {
		this.settings = settings;
		Counter dropped = Counter.builder("switchboard.callrecord.dropped")
			.description("Call records dropped because the buffer was full while Redis was away")
			.register(meters);
		this.writer = new BatchWriter<>("Call records", records::append, settings.bufferSize(), (lost) -> {
			dropped.increment();
			log.error("Call record buffer full ({}): dropped the record of call {}", settings.bufferSize(),
					lost.callId());
		});
		Gauge.builder("switchboard.callrecord.pending", this, CallRecordWriter::pending)
			.description("Call records waiting to be written")
			.register(meters);
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(this::flush, this.settings.retryInterval());
	}

	/** Writes records, several in one round trip, or holds them while Redis is away. */
	void write(List<CallRecord> records) {
		records.forEach(this.writer::hold);
		flush();
	}

	/**
	 * Writes what is held, oldest first, until the store fails; the rest waits. Spring
	 * calls it once more when Switchboard stops, before the connection pool closes:
	 * records held through an outage would otherwise wait for a retry that never comes.
	 */
	@PreDestroy
	void flush() {
		this.writer.flush();
	}

	int pending() {
		return this.writer.held();
	}

}
