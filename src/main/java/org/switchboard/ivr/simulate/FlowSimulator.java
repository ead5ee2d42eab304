package org.switchboard.ivr.simulate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Calls a running Switchboard over FastAGI exactly as Asterisk would, plays the caller's
 * keys and prints what the caller would hear and what Switchboard decided. Lets a flow
 * author try a flow without a phone or an Asterisk.
 */
public final class FlowSimulator {

	private static final Pattern QUOTED_OR_WORD = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"|(\\S+)");

	private final PrintStream out;

	/** What one simulated call does. */
	public record Call(String host, int port, String script, String from, String to, String language, List<String> keys,
			Duration timeout) {

	}

	/** The end of a simulated call: every SB_* variable the script set. */
	public record Outcome(Map<String, String> variables, List<String> prompts) {

		public String next() {
			return this.variables.getOrDefault("SB_NEXT", "");
		}

	}

	public FlowSimulator(PrintStream out) {
		this.out = out;
	}

	public Outcome run(Call call) throws IOException {
		Deque<String> keys = new ArrayDeque<>(call.keys());
		Map<String, String> variables = new LinkedHashMap<>();
		List<String> prompts = new java.util.ArrayList<>();
		this.out.printf("call %s -> %s (agi://%s:%d/%s, language %s)%n", call.from(), call.to(), call.host(),
				call.port(), call.script(), call.language());
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(call.host(), call.port()), (int) call.timeout().toMillis());
			socket.setSoTimeout((int) call.timeout().toMillis());
			BufferedReader in = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			Writer wire = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8);
			wire.write(environment(call));
			wire.flush();
			String line;
			while ((line = in.readLine()) != null) {
				String reply = answer(line.strip(), keys, variables, prompts);
				wire.write(reply + "\n");
				wire.flush();
			}
		}
		this.out.println("decision:");
		variables.entrySet()
			.stream()
			.filter((variable) -> variable.getKey().startsWith("SB_"))
			.forEach((variable) -> this.out.printf("  %s=%s%n", variable.getKey(), variable.getValue()));
		if (!keys.isEmpty()) {
			this.out.println("keys never asked for: " + String.join(",", keys));
		}
		return new Outcome(variables, prompts);
	}

	private String answer(String command, Deque<String> keys, Map<String, String> variables, List<String> prompts) {
		List<String> words = words(command);
		String verb = words.isEmpty() ? "" : words.get(0).toUpperCase();
		String second = words.size() > 1 ? words.get(1).toUpperCase() : "";
		String name = switch (verb) {
			case "STREAM", "GET", "SET", "WAIT" -> verb + " " + second;
			default -> verb;
		};
		switch (name) {
			case "ANSWER" -> {
				this.out.println("  answered");
				return "200 result=0";
			}
			case "STREAM FILE" -> {
				String file = arg(words, 2);
				String escapes = arg(words, 3);
				prompts.add(file);
				this.out.println("  prompt: " + file);
				String pending = keys.peek();
				if (pending != null && !pending.isEmpty() && !pending.equals("-")
						&& escapes.indexOf(pending.charAt(0)) >= 0) {
					char key = take(keys, 1).charAt(0);
					this.out.println("  caller presses " + key + " (barge-in)");
					return "200 result=" + (int) key + " endpos=8000";
				}
				return "200 result=0 endpos=8000";
			}
			case "GET DATA" -> {
				String file = arg(words, 2);
				int max = parse(arg(words, 4), 1024);
				prompts.add(file);
				this.out.println("  prompt: " + file);
				String pending = keys.poll();
				if (pending == null || pending.equals("-")) {
					this.out.println("  caller stays silent");
					return "200 result= (timeout)";
				}
				int hash = pending.indexOf('#');
				String typed = hash >= 0 ? pending.substring(0, hash) : pending;
				String digits = typed.length() > max ? typed.substring(0, max) : typed;
				this.out.println("  caller types " + pending);
				boolean complete = hash >= 0 || digits.length() == max;
				return "200 result=" + digits + (complete ? "" : " (timeout)");
			}
			case "WAIT FOR" -> {
				String pending = keys.peek();
				if (pending == null || pending.equals("-")) {
					if (pending != null) {
						keys.poll();
					}
					this.out.println("  caller stays silent");
					return "200 result=0";
				}
				char key = take(keys, 1).charAt(0);
				this.out.println("  caller presses " + key);
				return "200 result=" + (int) key;
			}
			case "SET VARIABLE" -> {
				variables.put(arg(words, 2), arg(words, 3));
				return "200 result=1";
			}
			case "GET VARIABLE", "GET FULL" -> {
				String variable = arg(words, name.equals("GET FULL") ? 3 : 2).replace("${", "").replace("}", "");
				String value = variables.get(variable);
				return value == null ? "200 result=0" : "200 result=1 (" + value + ")";
			}
			case "VERBOSE", "NOOP" -> {
				return "200 result=1";
			}
			case "EXEC" -> {
				this.out.println("  runs " + arg(words, 1) + " " + arg(words, 2));
				return "200 result=0";
			}
			case "HANGUP" -> {
				this.out.println("  Switchboard hangs up");
				return "200 result=1\nHANGUP";
			}
			default -> {
				this.out.println("  (unknown command: " + command + ")");
				return "510 Invalid or unknown command";
			}
		}
	}

	private static String take(Deque<String> keys, int count) {
		String pending = keys.poll();
		String taken = pending.substring(0, count);
		if (pending.length() > count) {
			keys.push(pending.substring(count));
		}
		return taken;
	}

	private static String environment(Call call) {
		Map<String, String> env = new LinkedHashMap<>();
		env.put("agi_network", "yes");
		env.put("agi_network_script", call.script());
		env.put("agi_request", "agi://" + call.host() + ":" + call.port() + "/" + call.script());
		env.put("agi_channel", "PJSIP/simulator-00000001");
		env.put("agi_language", call.language());
		env.put("agi_type", "PJSIP");
		env.put("agi_uniqueid", "simulate." + System.currentTimeMillis());
		env.put("agi_version", "20.20.1");
		env.put("agi_callerid", call.from());
		env.put("agi_calleridname", "Simulated Caller");
		env.put("agi_callingpres", "0");
		env.put("agi_callingani2", "0");
		env.put("agi_callington", "0");
		env.put("agi_callingtns", "0");
		env.put("agi_dnid", call.to());
		env.put("agi_rdnis", "unknown");
		env.put("agi_context", "switchboard-inbound");
		env.put("agi_extension", call.to());
		env.put("agi_priority", "2");
		env.put("agi_enhanced", "0.0");
		env.put("agi_accountcode", "");
		env.put("agi_threadid", "1");
		StringBuilder block = new StringBuilder();
		env.forEach((key, value) -> block.append(key).append(": ").append(value).append('\n'));
		return block.append('\n').toString();
	}

	private static List<String> words(String command) {
		List<String> words = new java.util.ArrayList<>();
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
