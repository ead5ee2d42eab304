package org.switchboard.ivr.flow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every sound the shipped flows, Switchboard's own scripts and the dialplan play exists:
 * a text in prompts/ that prompts/render.sh turns into {@code custom/...} audio, or a
 * sound of Asterisk's English core set (prompts/core-sounds.txt), which Asterisk also
 * plays to callers of other languages when it has nothing in theirs. A missing sound is
 * silence on a real call, so this fails naming the sound and the language.
 */
class ShippedPromptsTest {

	private static final Path PROMPTS = Path.of("prompts");

	/**
	 * Sounds the scripts build from the caller's language: "custom/" + language + "/x".
	 */
	private static final Pattern CODE_CUSTOM = Pattern
		.compile("\"custom/(?:\" \\+ language \\+ \"/|\\{language}/)([a-z0-9-]+)\"|prompts \\+ \"([a-z0-9-]+)\"");

	/** Sounds the scripts play by a fixed name: play("queue-minutes", ...). */
	private static final Pattern CODE_FIXED = Pattern.compile("\\.(?:play|read)\\(\"([a-z0-9/-]+)\"\\s*,");

	private static final Pattern PLAYBACK = Pattern.compile("Playback\\((.*)\\)\\s*$");

	@Test
	void everySoundOfTheShippedFlowsExistsInEachOfTheirLanguages() throws IOException {
		List<String> missing = new ArrayList<>();
		for (Flow flow : shippedFlows()) {
			for (Prompt prompt : prompts(flow)) {
				for (String language : flow.languages()) {
					String sound = prompt.sound(language, flow.fallbackLanguage());
					problem(sound).ifPresent((problem) -> missing
						.add(flow.name() + ": " + sound + " for language " + language + " (" + problem + ")"));
				}
			}
		}
		assertThat(missing).as("sounds the flows play that nothing provides").isEmpty();
	}

