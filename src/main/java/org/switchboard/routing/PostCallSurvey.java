package org.switchboard.routing;

/**
 * Whether callers of a line are asked to rate the call after the agent hangs up. The call
 * record feature decides; {@code dial-result} sends an answered caller to the survey.
 */
public interface PostCallSurvey {

	boolean offeredOn(String line);

}
