package org.switchboard.telephony;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sounds Asterisk could not find. The caller hears nothing there and the call goes on;
 * each sound is logged once per process (a missing prompt would otherwise log on every
 * call) and counted on every call. Sound names come from flows and code, never from
 * callers, so the tags stay few.
 */
final class MissingSounds {

	private static final Logger log = LoggerFactory.getLogger(MissingSounds.class);

	private final MeterRegistry meters;

	private final Set<String> logged = ConcurrentHashMap.newKeySet();

	MissingSounds(MeterRegistry meters) {
		this.meters = meters;
	}

	void missing(String sound) {
		String language = language(sound);
		Counter.builder("switchboard.ivr.prompt.missing")
			.description("Prompts Asterisk had no sound file for; the caller heard nothing there")
			.tag("prompt", sound)
			.tag("language", language)
			.register(this.meters)
			.increment();
		if (this.logged.add(sound)) {
			log.warn("Asterisk has no sound file for prompt '{}' (language {}): callers hear nothing there and the "
					+ "call goes on. Render it with prompts/render.sh into Asterisk's sounds directory, or record it",
					sound, language);
		}
	}

	/**
	 * The language folder of a sound: {@code custom/de/main-menu} and {@code de/vm-sorry}
	 * are German; {@code custom/choose-language} or {@code beep} have none.
	 */
	static String language(String sound) {
		String[] folders = sound.split("/");
		if (folders.length >= 3 && folders[0].equals("custom") && isLanguage(folders[1])) {
			return folders[1];
		}
		if (folders.length >= 2 && isLanguage(folders[0])) {
			return folders[0];
		}
		return "none";
	}

	private static boolean isLanguage(String folder) {
		return folder.matches("[a-z]{2}(_[A-Za-z0-9]+)*");
	}

}
