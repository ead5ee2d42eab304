package org.switchboard.call;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.switchboard.call.AsteriskEvent.OriginateFinished;

/**
 * What features may ask of Asterisk over AMI. Every call returns within the action
 * timeout; Asterisk's refusals and a missing link surface as
 * {@link CallControlException}.
 */
public interface CallControl {

	/**
	 * Sets the variables on the channel, then moves it to priority 1 of
	 * {@code context,exten}. A channel inside an AGI script moves only once that script
	 * closes.
	 */
	void redirect(String channel, String context, String exten, Map<String, String> variables);

	void setVariable(String channel, String variable, String value);

	/** Hangs up a channel with a Q.850 cause (16 normal clearing). */
	void hangup(String channel, int cause);

	/**
	 * Starts an asynchronous Originate. The future completes with Asterisk's
	 * OriginateResponse, or with {@link OriginateOutcome#TIMED_OUT} when none comes in
	 * time.
	 */
	CompletableFuture<OriginateFinished> originate(OriginateRequest request);

	/** Reads the device states and the live channels now. */
	AsteriskSnapshot snapshot();

	/**
	 * Reads the device states and the live channels now and publishes them as an
	 * {@link AsteriskEvent.AsteriskResynced}, in order with the events, for every feature
	 * to heal from; a failed read is logged and skipped.
	 */
	void resync();

	/**
	 * Whether this PJSIP endpoint, e.g. {@code PJSIP/1001}, has a contact Asterisk can
	 * reach now (Reachable, or registered without qualify); false for none or an unknown
	 * endpoint.
	 */
	boolean reachable(String device);

	/** Whether the AMI link is up. */
	boolean connected();

}
