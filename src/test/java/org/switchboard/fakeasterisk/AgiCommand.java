package org.switchboard.fakeasterisk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One command line from a FastAGI script, split into words as res_agi does: on blanks
 * unless double-quoted, with {@code \"} and {@code \\} unescaped.
 *
 * @param line the line as sent
 * @param verb the command the leading words name
 * @param words all words, including the command's own
 */
record AgiCommand(String line, Verb verb, List<String> words) {

	/**
	 * The command named by the line's leading words, or empty for an unknown command or a
	 * line without words.
	 */
	static Optional<AgiCommand> parse(String line) {
		List<String> words = words(line);
		return Verb.of(words).map((verb) -> new AgiCommand(line, verb, words));
	}

	/**
	 * The i-th word after the command's own words, or the fallback when there are fewer.
	 */
	String arg(int i, String fallback) {
		int index = this.verb.words.length + i;
		return (index < this.words.size()) ? this.words.get(index) : fallback;
	}

	/** The number of words, the command's own included, as res_agi's argc. */
	int argc() {
		return this.words.size();
	}

	private static List<String> words(String line) {
		List<String> words = new ArrayList<>();
		StringBuilder word = null;
		boolean quoted = false;
		boolean escaped = false;
		for (char c : line.toCharArray()) {
			if (c == '"' && !escaped) {
				quoted = !quoted;
				if (quoted && word == null) {
					word = new StringBuilder();
				}
			}
			else if ((c == ' ' || c == '\t') && !quoted && !escaped) {
				if (word != null) {
					words.add(word.toString());
					word = null;
				}
			}
			else if (c == '\\' && !escaped) {
				escaped = true;
				continue;
			}
			else {
				word = (word != null) ? word : new StringBuilder();
				word.append(c);
			}
			escaped = false;
		}
		if (word != null) {
			words.add(word.toString());
		}
		return words;
	}

	/**
	 * The FastAGI commands of Asterisk 20 the fake knows, and whether each still works on
	 * a dead channel.
	 */
	enum Verb {

		ANSWER(false, "ANSWER"), ASYNCAGI_BREAK(true, "ASYNCAGI", "BREAK"), CHANNEL_STATUS(false, "CHANNEL", "STATUS"),
		CONTROL_STREAM_FILE(false, "CONTROL", "STREAM", "FILE"), DATABASE_DEL(true, "DATABASE", "DEL"),
		DATABASE_DELTREE(true, "DATABASE", "DELTREE"), DATABASE_GET(true, "DATABASE", "GET"),
		DATABASE_PUT(true, "DATABASE", "PUT"), EXEC(true, "EXEC"), GET_DATA(false, "GET", "DATA"),
		GET_FULL_VARIABLE(true, "GET", "FULL", "VARIABLE"), GET_OPTION(false, "GET", "OPTION"),
		GET_VARIABLE(true, "GET", "VARIABLE"), GOSUB(false, "GOSUB"), HANGUP(false, "HANGUP"), NOOP(true, "NOOP"),
		RECORD_FILE(false, "RECORD", "FILE"), SAY_ALPHA(false, "SAY", "ALPHA"), SAY_DATE(false, "SAY", "DATE"),
		SAY_DATETIME(false, "SAY", "DATETIME"), SAY_DIGITS(false, "SAY", "DIGITS"), SAY_NUMBER(false, "SAY", "NUMBER"),
		SAY_PHONETIC(false, "SAY", "PHONETIC"), SAY_TIME(false, "SAY", "TIME"),
		SET_AUTOHANGUP(false, "SET", "AUTOHANGUP"), SET_CALLERID(false, "SET", "CALLERID"),
		SET_CONTEXT(false, "SET", "CONTEXT"), SET_EXTENSION(false, "SET", "EXTENSION"),
		SET_MUSIC(false, "SET", "MUSIC"), SET_PRIORITY(false, "SET", "PRIORITY"), SET_VARIABLE(true, "SET", "VARIABLE"),
		STREAM_FILE(false, "STREAM", "FILE"), VERBOSE(true, "VERBOSE"), WAIT_FOR_DIGIT(false, "WAIT", "FOR", "DIGIT");

		final boolean deadSafe;

		private final String[] words;

		Verb(boolean deadSafe, String... words) {
			this.deadSafe = deadSafe;
			this.words = words;
		}

		static Optional<Verb> of(List<String> words) {
			return Arrays.stream(values()).filter((verb) -> verb.matches(words)).findFirst();
		}

		private boolean matches(List<String> line) {
			if (line.size() < this.words.length) {
				return false;
			}
			for (int i = 0; i < this.words.length; i++) {
				if (!this.words[i].equalsIgnoreCase(line.get(i))) {
					return false;
				}
			}
			return true;
		}

	}

}
