package org.switchboard.ivr.simulate;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code java -jar switchboard.jar simulate --from +4930123456 --to 8000 --digits 2,1}:
 * one test call to a running Switchboard, printed as a transcript. Each comma-separated
 * entry of {@code --digits} is what the caller types at the next prompt that listens;
 * {@code -} is silence. A test call is routed as a dry run and leaves no trace;
 * {@code --live} places a real one.
 */
public final class SimulateCommand {

	/** Switchboard decided where the call goes. */
	static final int DECIDED = 0;

	/** The IVR ended without a decision (the caller hung up, or routing failed). */
	static final int NO_DECISION = 1;

	static final int USAGE_ERROR = 2;

	/** Nothing listens at the address, or it refused the call. */
	static final int UNREACHABLE = 3;

	/** No flow answers the line dialled. */
	static final int NO_FLOW = 4;

	private static final String USAGE = """
			usage: simulate --from NUMBER --to NUMBER [--digits KEYS,KEYS,...] [--at 2026-11-23T12:00+01:00]
			                [--language en] [--host 127.0.0.1] [--port 4573] [--timeout 30s] [--live [--script ivr]]""";

	private static final Set<String> OPTIONS = Set.of("from", "to", "digits", "at", "language", "host", "port",
			"script", "timeout");

	/** Where {@code --live} is kept among the options; no option has this name. */
	private static final String LIVE = "--live";

	private SimulateCommand() {
	}

	/**
	 * Runs the command; returns the process exit code: 0 when Switchboard decided where
	 * the call goes, 1 when it did not, 2 for a wrong command line, 3 when Switchboard
	 * cannot be reached or refused the call, 4 when no flow answers the line.
	 */
	public static int run(String[] args, PrintStream out) {
		FlowSimulator.Call call;
		try {
			call = call(options(args));
		}
		catch (UsageError ex) {
			return usage(out, ex.getMessage());
		}
		FlowSimulator.Outcome outcome;
		try {
			outcome = new FlowSimulator(out).run(call);
		}
		catch (IOException ex) {
			return unreachable(call, ex, out);
		}
		return verdict(call, outcome, out);
	}

	/** The command line's options by name; {@code --live} stands as {@code live}. */
	private static Map<String, String> options(String[] args) throws UsageError {
		Map<String, String> options = new HashMap<>();
		for (int i = 0; i < args.length; i++) {
			String option = args[i].startsWith("--") ? args[i].substring(2) : "";
			if (option.equals("live")) {
				options.put(LIVE, "");
			}
			else if (OPTIONS.contains(option) && i + 1 < args.length) {
				options.put(option, args[++i]);
			}
			else {
				throw new UsageError(OPTIONS.contains(option) ? "--" + option + " needs a value"
						: option.isEmpty() ? "unexpected argument: " + args[i] : "unknown option: " + args[i]);
			}
		}
		return options;
	}

	/** The call the options describe, checked against each other. */
	private static FlowSimulator.Call call(Map<String, String> options) throws UsageError {
		boolean live = options.containsKey(LIVE);
		if (!options.containsKey("from") || !options.containsKey("to")) {
			throw new UsageError("--from and --to are required");
		}
		String script = options.getOrDefault("script", "ivr");
		if (!live && !script.equals("ivr")) {
			throw new UsageError("only the ivr script takes test calls; --script " + script + " needs --live");
		}
		String at = options.getOrDefault("at", "");
		if (!at.isEmpty()) {
			if (live) {
				throw new UsageError("--at is for test calls; a live call happens now");
			}
			try {
				OffsetDateTime.parse(at);
			}
			catch (DateTimeParseException ex) {
				throw new UsageError(
						"--at is not a date-time with an offset: '" + at + "' (e.g. 2026-11-23T12:00+01:00)");
			}
		}
		int port;
		Duration timeout;
		try {
			port = Integer.parseInt(options.getOrDefault("port", "4573"));
			timeout = Duration.parse("PT" + options.getOrDefault("timeout", "30s").toUpperCase());
		}
		catch (NumberFormatException | DateTimeParseException ex) {
			throw new UsageError("--port is a number and --timeout a duration like 30s: " + ex.getMessage());
		}
		String digits = options.getOrDefault("digits", "");
		List<String> keys = digits.isBlank() ? List.of() : Arrays.stream(digits.split(",")).map(String::strip).toList();
		return new FlowSimulator.Call("simulate." + System.currentTimeMillis(),
				options.getOrDefault("host", "127.0.0.1"), port, script, options.get("from"), options.get("to"),
				options.getOrDefault("language", "en"), keys, timeout, live, at);
	}

	private static int unreachable(FlowSimulator.Call call, IOException failure, PrintStream out) {
		String address = call.host() + ":" + call.port();
		switch (failure) {
			case ConnectException ex -> out.println("cannot reach Switchboard at " + address + ": " + ex.getMessage()
					+ " (is it running, and is --port its switchboard.agi.port?)");
			case SocketTimeoutException ex ->
				out.println("Switchboard at " + address + " said nothing for " + call.timeout().toSeconds() + " s");
			default -> out.println("the connection to Switchboard at " + address + " broke: " + failure.getMessage());
		}
		return UNREACHABLE;
	}

	/** What Switchboard decided for a call it answered, as the exit code. */
	private static int verdict(FlowSimulator.Call call, FlowSimulator.Outcome outcome, PrintStream out) {
		String address = call.host() + ":" + call.port();
		if (outcome.commands() == 0) {
			out.println("Switchboard at " + address + " closed the call without a word: is this machine in its "
					+ "switchboard.agi.allowed-peers, and is '" + call.script() + "' one of its AGI scripts?");
			return UNREACHABLE;
		}
		if (outcome.next().isEmpty() && !outcome.answered() && call.script().equals("ivr")) {
			out.println("no flow answers line " + call.to()
					+ ": add it to the lines of a flow (GET /api/flows lists them)");
			return NO_FLOW;
		}
		if (outcome.next().isEmpty()) {
			out.println("no decision: Switchboard set no SB_NEXT, so Asterisk would send the call to its fallback "
					+ "route (the caller hung up, or routing failed: see Switchboard's log)");
			return NO_DECISION;
		}
		return DECIDED;
	}

	private static int usage(PrintStream out, String problem) {
		out.println(problem);
		out.println(USAGE);
		return USAGE_ERROR;
	}

	/** A command line that cannot be run; its message says what is wrong. */
	private static final class UsageError extends Exception {

		UsageError(String message) {
			super(message);
		}

	}

}
