package org.switchboard.callrecord;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

import org.switchboard.ivr.CallRouter;
import org.switchboard.ivr.IvrOutcome;
import org.switchboard.call.AgiCall;
import org.switchboard.call.CallRequest;

/**
 * Times every routing decision ({@code switchboard.routing.decision}, tagged with the
 * step taken) by wrapping the {@link CallRouter} the IVR hands its callers to, so routing
 * itself stays free of meters.
 */
@Component
class RoutingDecisionTimer implements BeanPostProcessor {

	private final ObjectProvider<MeterRegistry> registry;

	RoutingDecisionTimer(ObjectProvider<MeterRegistry> registry) {
		this.registry = registry;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!(bean instanceof CallRouter router)) {
			return bean;
		}
		return new CallRouter() {

			@Override
			public Step route(CallRequest request, IvrOutcome.Routed routed) {
				return timed(router, request, routed);
			}

			@Override
			public boolean callback(AgiCall call, IvrOutcome.CallbackRequested callback, String language) {
				return router.callback(call, callback, language);
			}

			// test calls are not timed: the meter is of real callers' routing
			@Override
			public Trial tryRoute(CallRequest request, IvrOutcome.Routed routed, Instant at) {
				return router.tryRoute(request, routed, at);
			}

			@Override
			public Optional<String> tryCallback(AgiCall call, IvrOutcome.CallbackRequested callback, String language) {
				return router.tryCallback(call, callback, language);
			}

		};
	}

	private CallRouter.Step timed(CallRouter router, CallRequest request, IvrOutcome.Routed routed) {
		Timer.Sample sample = Timer.start();
		String step = "error";
		try {
			CallRouter.Step decided = router.route(request, routed);
			step = switch (decided) {
				case CallRouter.Step.ConnectNow connect -> "connect";
				case CallRouter.Step.Wait wait -> "wait";
				case CallRouter.Step.Closed closed -> "closed-" + closed.then().name().toLowerCase(Locale.ROOT);
			};
			return decided;
		}
		finally {
			sample.stop(Timer.builder("switchboard.routing.decision")
				.description("Time to route a caller the IVR is done with")
				.tag("step", step)
				.publishPercentiles(0.5, 0.95, 0.99)
				.register(this.registry.getObject()));
		}
	}

}
