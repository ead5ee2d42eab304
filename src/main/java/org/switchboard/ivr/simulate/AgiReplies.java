package org.switchboard.ivr.simulate;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the simulated Asterisk replies to each AGI command of one call: it plays the
 * caller's keys at the prompts that listen and keeps the variables set and the prompts
 * played.
 */
final class AgiReplies {

	private static final Pattern QUOTED_OR_WORD = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"|(\\S+)");

	/** Where the transcript and unknown commands are printed. */
	private final PrintStream out;

	/** Where what the wire shows is printed: nowhere for a test call. */
	private final PrintStream wire;

	private final Deque<String> keys;

	private final Map<String, String> variables = new LinkedHashMap<>();

	private final List<String> prompts = new ArrayList<>();

	private boolean answered;

	AgiReplies(PrintStream out, PrintStream wire, Deque<String> keys) {
		this.out = out;
		this.wire = wire;
		this.keys = keys;
	}

	Map<String, String> variables() {
		return this.variables;
	}

	List<String> prompts() {
		return this.prompts;
	}

	boolean answered() {
		return this.answered;
	}

	/** The reply to one command line, as Asterisk would write it. */
	String answer(String command) {
		List<String> words = words(command);
		String verb = words.isEmpty() ? "" : words.get(0).toUpperCase();
		String second = words.size() > 1 ? words.get(1).toUpperCase() : "";
		String name = switch (verb) {
			case "STREAM", "GET", "SET", "WAIT", "SAY", "CHANNEL" -> verb + " " + second;
			default -> verb;
		};
		return switch (name) {
			case "ANSWER" -> answerChannel();
			case "STREAM FILE" -> streamFile(arg(words, 2), arg(words, 3));
			case "GET DATA" -> getData(arg(words, 2), parse(arg(words, 4), 1024));
			case "WAIT FOR" -> waitForDigit();
			case "SET VARIABLE" -> {
				this.variables.put(arg(words, 2), arg(words, 3));
				yield "200 result=1";
			}
			case "GET VARIABLE", "GET FULL" -> getVariable(arg(words, name.equals("GET FULL") ? 3 : 2));
			case "VERBOSE" -> {
				// a test call's transcript, or what Switchboard tells Asterisk's console
				this.out.println("  " + arg(words, 1));
				yield "200 result=1";
			}
			case "NOOP" -> "200 result=1";
			case "SAY DATETIME", "SAY DIGITS", "SAY NUMBER" -> {
				this.wire.println("  says " + arg(words, 2));
				yield "200 result=0";
			}
			// 6: the line is up
			case "CHANNEL STATUS" -> "200 result=6";
			case "EXEC" -> {
				if (arg(words, 1).equalsIgnoreCase("MSet")) {
					// name=value pairs, as Asterisk's MSet sets them
					for (String pair : arg(words, 2).split(",")) {
						int equals = pair.indexOf('=');
						if (equals > 0) {
							this.variables.put(pair.substring(0, equals), pair.substring(equals + 1));
						}
					}
					yield "200 result=0";
				}
				this.wire.println("  runs " + arg(words, 1) + " " + arg(words, 2));
				yield "200 result=0";
			}
			case "HANGUP" -> {
				this.wire.println("  Switchboard hangs up");
				yield "200 result=1\nHANGUP";
			}
			default -> {
				this.out.println("  (unknown command: " + command + ")");
				yield "510 Invalid or unknown command";
			}
		};
	}

	private String answerChannel() {
		this.answered = true;
		this.wire.println("  answered");
		return "200 result=0";
	}

	/** A prompt the caller may interrupt with one of the {@code escapes} keys. */
	private String streamFile(String file, String escapes) {
		this.prompts.add(file);
		this.wire.println("  prompt: " + file);
		String pending = this.keys.peek();
		if (pending != null && !pending.isEmpty() && !pending.equals("-") && escapes.indexOf(pending.charAt(0)) >= 0) {
			char key = take(1).charAt(0);
			this.wire.println("  caller presses " + key + " (barge-in)");
			return "200 result=" + (int) key + " endpos=8000";
		}
		return "200 result=0 endpos=8000";
	}

	/** A prompt that reads up to {@code max} digits, ended early by {@code #}. */
	private String getData(String file, int max) {
		this.prompts.add(file);
		this.wire.println("  prompt: " + file);
		String pending = this.keys.poll();
		if (pending == null || pending.equals("-")) {
			this.wire.println("  caller stays silent");
			return "200 result= (timeout)";
		}
		int hash = pending.indexOf('#');
		String typed = hash >= 0 ? pending.substring(0, hash) : pending;
		String digits = typed.length() > max ? typed.substring(0, max) : typed;
		this.wire.println("  caller types " + pending);
		boolean complete = hash >= 0 || digits.length() == max;
		return "200 result=" + digits + (complete ? "" : " (timeout)");
	}

	private String waitForDigit() {
		String pending = this.keys.peek();
		if (pending == null || pending.equals("-")) {
			if (pending != null) {
				this.keys.poll();
			}
			this.wire.println("  caller stays silent");
			return "200 result=0";
		}
		char key = take(1).charAt(0);
		this.wire.println("  caller presses " + key);
		return "200 result=" + (int) key;
	}

	private String getVariable(String written) {
		String value = this.variables.get(written.replace("${", "").replace("}", ""));
		return value == null ? "200 result=0" : "200 result=1 (" + value + ")";
	}

	/** The first {@code count} keys of the caller's next entry; the rest stays next. */
	private String take(int count) {
		String pending = this.keys.poll();
		String taken = pending.substring(0, count);
		if (pending.length() > count) {
			this.keys.push(pending.substring(count));
		}
		return taken;
	}

	private static List<String> words(String command) {
		List<String> words = new ArrayList<>();
		Matcher matcher = QUOTED_OR_WORD.matcher(command);
		while (matcher.find()) {
			words.add(matcher.group(1) != null ? matcher.group(1).replace("\\\"", "\"") : matcher.group(2));
		}
		return words;
	}

	private static String arg(List<String> words, int index) {
		return index < words.size() ? words.get(index) : "";
	}

	private static int parse(String text, int fallback) {
		try {
			return Integer.parseInt(text);
		}
		catch (NumberFormatException ex) {
			return fallback;
		}
	}

}
