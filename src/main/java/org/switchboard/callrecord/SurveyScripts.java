package org.switchboard.callrecord;

import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.switchboard.telephony.AgiScript;
import org.switchboard.telephony.DigitInput;

/** The post-call survey: after the agent hangs up, the caller rates the call 1 to 5. */
@Configuration(proxyBeanMethods = false)
class SurveyScripts {

	@Bean
	AgiScript surveyScript() {
		return AgiScript.of("survey", (call) -> {
			DigitInput rating = call.read("beep", Duration.ofSeconds(6), 1);
			if (!rating.isEmpty() && "12345".contains(rating.digits())) {
				call.set("SB_CSAT", rating.digits());
			}
			call.set("SB_NEXT", "hangup");
		});
	}

}
