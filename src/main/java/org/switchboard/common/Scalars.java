package org.switchboard.common;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed values from the text of one scalar of a {@link Document}: whole numbers, bounded
 * numbers, durations and flags. A malformed text is described to {@code invalid} and
 * reads as empty, so whoever asked can tell where it was.
 */
final class Scalars {

	private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})(ms|s)");

	private static final Pattern WHOLE_NUMBER = Pattern.compile("-?[0-9]{1,18}");

	private Scalars() {
	}

	static OptionalLong wholeNumber(String text, Consumer<String> invalid) {
		if (WHOLE_NUMBER.matcher(text).matches()) {
			return OptionalLong.of(Long.parseLong(text));
		}
		invalid.accept("not a whole number: '" + text + "'");
		return OptionalLong.empty();
	}

	/** A whole number within {@code min..max}. */
	static Optional<Integer> number(String text, long min, long max, Consumer<String> invalid) {
		OptionalLong number = wholeNumber(text, invalid);
		if (number.isEmpty()) {
			return Optional.empty();
		}
		if (number.getAsLong() < min || number.getAsLong() > max) {
			invalid.accept("not within " + min + ".." + max + ": " + number.getAsLong());
			return Optional.empty();
		}
		return Optional.of((int) number.getAsLong());
	}

	/** A duration written like {@code 5s} or {@code 500ms}, within {@code min..max}. */
	static Optional<Duration> duration(String text, Duration min, Duration max, Consumer<String> invalid) {
		Matcher matcher = DURATION.matcher(text);
		if (!matcher.matches()) {
			invalid.accept("not a duration like 5s or 500ms: '" + text + "'");
			return Optional.empty();
		}
		long amount = Long.parseLong(matcher.group(1));
		Duration duration = matcher.group(2).equals("s") ? Duration.ofSeconds(amount) : Duration.ofMillis(amount);
		if (duration.compareTo(min) < 0 || duration.compareTo(max) > 0) {
			invalid.accept("not within " + format(min) + ".." + format(max) + ": " + text);
			return Optional.empty();
		}
		return Optional.of(duration);
	}

	/** {@code true} or {@code false}, in any case. */
	static Optional<Boolean> flag(String text, Consumer<String> invalid) {
		return switch (text.toLowerCase(Locale.ROOT)) {
			case "true" -> Optional.of(true);
			case "false" -> Optional.of(false);
			default -> {
				invalid.accept("not true or false: '" + text + "'");
				yield Optional.empty();
			}
		};
	}

	private static String format(Duration duration) {
		return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
	}

}
