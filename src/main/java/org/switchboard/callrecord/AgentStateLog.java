package org.switchboard.callrecord;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import jakarta.annotation.PreDestroy;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import org.switchboard.call.CallEvent;
import org.switchboard.agent.AgentEvent.AgentStateChanged;
import org.switchboard.agent.AgentState;
import org.switchboard.common.BatchWriter;
import org.switchboard.common.DueWork;
import org.switchboard.call.CallEvent.AgentReserved;

/**
 * Keeps every agent's changes of state (a claim is the change to RESERVED), the input of
 * occupancy. A call changes its agent's state about four times, so the changes are held
 * and written together {@link #WRITE_INTERVAL} after the first ({@link BatchWriter}):
 * occupancy is read that much late, and a busy floor's changes cost one round trip, not
 * four a call. While Redis is away they stay held, as many as four times the call record
 * buffer, and are written when it is back; past that the oldest are dropped and counted
 * ({@code switchboard.callrecord.agent.states.dropped}): a lost change skews occupancy
 * only, never a call record.
 */
@Component
class AgentStateLog implements DueWork.Owner {

	private static final Logger log = LoggerFactory.getLogger(AgentStateLog.class);

	/** How often held changes are written. */
	static final Duration WRITE_INTERVAL = Duration.ofMillis(100);

	private static final Duration RETRY = Duration.ofSeconds(1);

	private final DueWork writes;

	private final BatchWriter<Occupancy.Change> writer;

	AgentStateLog(CallRecords records, CallRecordSettings settings, MeterRegistry meters) {
		int bound = 4 * settings.bufferSize();
		Counter dropped = Counter.builder("switchboard.callrecord.agent.states.dropped")
			.description("Agents' changes of state dropped, for occupancy, while Redis was away")
			.register(meters);
		this.writer = new BatchWriter<>("Agents' changes of state", records::appendAgentStates, bound, (lost) -> {
			dropped.increment();
			log.warn("Agent state buffer full ({}): agent {} entering {} not kept for occupancy", bound, lost.agentId(),
					lost.state());
		});
		this.writes = new DueWork("agent-state-log", WRITE_INTERVAL, null, this::write, Clock.systemUTC());
	}

	/** Writes what is held; while the store fails, tries again a second later. */
	private Optional<Instant> write(Instant now) {
		this.writer.flush();
		return (this.writer.held() > 0) ? Optional.of(now.plus(RETRY)) : Optional.empty();
	}

	@EventListener
	void changed(AgentStateChanged change) {
		this.writer.hold(new Occupancy.Change(change.agentId(), change.to().name(), change.at()));
		this.writes.nudge();
	}

	@EventListener
	void claimed(AgentReserved claimed) {
		this.writer.hold(new Occupancy.Change(claimed.agentId(), AgentState.RESERVED.name(), claimed.at()));
		this.writes.nudge();
	}

	/**
	 * Writes the changes held now (done {@link #WRITE_INTERVAL} after a change is heard,
	 * and once more when Switchboard stops, before the connection pool closes).
	 */
	@PreDestroy
	void flush() {
		this.writer.flush();
	}

	@Override
	public DueWork dueWork() {
		return this.writes;
	}

}
