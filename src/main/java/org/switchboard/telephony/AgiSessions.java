package org.switchboard.telephony;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.switchboard.call.AgiScript;
import org.switchboard.call.ChannelGoneException;
import org.switchboard.common.Throttled;

/**
 * Runs one AGI session's script, timed by script and by how it ended; a failing script
 * costs one log line, and a stack trace at most once a minute per kind of failure.
 */
class AgiSessions {

	private static final Logger log = LoggerFactory.getLogger(FastAgiServer.class);

	private final MeterRegistry meters;

	private final MissingSounds missingSounds;

	/**
	 * One stack trace a minute per script and kind of failure; the rest as one line each.
	 */
	private final Throttled failureTraces = new Throttled(Duration.ofMinutes(1));

	AgiSessions(MeterRegistry meters) {
		this.meters = meters;
		this.missingSounds = new MissingSounds(meters);
	}

	void serve(AgiScript script, AgiRequest request, AgiChannel channel) {
		AsteriskJavaAgiCall call = new AsteriskJavaAgiCall(request, channel, this.missingSounds);
		Timer.Sample sample = Timer.start(this.meters);
		String outcome = "completed";
		try {
			if (isBlank(request.getUniqueId()) || isBlank(request.getChannel())) {
				// Asterisk always sends both: without them the session belongs to no call
				outcome = "bad-request";
				log.warn("AGI session without a channel or unique id refused: {}", call.request());
				return;
			}
			script.handle(call);
			call.sendVariables();
		}
		catch (ChannelGoneException ex) {
			outcome = "channel-gone";
			log.debug("{} ended early: {}", call.request(), ex.getMessage());
		}
		catch (AgiProtocolException ex) {
			outcome = "protocol-error";
			log.warn("AGI script '{}' stopped for {}: {}", script.name(), call.request(), ex.getMessage());
		}
		catch (RuntimeException ex) {
			outcome = "failed";
			failed(script, call, ex);
		}
		finally {
			sendVariables(call);
			sample.stop(Timer.builder("switchboard.agi.sessions")
				.description("AGI sessions by script and how they ended")
				.tag("script", script.name())
				.tag("outcome", outcome)
				.register(this.meters));
		}
	}

	/**
	 * What the script set last reaches the dialplan even when the session ended early.
	 */
	private static void sendVariables(AsteriskJavaAgiCall call) {
		try {
			call.sendVariables();
		}
		catch (RuntimeException ex) {
			log.debug("{}: variables set last not sent: {}", call.request(), ex.getMessage());
		}
	}

	private void failed(AgiScript script, AsteriskJavaAgiCall call, RuntimeException ex) {
		long passedOver = this.failureTraces.trace(script.name() + ":" + ex.getClass().getName());
		if (passedOver >= 0) {
			log.error("AGI script '{}' failed for {} ({} more like it since the last trace)", script.name(),
					call.request(), passedOver, ex);
		}
		else {
			log.warn("AGI script '{}' failed for {}: {}", script.name(), call.request(), ex.toString());
		}
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

}
