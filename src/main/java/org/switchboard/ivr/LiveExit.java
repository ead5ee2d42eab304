package org.switchboard.ivr;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.switchboard.call.AgiCall;

/** A real call: routed, its agent reserved or its place in line taken. */
final class LiveExit implements CallExit {

	private static final Logger log = LoggerFactory.getLogger(LiveExit.class);

	private final CallRouter router;

	private final DialplanHandOff handOff;

	LiveExit(CallRouter router, DialplanHandOff handOff) {
		this.router = router;
		this.handOff = handOff;
	}

	@Override
	public void route(AgiCall call, IvrOutcome.Routed routed, String language) {
		CallRouter.Step step;
		try {
			step = this.router.route(call.request(), routed);
		}
		catch (RuntimeException ex) {
			// SB_NEXT stays empty: the dialplan's fallback route takes the
			// call, never dead air
			log.warn("Routing failed for call {} ({}); the dialplan fallback takes it", call.request().uniqueId(),
					ex.toString());
			return;
		}
		this.handOff.step(call, step, routed, language, this);
	}

	@Override
	public void callback(AgiCall call, IvrOutcome.CallbackRequested callback, String language) {
		try {
			this.router.callback(call, callback, language);
		}
		catch (RuntimeException ex) {
			log.warn("Callback for call {} could not be booked ({})", call.request().uniqueId(), ex.toString());
		}
	}

}
