package org.switchboard.fakeasterisk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
