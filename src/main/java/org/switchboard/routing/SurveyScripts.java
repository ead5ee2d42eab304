package org.switchboard.routing;

import java.time.Clock;
import java.time.Duration;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.switchboard.call.AgiScript;
import org.switchboard.call.CallRated;
import org.switchboard.call.DigitInput;
import org.switchboard.call.Next;

/**
 * The post-call survey: after the agent hangs up, {@code dial-result} sends the caller of
 * a line in {@link SurveySettings} here to rate the call 1 to 5; a rating is published as
 * {@link CallRated} for the call's record.
 */
@Configuration(proxyBeanMethods = false)
class SurveyScripts {

	@Bean
	AgiScript surveyScript(ApplicationEventPublisher events, Clock clock) {
		return AgiScript.of("survey", (call) -> {
			DigitInput rating = call.read("beep", Duration.ofSeconds(6), 1);
			if (!rating.isEmpty() && rating.digits().length() == 1 && "12345".contains(rating.digits())) {
				call.set("SB_CSAT", rating.digits());
				events.publishEvent(
						new CallRated(call.request().uniqueId(), Integer.parseInt(rating.digits()), clock.instant()));
			}
			call.next(Next.HANGUP);
		});
	}

}
