package org.switchboard.e2e;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.switchboard.e2e.Scenarios.Key;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped support flow, in each of its languages, plays prompts that exist: Asterisk
 * opens every file it is asked for.
 */
class PromptsIT extends CallsWithGermanyOpen {

	@Test
	void everyLanguageOfTheSupportFlowPlaysItsMenusAndOpeningHours() throws Exception {
		List<String> languages = List.of("en", "de", "fr", "ar", "pl");
		for (int choice = 1; choice <= languages.size(); choice++) {
			String language = languages.get(choice - 1);
			int from = this.e2e.mark();
			Sipp caller = this.e2e.call("8000", GERMAN_CALLER,
					List.of(Key.info(Duration.ofSeconds(2), (char) ('0' + choice)),
							Key.info(Duration.ofSeconds(3), '4'), Key.info(Duration.ofSeconds(12), '9')),
					null, Duration.ofSeconds(40));

			assertThat(caller.await(Duration.ofSeconds(60))).as(language + ": " + caller.diagnosis()).isTrue();
			String heard = this.e2e.logSince(from);
			assertThat(heard).as(language)
				.contains("Playing 'custom/choose-language", "Playing 'custom/" + language + "/main-menu",
						"Playing 'custom/" + language + "/hours-info", "Playing 'custom/" + language + "/hours-menu")
				.doesNotContain("Unable to open", "does not exist");
			this.e2e.hangUpAll();
		}
	}

}
