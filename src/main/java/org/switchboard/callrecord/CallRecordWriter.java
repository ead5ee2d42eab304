package org.switchboard.callrecord;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import org.switchboard.common.BatchWriter;
import org.switchboard.common.DueWork;

/**
 * Writes finished records in order, many in one round trip when calls end faster than a
 * write takes ({@link BatchWriter}), holding them in memory while the store is away
 * (Redis down) and trying again every {@code retryInterval} while it holds any. The
 * buffer is bounded: past {@code bufferSize} the oldest record is dropped, logged and
 * counted ({@code switchboard.callrecord.dropped}).
 */
@Component
class CallRecordWriter implements DueWork.Owner {

	private static final Logger log = LoggerFactory.getLogger(CallRecordWriter.class);

	private final CallRecordSettings settings;

	private final BatchWriter<CallRecord> writer;

	private final DueWork retries;

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
		this.retries = new DueWork("call-record-retries", settings.retryInterval(), null, this::retry,
				Clock.systemUTC());
		Gauge.builder("switchboard.callrecord.pending", this, CallRecordWriter::pending)
			.description("Call records waiting to be written")
			.register(meters);
	}

	/** Writes records, several in one round trip, or holds them while Redis is away. */
	void write(List<CallRecord> records) {
		records.forEach(this.writer::hold);
		flush();
		if (pending() > 0) {
			this.retries.nudge();
		}
	}

	/** Writes what is held; while the store fails, tries again every retry interval. */
	private Optional<Instant> retry(Instant now) {
		flush();
		return (pending() > 0) ? Optional.of(now.plus(this.settings.retryInterval())) : Optional.empty();
	}

	/**
	 * Writes what is held, oldest first, until the store fails; the rest waits. Spring
	 * calls it once more when Switchboard stops, before the connection pool closes:
	 * records held through an outage would otherwise wait for a retry that never comes.
	 */
	void flush() {
		this.writer.flush();
	}

	@PreDestroy
	void stop() {
		flush();
	}

	int pending() {
		return this.writer.held();
	}

	@Override
	public DueWork dueWork() {
		return this.retries;
	}

}
