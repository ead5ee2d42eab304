package org.switchboard.routing;

import java.time.Duration;
import java.util.Optional;

import org.switchboard.telephony.AgiCall;
import org.switchboard.telephony.DigitInput;

/**
 * Asks a caller for the number to call back: their caller ID read back to confirm (1) or
 * replace (2), or a number they type ending with #. Three tries, then none. Prompts are
 * {@code custom/<language>/callback-*} (README lists them).
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
				if (choice.digits().equals("1")) {
					return number;
				}
				if (choice.digits().equals("2")) {
					number = Optional.empty();
				}
				continue;
			}
			DigitInput typed = call.read(prompts + "callback-enter-number", Duration.ofSeconds(10), MOST_DIGITS);
			number = CallbackNumbers.valid(typed.digits(), country);
			if (number.isEmpty()) {
				call.play(prompts + "callback-invalid-number", "");
			}
		}
		return Optional.empty();
	}

}
