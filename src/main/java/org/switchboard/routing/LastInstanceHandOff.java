package org.switchboard.routing;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import org.switchboard.call.CallEvent;
import org.switchboard.call.CallControl;
import org.switchboard.call.CallControlException;

/**
 * When the last Switchboard instance of the site stops, its waiting callers go to
 * Asterisk's fallback route at once (AMI Redirect to {@code switchboard-fallback}),
 * instead of hearing music until their next tick finds nobody. While another instance is
 * alive they stay: it takes them over. Stops after the FastAGI server and before the AMI
 * link.
 */
@Component
class LastInstanceHandOff implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(LastInstanceHandOff.class);

	private final RedisInstances instances;

	private final WaitingLine line;

	private final RedisLiveCalls calls;

	private final CallControl control;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private volatile boolean running;

	LastInstanceHandOff(RedisInstances instances, WaitingLine line, RedisLiveCalls calls, CallControl control,
			ApplicationEventPublisher events, Clock clock) {
		this.instances = instances;
		this.line = line;
		this.calls = calls;
		this.control = control;
		this.events = events;
		this.clock = clock;
	}

	@Override
	public void start() {
		this.instances.beat();
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.instances.leave();
		if (this.instances.othersAlive()) {
			log.info("Another instance is alive: it takes the waiting callers over");
			return;
		}
		int moved = 0;
		for (CallNeeds waiting : this.line.waiting()) {
			Optional<LiveCall> call = this.calls.find(waiting.callId());
			Optional<String> channel = call.filter((live) -> live.callbackNumber().isEmpty())
				.flatMap(LiveCall::channel);
			if (channel.isEmpty()) {
				// a callback has no caller on the line: it waits for the next instance
				continue;
			}
			try {
				this.control.redirect(channel.get(), "switchboard-fallback", "s", Map.of());
			}
			catch (CallControlException ex) {
				log.warn("Waiting call {} not moved to the fallback route ({}): its next tick will be",
						waiting.callId(), ex.getMessage());
				continue;
			}
			this.line.remove(waiting.callId());
			this.calls.closed(call.get());
			this.events.publishEvent(new CallEvent.CallSentToFallback(waiting.callId(), this.clock.instant()));
			moved++;
		}
		log.info("Last instance of the site stops: {} waiting caller(s) sent to the fallback route", moved);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// after the FastAGI server (no tick runs any more), before the AMI link
		return SmartLifecycle.DEFAULT_PHASE - 50;
	}

}
