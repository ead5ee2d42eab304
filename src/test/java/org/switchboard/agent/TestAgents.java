package org.switchboard.agent;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

import redis.clients.jedis.UnifiedJedis;

import org.springframework.context.ApplicationEventPublisher;

import org.switchboard.redis.Keys;
import org.switchboard.call.AsteriskEvent;
import org.switchboard.call.AsteriskEvent.AsteriskResynced;
import org.switchboard.call.AsteriskEvent.ContactStatusChanged;
import org.switchboard.call.AsteriskEvent.DeviceStateChanged;

/** Agents in a real Redis for the tests of other features, and presence fed by hand. */
public final class TestAgents {

	private TestAgents() {
	}

	/** Agents of one site; one missed call pauses an agent of any team. */
	public static Agents inRedis(UnifiedJedis redis, Keys keys, Clock clock, ApplicationEventPublisher events) {
		return inRedis(redis, keys, clock, events, null);
	}

	/** As {@link #inRedis}, offered the work of {@code offer} as they become ready. */
	public static Agents inRedis(UnifiedJedis redis, Keys keys, Clock clock, ApplicationEventPublisher events,
			ReadyAgentOffer offer) {
		return new RedisAgents(redis, keys, clock, events,
				new AgentSettings(1, Map.of(), Duration.ofSeconds(5), Duration.ofSeconds(30)), offer);
	}

	/** What Spring does with AMI events for the agent feature's presence listener. */
	public static Consumer<AsteriskEvent> presence(Agents agents) {
		AgentPresence presence = new AgentPresence(agents, null);
		return (event) -> {
			switch (event) {
				case DeviceStateChanged changed -> presence.deviceStateChanged(changed);
				case ContactStatusChanged changed -> presence.contactStatusChanged(changed);
				case AsteriskResynced resynced -> presence.asteriskResynced(resynced);
				default -> {
				}
			}
		};
	}

}
