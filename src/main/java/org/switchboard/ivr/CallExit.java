package org.switchboard.ivr;

import org.switchboard.call.AgiCall;

/**
 * Where a caller who wants an agent or a callback goes when the IVR is done: a real call
 * is routed and booked, a test call is only told what would happen.
 */
interface CallExit {

	void route(AgiCall call, IvrOutcome.Routed routed, String language);

	/**
	 * Asks for the number to call back; whatever happens, the caller is done after.
	 */
	void callback(AgiCall call, IvrOutcome.CallbackRequested callback, String language);

}
