package org.switchboard.callrecord;

import java.time.Clock;
import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.switchboard.call.Next;
import org.switchboard.routing.PostCallSurvey;
import org.switchboard.call.AgiScript;
import org.switchboard.call.DigitInput;

/**
 * The post-call survey: after the agent hangs up, the caller rates the call 1 to 5; the
 * rating goes on the call's record. Which lines offer it is
 * {@code switchboard.callrecord.survey-lines}.
 */
@Configuration(proxyBeanMethods = false)
class SurveyScripts {

	@Bean
	AgiScript surveyScript(CallRecorder recorder, Clock clock) {
		return AgiScript.of("survey", (call) -> {
			DigitInput rating = call.read("beep", Duration.ofSeconds(6), 1);
			if (!rating.isEmpty() && rating.digits().length() == 1 && "12345".contains(rating.digits())) {
				call.set("SB_CSAT", rating.digits());
				recorder.rated(call.request().uniqueId(), Integer.parseInt(rating.digits()), clock.instant());
			}
			call.next(Next.HANGUP);
		});
	}

	@Bean
	PostCallSurvey postCallSurvey(CallRecordSettings settings) {
		return (line) -> line != null && settings.surveyLines().contains(line);
	}

}
