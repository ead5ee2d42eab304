package org.switchboard.ivr;

import java.time.Instant;
import java.util.Optional;

import org.switchboard.call.CallRequest;

/**
 * What the IVR may ask about a call that only routing knows: the caller's country and
 * whether that country's support is open. Routing implements it; the IVR branches on it.
 */
public interface CallFacts {

	/** The ISO 3166 alpha-2 country the call belongs to, if it can be told. */
	Optional<String> country(CallRequest request);

	/** Whether the country's schedule is open at this instant. */
	boolean open(String country, Instant at);

}
