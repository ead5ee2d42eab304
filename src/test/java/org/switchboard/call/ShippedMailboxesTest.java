package org.switchboard.call;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every mailbox a shipped flow, schedule or the dialplan's fallback names exists in the
 * {@code switchboard} context of the shipped voicemail.conf: a missing one makes Asterisk
 * hang up on the caller who was told to leave a message.
 */
class ShippedMailboxesTest {

	private static final Pattern NAMED = Pattern.compile("mailbox:\\s*\"?([^\"\\s,}]+)\"?");

	private static final Pattern FALLBACK = Pattern.compile("(?m)^SB_FALLBACK_MAILBOX=(\\S+)");

	@Test
	void everyMailboxTheShippedFilesNameIsInVoicemailConf() throws IOException {
		Map<String, String> named = new TreeMap<>();
		try (Stream<Path> files = Stream.concat(Files.list(Path.of("config/flows")),
				Files.list(Path.of("config/schedules")))) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".yml")).toList()) {
				Matcher matcher = NAMED.matcher(Files.readString(file));
				while (matcher.find()) {
					named.put(Mailboxes.number(matcher.group(1)), file.toString());
				}
			}
		}
		Matcher fallback = FALLBACK.matcher(Files.readString(Path.of("dialplans/extensions.conf")));
		assertThat(fallback.find()).as("SB_FALLBACK_MAILBOX in the dialplan").isTrue();
		named.put(Mailboxes.number(fallback.group(1)), "SB_FALLBACK_MAILBOX");

		assertThat(named).containsKeys("1000", "2000", "3000", "4000");
		assertThat(mailboxesOfSwitchboardContext()).containsAll(named.keySet());
	}

	private static Set<String> mailboxesOfSwitchboardContext() throws IOException {
		Set<String> mailboxes = new TreeSet<>();
		String context = null;
		for (String line : Files.readAllLines(Path.of("asterisk-config/voicemail.conf"))) {
			String text = line.replaceAll(";.*", "").strip();
			if (text.startsWith("[") && text.endsWith("]")) {
				context = text.substring(1, text.length() - 1);
			}
			else if (Mailboxes.CONTEXT.equals(context) && text.contains("=>")) {
				mailboxes.add(text.substring(0, text.indexOf("=>")).strip());
			}
		}
		return mailboxes;
	}

}
