package org.switchboard.routing;

import java.time.Clock;
import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import org.switchboard.common.DueWork;

/**
 * Lines up callbacks when the first is due (a retry, a country's opening), as set on this
 * instance, and at least every overflow interval, for those another instance set and
 * left.
 */
@Component
class CallbackSweeper implements DueWork.Owner {

	private final DueWork sweeps;

	CallbackSweeper(Callbacks callbacks, RedisCallbackTimes times, Clock clock,
			@Value("${switchboard.routing.overflow-interval:5s}") Duration safety) {
		this.sweeps = new DueWork("callbacks", Duration.ofMillis(100), safety, (now) -> callbacks.lineUpDue(), clock);
		times.onCallbackDue(this.sweeps::dueAt);
	}

	@Override
	public DueWork dueWork() {
		return this.sweeps;
	}

}
