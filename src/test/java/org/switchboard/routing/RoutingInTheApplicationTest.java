package org.switchboard.routing;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

import org.switchboard.call.CallEvent;
import org.switchboard.call.CallEvent.AgentReserved;
import org.switchboard.PublishedEvents;
import org.switchboard.SwitchboardTest;
import org.switchboard.agent.Agent;
import org.switchboard.agent.Agents;
import org.switchboard.call.AsteriskEvent.DeviceStateChanged;
import org.switchboard.call.DeviceState;

import static org.assertj.core.api.Assertions.assertThat;

/** Agents, claims and the waiting line as the running application wires them. */
@SwitchboardTest
class RoutingInTheApplicationTest {

	@Autowired
	Agents agents;

	@Autowired
	AgentClaims claims;

	@Autowired
	WaitingLine line;

	@Autowired
	ApplicationEventPublisher publisher;

	@Autowired
	PublishedEvents events;

	@Autowired
	Clock clock;

	@Test
	void anAgentWhosePhoneComesBackTakesTheCallWaitingForThem() {
		this.agents.save(new Agent("7001", "Ada", "PJSIP/7001", Map.of("wired", 2), Set.of("de"), "support"));
		this.agents.reachable("7001", true);
		this.agents.login("7001");
		this.publisher
			.publishEvent(new DeviceStateChanged(this.clock.instant(), "PJSIP/7001", DeviceState.UNAVAILABLE));
		this.agents.ready("7001");
		CallNeeds call = new CallNeeds("wired-1", "wired", Map.of("wired", 1, "de", 1), 0, this.clock.instant());

		assertThat(this.claims.claimOrWait(call)).isEmpty();
		assertThat(this.line.position("wired-1")).hasValue(1);

		this.publisher.publishEvent(new DeviceStateChanged(this.clock.instant(), "PJSIP/7001", DeviceState.NOT_INUSE));

		AgentReserved claimed = this.events.await(AgentReserved.class, (event) -> event.callId().equals("wired-1"),
				Duration.ofSeconds(5));
		assertThat(claimed.agentId()).isEqualTo("7001");
		assertThat(claimed.fromWaitingLine()).isTrue();
		assertThat(claimed.leaseUntil()).isEqualTo(claimed.at().plusSeconds(30));
		assertThat(this.line.size("wired")).isZero();
	}

}
