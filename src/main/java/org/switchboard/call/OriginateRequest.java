package org.switchboard.call;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A call Asterisk should place: ring {@code endpoint} and, once it answers, run
 * {@code context,exten,1}.
 *
 * @param endpoint the dial string, e.g. {@code PJSIP/1001}
 * @param context where the answered channel continues
 * @param exten the extension there
 * @param ringTimeout how long to ring
 * @param callerId what the called phone shows, e.g. {@code "Callback" <+4930999>}
 * @param variables channel variables for the new channel
 */
public record OriginateRequest(String endpoint, String context, String exten, Duration ringTimeout, String callerId,
		Map<String, String> variables) {

	public OriginateRequest {
		Objects.requireNonNull(endpoint, "endpoint");
		Objects.requireNonNull(context, "context");
		Objects.requireNonNull(exten, "exten");
		if (ringTimeout == null || ringTimeout.toSeconds() < 1) {
			throw new IllegalArgumentException("ring timeout < 1s: " + ringTimeout);
		}
		variables = Map.copyOf(variables);
	}

}
