package org.switchboard.routing;

import java.time.Duration;
import java.util.Optional;

import org.switchboard.call.AgiCall;
import org.switchboard.call.DigitInput;

/**
 * Asks a caller for the number to call back: their caller ID read back to confirm (1) or
 * replace (2), or a number they type ending with #. Silence and a wrong key are answered
 * with different words; three tries, then none. Prompts are
 * {@code custom/<language>/callback-*} (prompts/ has their texts).
 */
final class CallbackDialog {

	private static final int TRIES = 3;

	private static final int MOST_DIGITS = 16;

	private CallbackDialog() {
	}

	static Optional<String> askNumber(AgiCall call, Optional<String> country, String language) {
		String prompts = "custom/" + language + "/";
		Optional<String> number = CallbackNumbers.valid(call.request().callerId(), country);
		for (int tries = 0; tries < TRIES; tries++) {
			if (number.isPresent()) {
				call.play(prompts + "callback-your-number", "");
				call.exec("SayDigits", number.get().replace("+", ""));
				DigitInput choice = call.read(prompts + "callback-confirm", Duration.ofSeconds(5), 1);
				switch (choice.digits()) {
					case "1" -> {
						return number;
					}
					case "2" -> number = Optional.empty();
					case "" -> call.play(prompts + "callback-no-input", "");
					default -> call.play(prompts + "callback-invalid-choice", "");
				}
				continue;
			}
			DigitInput typed = call.read(prompts + "callback-enter-number", Duration.ofSeconds(10), MOST_DIGITS);
			if (typed.digits().isEmpty()) {
				call.play(prompts + "callback-no-input", "");
				continue;
			}
			number = CallbackNumbers.valid(typed.digits(), country);
			if (number.isEmpty()) {
				call.play(prompts + "callback-invalid-number", "");
			}
		}
		return Optional.empty();
	}

}
