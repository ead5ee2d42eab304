package org.switchboard.ivr.flow;

import java.util.Map;

/**
 * One prompt in every language of its flow: the Asterisk sound to play per language code,
 * e.g. {@code en → "en/welcome"}, or one sound for all languages ({@code * → "beep"}).
 */
public record Prompt(Map<String, String> soundByLanguage) {

	public static final String ANY_LANGUAGE = "*";

	public Prompt {
		soundByLanguage = Map.copyOf(soundByLanguage);
	}

	/** The same sound whatever the language, e.g. a beep. */
	public static Prompt of(String sound) {
		return new Prompt(Map.of(ANY_LANGUAGE, sound));
	}

	/**
	 * The sound for this language, else the fallback language's, else the
	 * language-neutral one.
	 */
	public String sound(String language, String fallbackLanguage) {
		String sound = this.soundByLanguage.get(language);
		if (sound == null) {
			sound = this.soundByLanguage.get(fallbackLanguage);
		}
		if (sound == null) {
			sound = this.soundByLanguage.get(ANY_LANGUAGE);
		}
		if (sound == null) {
			throw new IllegalStateException(
					"prompt has neither " + language + " nor " + fallbackLanguage + ": " + this.soundByLanguage);
		}
		return sound;
	}

	/** Whether a caller in this language hears a sound made for it (or a neutral one). */
	public boolean covers(String language) {
		return this.soundByLanguage.containsKey(language) || this.soundByLanguage.containsKey(ANY_LANGUAGE);
	}

}
