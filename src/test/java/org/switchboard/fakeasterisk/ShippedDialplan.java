package org.switchboard.fakeasterisk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the shipped dialplans/extensions.conf runs when a channel hangs up in a context:
 * the first AGI of that context's {@code h} extension, if it has one. The fake runs no
 * dialplan of its own, so it reads this from the file that a real Asterisk runs.
 */
final class ShippedDialplan {

	private static final Pattern AGI = Pattern.compile("AGI\\(agi://\\$\\{SB_AGI_HOST\\}/([a-z-]+)((?:,[^,)]*)*)\\)");

	private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z_]+)\\}");

	private ShippedDialplan() {
	}

	/**
	 * The script and arguments the {@code h} extension of {@code context} runs, its
	 * {@code ${VAR}} taken from {@code variables}.
	 */
	static Optional<HangupAgi> hangupAgi(String context, Map<String, String> variables) {
		List<String> h = hExtension(context);
		for (String line : h) {
			Matcher agi = AGI.matcher(line);
			if (agi.find() && !line.contains("SB_AGI_HOST_2")) {
				List<String> args = new ArrayList<>();
				for (String arg : agi.group(2).split(",")) {
					if (!arg.isEmpty()) {
						Matcher variable = VARIABLE.matcher(arg);
						args.add(variable.matches() ? variables.getOrDefault(variable.group(1), "") : arg);
					}
				}
				return Optional.of(new HangupAgi(agi.group(1), args));
			}
		}
		return Optional.empty();
	}

	/** A global of the dialplan's [globals], e.g. SB_FALLBACK_MAILBOX. */
	static String global(String name) {
		return read(Path.of("dialplans", "extensions.conf")).stream()
			.map(String::strip)
			.filter((line) -> line.startsWith(name + "="))
			.map((line) -> line.substring(name.length() + 1).strip())
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("no global " + name + " in the shipped dialplan"));
	}

	/** The mailboxes of context switchboard in the shipped voicemail.conf. */
	static Set<String> mailboxes() {
		Set<String> mailboxes = new HashSet<>();
		String section = null;
		for (String line : read(Path.of("asterisk-config", "voicemail.conf"))) {
			String text = line.replaceAll(";.*", "").strip();
			if (text.startsWith("[") && text.endsWith("]")) {
				section = text.substring(1, text.length() - 1);
			}
			else if ("switchboard".equals(section) && text.contains("=>")) {
				mailboxes.add(text.substring(0, text.indexOf("=>")).strip());
			}
		}
		return mailboxes;
	}

	private static List<String> read(Path file) {
		try {
			return Files.readAllLines(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<String> hExtension(String context) {
		List<String> lines;
		try {
			lines = Files.readAllLines(Path.of("dialplans", "extensions.conf"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<String> h = new ArrayList<>();
		String section = null;
		boolean inH = false;
		for (String line : lines) {
			String text = line.strip();
			if (text.startsWith("[") && text.endsWith("]")) {
				section = text.substring(1, text.length() - 1);
				inH = false;
			}
			else if (context.equals(section) && text.startsWith("exten =>")) {
				inH = text.startsWith("exten => h,");
				if (inH) {
					h.add(text);
				}
			}
			else if (inH && text.startsWith("same =>")) {
				h.add(text);
			}
		}
		return h;
	}

	/** An AGI the dialplan runs on a channel that hung up. */
	record HangupAgi(String script, List<String> args) {

	}

}
