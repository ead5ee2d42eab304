package org.switchboard.ivr;

import org.switchboard.telephony.CallRequest;

/**
 * Where a caller who asked for an agent goes when the IVR is done: straight to an agent,
 * or into the waiting line. Routing implements it.
 */
public interface CallRouter {

	Step route(CallRequest request, IvrOutcome.Routed routed);

	/** The next step of a routed call. */
	sealed interface Step {

		/** An agent was reserved for the call: connect now. */
		record ConnectNow(String agentId) implements Step {

		}

		/** Nobody can take the call yet: it waits in line at this position. */
		record Wait(String queue, int position) implements Step {

		}

	}

}