	@Test
	void everySoundSwitchboardsScriptsPlayExistsInEveryLanguageOfTheFlows() throws IOException {
		Set<String> languages = new TreeSet<>();
		shippedFlows().forEach((flow) -> languages.addAll(flow.languages()));
		Set<String> custom = new TreeSet<>();
		Set<String> fixed = new TreeSet<>();
		try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
			for (Path source : sources.filter((path) -> path.toString().endsWith(".java")).toList()) {
				String code = Files.readString(source);
				Matcher matcher = CODE_CUSTOM.matcher(code);
				while (matcher.find()) {
					custom.add((matcher.group(1) != null) ? matcher.group(1) : matcher.group(2));
				}
				Matcher played = CODE_FIXED.matcher(code);
				while (played.find()) {
					fixed.add(played.group(1));
				}
			}
		}
		assertThat(custom).as("prompts the scripts build from the caller's language")
			.contains("closed-until", "callback-offer", "callback-confirm");
		assertThat(fixed).as("sounds the scripts play by name").contains("queue-holdtime", "beep");
		List<String> missing = new ArrayList<>();
		for (String name : custom) {
			for (String language : languages) {
				String sound = "custom/" + language + "/" + name;
				problem(sound).ifPresent((problem) -> missing.add(sound + " (" + problem + ")"));
			}
		}
		for (String sound : fixed) {
			problem(sound).ifPresent((problem) -> missing.add(sound + " (" + problem + ")"));
		}
		assertThat(missing).as("sounds Switchboard's scripts play that nothing provides").isEmpty();
	}

	@Test
	void everySoundTheDialplanPlaysIsACoreSound() throws IOException {
		List<String> missing = new ArrayList<>();
		for (String line : Files.readAllLines(Path.of("dialplans/extensions.conf"))) {
			Matcher playback = PLAYBACK.matcher(line);
			if (!playback.find()) {
				continue;
			}
			for (String sound : playbackSounds(playback.group(1))) {
				problem(sound).ifPresent((problem) -> missing.add(sound + " (" + problem + ")"));
			}
		}
		assertThat(missing).as("sounds the dialplan plays that nothing provides").isEmpty();
	}

	/** The list of core sounds is checked against the installed Debian package. */
	@Test
	void everyListedCoreSoundIsInAsterisksEnglishCoreSet() throws IOException {
		Path english = Path.of("/usr/share/asterisk/sounds/en");
		assumeTrue(Files.isDirectory(english), "asterisk-core-sounds-en-gsm is not installed here");
		List<String> absent = new ArrayList<>();
		for (String sound : coreSounds()) {
			try (Stream<Path> files = Files.list(english.resolve(sound).getParent())) {
				String file = english.resolve(sound).getFileName().toString();
				if (files.noneMatch((path) -> path.getFileName().toString().startsWith(file + "."))) {
					absent.add(sound);
				}
			}
		}
		assertThat(absent).as("listed in prompts/core-sounds.txt but not in " + english).isEmpty();
	}

	/** Why nothing provides this sound, or empty when something does. */
	private static java.util.Optional<String> problem(String sound) throws IOException {
		if (sound.startsWith("custom/")) {
			Path text = PROMPTS.resolve(sound.substring("custom/".length()) + ".txt");
			if (!Files.isRegularFile(text) || Files.readString(text).isBlank()) {
				return java.util.Optional.of("no text " + text);
			}
			return java.util.Optional.empty();
		}
		String core = sound.startsWith("en/") ? sound.substring(3) : sound;
		if (!coreSounds().contains(core)) {
			return java.util.Optional
				.of("not a custom/ prompt and not an English core sound in " + PROMPTS.resolve("core-sounds.txt"));
		}
		return java.util.Optional.empty();
	}

	private static Set<String> coreSounds() throws IOException {
		Set<String> sounds = new TreeSet<>();
		for (String line : Files.readAllLines(PROMPTS.resolve("core-sounds.txt"))) {
			String sound = line.replaceAll("#.*", "").strip();
			if (!sound.isEmpty()) {
				sounds.add(sound);
			}
		}
		return sounds;
	}

	/**
	 * The sounds of a Playback argument: files joined by {@code &}, or the choices of an
	 * {@code ${IF(...?a:b)}}.
	 */
	static List<String> playbackSounds(String argument) {
		String files = argument.split(",", -1)[0];
		if (files.startsWith("${IF(")) {
			String choices = files.substring(files.lastIndexOf('?') + 1, files.lastIndexOf(")}"));
			return List.of(choices.split(":"));
		}
		return List.of(files.split("&"));
	}

	private static List<Flow> shippedFlows() throws IOException {
		List<Flow> flows = new ArrayList<>();
		try (Stream<Path> files = Files.list(Path.of("config/flows"))) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".yml")).sorted().toList()) {
				flows.add(new FlowReader().read(file.getFileName().toString(), Files.readString(file)));
			}
		}
		assertThat(flows).extracting(Flow::name).contains("support", "vip");
		return flows;
	}

	/** Every prompt a node of the flow can play. */
	private static List<Prompt> prompts(Flow flow) {
		List<Prompt> prompts = new ArrayList<>();
		for (Node node : flow.nodes().values()) {
			switch (node) {
				case Node.Play play -> prompts.addAll(play.prompts());
				case Node.Menu menu -> {
					prompts.add(menu.prompt());
					menu.invalidPrompt().ifPresent(prompts::add);
					menu.timeoutPrompt().ifPresent(prompts::add);
				}
				case Node.Collect collect -> {
					prompts.add(collect.prompt());
					collect.invalidPrompt().ifPresent(prompts::add);
				}
				case Node.Language language -> prompts.add(language.prompt());
				case Node.Voicemail voicemail -> voicemail.prompt().ifPresent(prompts::add);
				case Node.Callback callback -> callback.prompt().ifPresent(prompts::add);
				case Node.Hangup hangup -> hangup.prompt().ifPresent(prompts::add);
				case Node.Branch branch -> {
				}
				case Node.Route route -> {
				}
				case Node.Goto jump -> {
				}
			}
		}
		return prompts;
	}

}
