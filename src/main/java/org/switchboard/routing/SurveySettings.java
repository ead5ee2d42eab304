package org.switchboard.routing;

import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The post-call survey ({@code switchboard.callrecord.survey-lines}). Routing runs the
 * dialplan after the agent, so it owns the setting; the key keeps the name sites already
 * configure.
 *
 * @param surveyLines dialled numbers whose callers are asked to rate the call (1–5) after
 * the agent hangs up
 */
@ConfigurationProperties("switchboard.callrecord")
record SurveySettings(Set<String> surveyLines) {

	SurveySettings {
		surveyLines = (surveyLines != null) ? Set.copyOf(surveyLines) : Set.of();
	}

	/** Whether callers of the line rate the call after the agent hangs up. */
	boolean offeredOn(String line) {
		return line != null && this.surveyLines.contains(line);
	}

}
