package org.switchboard.routing;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The quota a call counts against: its country's calls with an agent at once, and the
 * calls given an agent in this occurrence of the open window. A call is held in line
 * while either is used up, even with agents free.
 *
 * @param country the country whose calls are counted
 * @param maxConcurrent the most of its calls with an agent (reserved, ringing or talking)
 * at once
 * @param window the occurrence of the window that counts, e.g. {@code 1795680000}, the
 * second it opened; blank when no per-window limit applies
 * @param maxAnswered the most of its calls given an agent in that occurrence
 * @param windowCloses when the occurrence ends; its count is kept a day past it
 */
public record CallQuota(String country, OptionalInt maxConcurrent, String window, OptionalInt maxAnswered,
		Instant windowCloses) {

	public CallQuota {
		if (country == null || !country.matches("[A-Z]{2}")) {
			throw new IllegalArgumentException("quota country is not an ISO 3166 code: '" + country + "'");
		}
		Objects.requireNonNull(maxConcurrent, "maxConcurrent");
		Objects.requireNonNull(window, "window");
		Objects.requireNonNull(maxAnswered, "maxAnswered");
		Objects.requireNonNull(windowCloses, "windowCloses");
		if (maxAnswered.isPresent() && window.isBlank()) {
			throw new IllegalArgumentException("a per-window quota of " + country + " needs its window");
		}
	}

	/**
	 * The quota as the Lua scripts take it, by name: country, maxConcurrent, window,
	 * maxAnswered, windowCloses in ms ({@code ''} and {@code -1} for none). The call's
	 * hash keeps the country as {@code quotaCountry} (its {@code country} is the
	 * schedule's, written by routing) and windowCloses as {@code windowEnds}.
	 */
	static Map<String, String> named(Optional<CallQuota> quota) {
		if (quota.isEmpty()) {
			return Map.of("country", "", "maxConcurrent", "-1", "window", "", "maxAnswered", "-1", "windowCloses", "0");
		}
		CallQuota q = quota.get();
		return Map.of("country", q.country, "maxConcurrent", Integer.toString(q.maxConcurrent.orElse(-1)), "window",
				q.window, "maxAnswered", Integer.toString(q.maxAnswered.orElse(-1)), "windowCloses",
				Long.toString(q.windowCloses.toEpochMilli()));
	}

	/** The quota a remembered call's fields hold, as {@link #named} gave them. */
	static Optional<CallQuota> of(Map<String, String> fields) {
		String country = fields.getOrDefault("quotaCountry", "");
		if (country.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(new CallQuota(country, limit(fields.get("maxConcurrent")), fields.getOrDefault("window", ""),
				limit(fields.get("maxAnswered")),
				Instant.ofEpochMilli(Long.parseLong(fields.getOrDefault("windowEnds", "0")))));
	}

	private static OptionalInt limit(String text) {
		int limit = (text != null) ? Integer.parseInt(text) : -1;
		return (limit >= 0) ? OptionalInt.of(limit) : OptionalInt.empty();
	}

}
