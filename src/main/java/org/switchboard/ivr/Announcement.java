package org.switchboard.ivr;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import org.switchboard.ivr.flow.Prompt;

/**
 * An emergency announcement played to every caller of a country (or of every country,
 * scope {@value #GLOBAL}) before the first menu, while it is on: how support tells
 * callers about an outage before they wait to hear it from an agent.
 *
 * @param scope {@value #GLOBAL} or an ISO 3166 alpha-2 country code
 * @param sounds the sound per language ({@code *} for all)
 * @param on whether callers hear it now
 * @param changedAt when it was last set
 */
public record Announcement(String scope, Map<String, String> sounds, boolean on, Instant changedAt) {

	public static final String GLOBAL = "global";

	public Announcement {
		scope = normalizeScope(scope);
		sounds = Map.copyOf(sounds);
		if (sounds.isEmpty()) {
			throw new IllegalArgumentException("announcement for " + scope + " has no sound");
		}
	}

	public Prompt prompt() {
		return new Prompt(this.sounds);
	}

	/** {@code global} or an upper-case two-letter country; anything else is refused. */
	public static String normalizeScope(String scope) {
		if (scope == null) {
			throw new IllegalArgumentException("announcement scope is missing");
		}
		if (scope.equalsIgnoreCase(GLOBAL)) {
			return GLOBAL;
		}
		String country = scope.toUpperCase(Locale.ROOT);
		if (!country.matches("[A-Z]{2}") || !java.util.Set.of(Locale.getISOCountries()).contains(country)) {
			throw new IllegalArgumentException("announcement scope is neither 'global' nor a country code: " + scope);
		}
		return country;
	}

}
