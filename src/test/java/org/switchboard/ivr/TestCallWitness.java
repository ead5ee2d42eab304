package org.switchboard.ivr;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.switchboard.call.CallEvent.IvrFinished;
import org.switchboard.PublishedEvents;
import org.switchboard.agent.Agent;
import org.switchboard.agent.AgentState;
import org.switchboard.agent.AgentStatus;
import org.switchboard.agent.Agents;
import org.switchboard.fakeasterisk.FakeAsterisk;
import org.switchboard.call.CallEvent.AgentReserved;
import org.switchboard.call.CallEvent;
import org.switchboard.routing.WaitingLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the tests of test calls look at: an idle agent the call would get, and every trace
 * a real call leaves (the events the call record and the KPIs are made of, the waiting
 * line, the agent's reservation, the IVR and routing meters).
 */
public final class TestCallWitness {

	private final PublishedEvents events;

	private final WaitingLine line;

	private final Agents agents;

	private final MeterRegistry meters;

	public TestCallWitness(PublishedEvents events, WaitingLine line, Agents agents, MeterRegistry meters) {
		this.events = events;
		this.line = line;
		this.agents = agents;
		this.meters = meters;
	}

	/**
	 * A German support agent, ready with a registered phone, ahead of any other for the
	 * support line's technical calls from Germany (the highest levels there are).
	 */
	public void readyGermanSupportAgent(FakeAsterisk asterisk, String id) {
		// callers other test classes left waiting in the shared application would take
		// a German support agent the moment they are ready: these tests are about test
		// calls, which must leave the agent alone
		this.line.waiting().forEach((call) -> this.line.remove(call.callId()));
		this.agents.delete(id);
		this.agents
			.save(new Agent(id, "Greta", "PJSIP/" + id, Map.of("german", 5, "support", 5), Set.of("de"), "de-support"));
		asterisk.phoneRegisters(id, "sip:" + id + "@127.0.0.1:5097");
		await().atMost(Duration.ofSeconds(10)).until(() -> this.agents.status(id).orElseThrow().reachable());
		this.agents.login(id);
		this.agents.ready(id);
		assertThat(this.agents.status(id).orElseThrow().state()).isEqualTo(AgentState.READY);
	}

	/** The agent is still ready and reserved for no call. */
	public void assertUntouched(String agentId) {
		AgentStatus status = this.agents.status(agentId).orElseThrow();
		assertThat(status.state()).isEqualTo(AgentState.READY);
		assertThat(status.callId()).isNull();
	}

	/**
	 * Nothing about the call reached the call record or routing: no IVR, routing or claim
	 * event names it, and it is in no waiting line.
	 */
	public void assertNoTraceOf(String callId) {
		assertThat(this.events.all(IvrFinished.class)).noneMatch((event) -> event.callId().equals(callId));
		assertThat(this.events.all(CallEvent.class)).noneMatch((event) -> event.callId().equals(callId));
		assertThat(this.events.all(AgentReserved.class)).noneMatch((event) -> event.callId().equals(callId));
		assertThat(this.line.find(callId)).isEmpty();
		assertThat(this.line.waiting()).noneMatch((waiting) -> waiting.callId().equals(callId));
	}

	/** What the IVR's and routing's meters counted so far: a real call adds to both. */
	public double counted() {
		double exits = this.meters.find("switchboard.ivr.node.exits")
			.counters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum();
		double decisions = this.meters.find("switchboard.routing.decision")
			.timers()
			.stream()
			.mapToDouble(Timer::count)
			.sum();
		return exits + decisions;
	}

}
