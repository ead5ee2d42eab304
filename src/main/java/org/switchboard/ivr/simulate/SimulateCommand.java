package org.switchboard.ivr.simulate;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar switchboard.jar simulate --from +4930123456 --to 8000 --digits 2,1}:
 * one call to a running Switchboard, printed as a transcript. Each comma-separated entry
 * of {@code --digits} is what the caller types at the next prompt that listens; {@code -}
 * is silence.
 */
public final class SimulateCommand {

	private static final String USAGE = """
			usage: simulate --from NUMBER --to NUMBER [--digits KEYS,KEYS,...] [--language en]
			                [--host 127.0.0.1] [--port 4573] [--script ivr] [--timeout 30s]""";

	private SimulateCommand() {
	}

	/**
	 * Runs the command; returns the process exit code (0 when Switchboard decided where
	 * to go).
	 */
	public static int run(String[] args, PrintStream out) {
		Map<String, String> options = new HashMap<>();
		for (int i = 0; i < args.length; i++) {
			if (!args[i].startsWith("--") || i + 1 >= args.length) {
				out.println("unexpected argument: " + args[i]);
				out.println(USAGE);
				return 2;
			}
			options.put(args[i].substring(2), args[++i]);
		}
		if (!options.containsKey("from") || !options.containsKey("to")) {
			out.println(USAGE);
			return 2;
		}
		String digits = options.getOrDefault("digits", "");
		List<String> keys = digits.isBlank() ? List.of() : Arrays.stream(digits.split(",")).map(String::strip).toList();
		FlowSimulator.Call call = new FlowSimulator.Call(options.getOrDefault("host", "127.0.0.1"),
				Integer.parseInt(options.getOrDefault("port", "4573")), options.getOrDefault("script", "ivr"),
				options.get("from"), options.get("to"), options.getOrDefault("language", "en"), keys,
				Duration.parse("PT" + options.getOrDefault("timeout", "30s").toUpperCase()));
		try {
			FlowSimulator.Outcome outcome = new FlowSimulator(out).run(call);
			return outcome.next().isEmpty() ? 1 : 0;
		}
		catch (IOException ex) {
			out.println("cannot reach Switchboard at " + call.host() + ":" + call.port() + ": " + ex.getMessage());
			return 3;
		}
	}

}
