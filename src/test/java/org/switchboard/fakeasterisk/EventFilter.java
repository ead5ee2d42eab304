package org.switchboard.fakeasterisk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A manager.conf user's {@code eventfilter} lines, applied as Asterisk 20 applies them to
 * the events it broadcasts (action replies and their event lists are never filtered): a
 * filter is a regular expression searched for in the whole event text; one starting with
 * {@code !} drops what it matches. With no filter every event passes; with include
 * filters an event must match one of them, and then no exclude filter.
 */
public final class EventFilter {

	/** No filter: every event passes. */
	public static final EventFilter NONE = new EventFilter(List.of(), List.of());

	private final List<Pattern> includes;

	private final List<Pattern> excludes;

	private EventFilter(List<Pattern> includes, List<Pattern> excludes) {
		this.includes = includes;
		this.excludes = excludes;
	}

	/** The filters as written after {@code eventfilter =}. */
	public static EventFilter of(List<String> filters) {
		List<Pattern> includes = new ArrayList<>();
		List<Pattern> excludes = new ArrayList<>();
		for (String filter : filters) {
			if (filter.startsWith("!")) {
				excludes.add(Pattern.compile(filter.substring(1)));
			}
			else {
				includes.add(Pattern.compile(filter));
			}
		}
		return new EventFilter(List.copyOf(includes), List.copyOf(excludes));
	}

	/**
	 * The filters of the {@code [switchboard]} user in the shipped
	 * asterisk-config/manager.conf, the ones a real Asterisk applies to Switchboard.
	 */
	public static EventFilter shipped() {
		return of(Path.of("asterisk-config", "manager.conf"), "switchboard");
	}

	/** The {@code eventfilter} lines of one user's section of a manager.conf. */
	public static EventFilter of(Path managerConf, String user) {
		List<String> filters = new ArrayList<>();
		String section = null;
		try {
			for (String line : Files.readAllLines(managerConf)) {
				String text = line.strip();
				if (text.startsWith("[") && text.endsWith("]")) {
					section = text.substring(1, text.length() - 1).strip();
				}
				else if (user.equals(section) && !text.startsWith(";")) {
					String[] pair = text.split("=>?", 2);
					if (pair.length == 2 && pair[0].strip().equals("eventfilter")) {
						filters.add(pair[1].strip());
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return of(filters);
	}

	/** Whether Asterisk sends this event to the user. */
	public boolean passes(AmiEvent event) {
		String text = event.wire();
		boolean included = this.includes.isEmpty()
				|| this.includes.stream().anyMatch((pattern) -> pattern.matcher(text).find());
		return included && this.excludes.stream().noneMatch((pattern) -> pattern.matcher(text).find());
	}

	@Override
	public String toString() {
		return "EventFilter[include " + this.includes + ", exclude " + this.excludes + "]";
	}

}
