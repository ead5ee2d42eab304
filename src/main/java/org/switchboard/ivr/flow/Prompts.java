package org.switchboard.ivr.flow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.switchboard.common.Fields;
import org.switchboard.common.Fields.Entry;

/**
 * Reads prompts: the named ones a flow declares and the ones its nodes refer to. A prompt
 * must have a sound for every language of the flow, unless one sound serves them all.
 */
final class Prompts {

	private static final Pattern FILE_EXTENSION = Pattern
		.compile(".*\\.(gsm|wav|wav16|ulaw|alaw|sln[0-9]*|g722|g729|mp3|ogg|opus)", Pattern.CASE_INSENSITIVE);

	private Prompts() {
	}

	/** A prompt written out: one sound for every language, or a map language → sound. */
	static Optional<Prompt> sounds(Fields owner, Entry entry, List<String> languages) {
		if (entry.isScalar()) {
			return sound(owner, entry).map(Prompt::of);
		}
		Optional<Fields> byLanguage = owner.map(entry, "language");
		if (byLanguage.isEmpty()) {
			return Optional.empty();
		}
		if (byLanguage.get().entries().isEmpty()) {
			owner.problem(entry, "no sounds");
			return Optional.empty();
		}
		Map<String, String> sounds = new LinkedHashMap<>();
		for (Entry language : byLanguage.get().entries()) {
			if (!language.key().equals(Prompt.ANY_LANGUAGE) && !languages.contains(language.key())) {
				byLanguage.get().problem(language, notDeclared(language.key(), languages));
			}
			sound(byLanguage.get(), language).ifPresent((sound) -> sounds.put(language.key(), sound));
		}
		List<String> written = byLanguage.get().entries().stream().map(Entry::key).toList();
		List<String> missing = languages.stream()
			.filter((language) -> !written.contains(language) && !written.contains(Prompt.ANY_LANGUAGE))
			.toList();
		if (!missing.isEmpty()) {
			owner.problem(entry, "no sound for " + ((missing.size() == 1) ? "language " : "languages ")
					+ String.join(", ", missing));
		}
		return Optional.of(new Prompt(sounds));
	}

	/**
	 * The prompt a node refers to: a named prompt, a sound path with a {@code /} (one
	 * sound for every language), or a prompt written out in place.
	 */
	static Optional<Prompt> referred(Fields owner, Entry entry, Declarations declared) {
		if (!entry.isScalar()) {
			return sounds(owner, entry, declared.languages());
		}
		Optional<String> name = owner.text(entry);
		if (name.isEmpty()) {
			return Optional.empty();
		}
		if (declared.promptNames().contains(name.get())) {
			return Optional.ofNullable(declared.prompts().get(name.get()));
		}
		if (name.get().contains("/")) {
			return sound(owner, entry).map(Prompt::of);
		}
		owner.problem(entry, "unknown prompt '" + name.get() + "'");
		return Optional.empty();
	}

	static String notDeclared(String language, List<String> languages) {
		return "language '" + language + "' is not in languages " + languages;
	}

	private static Optional<String> sound(Fields owner, Entry entry) {
		Optional<String> sound = owner.text(entry);
		if (sound.isPresent() && sound.get().chars().anyMatch(Character::isWhitespace)) {
			owner.problem(entry, "not a sound name, it has spaces: '" + sound.get() + "'");
			return Optional.empty();
		}
		if (sound.isPresent() && FILE_EXTENSION.matcher(sound.get()).matches()) {
			owner.problem(entry, "sound with a file extension: '" + sound.get()
					+ "' (Asterisk picks the format itself, leave the extension out)");
			return Optional.empty();
		}
		return sound;
	}

}
