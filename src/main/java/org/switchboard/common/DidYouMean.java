package org.switchboard.common;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Suggests the known name an unknown one was probably meant to be, for error messages.
 */
public final class DidYouMean {

	private DidYouMean() {
	}

	/**
	 * The known name within two edits of the unknown one (case aside), if any; the
	 * closest wins.
	 */
	public static Optional<String> nearest(String unknown, Collection<String> known) {
		String nearest = null;
		int best = 3;
		for (String candidate : known) {
			int distance = candidate.equalsIgnoreCase(unknown) ? 0
					: editDistance(candidate.toLowerCase(Locale.ROOT), unknown.toLowerCase(Locale.ROOT));
			if (distance < best) {
				best = distance;
				nearest = candidate;
			}
		}
		return Optional.ofNullable(nearest);
	}

	private static int editDistance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

}
