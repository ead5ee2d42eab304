package org.switchboard.routing;

import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;

/**
 * The number a callback dials, checked with libphonenumber: a caller ID or what the
 * caller typed, read in the call's country when it has no {@code +} or international
 * prefix. Only numbers libphonenumber calls valid are dialled, in E.164.
 */
final class CallbackNumbers {

	private static final PhoneNumberUtil numbers = PhoneNumberUtil.getInstance();

	private CallbackNumbers() {
	}

	static Optional<String> valid(String number, Optional<String> country) {
		if (number == null || number.isBlank() || number.length() > 20) {
			return Optional.empty();
		}
		try {
			var parsed = numbers.parse(number, country.orElse("ZZ"));
			return numbers.isValidNumber(parsed) ? Optional.of(numbers.format(parsed, PhoneNumberFormat.E164))
					: Optional.empty();
		}
		catch (NumberParseException ex) {
			return Optional.empty();
		}
	}

}
