package org.switchboard.ivr.simulate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.switchboard.call.Next;
import org.switchboard.ivr.TestCalls;

/**
 * Calls a running Switchboard over FastAGI exactly as Asterisk would, plays the caller's
 * keys and prints what the caller would hear and what Switchboard decided. Lets a flow
 * author try a flow without a phone or an Asterisk. Unless the call is {@code live}, it
 * is a test call: Switchboard routes it as a dry run and tells its transcript (prompts by
 * name and language, inputs, the decision and its trace) in VERBOSE lines, which are
 * printed instead of the wire's own.
 */
public final class FlowSimulator {

	private final PrintStream out;

	/**
	 * What one simulated call does.
	 *
	 * @param callId the channel's Uniqueid, Switchboard's call id (in its log)
	 * @param live whether it is a real call, routed for real; else a test call
	 * @param at the moment a test call plays in (ISO 8601 with an offset); empty for now
	 */
	public record Call(String callId, String host, int port, String script, String from, String to, String language,
			List<String> keys, Duration timeout, boolean live, String at) {

	}

	/**
	 * The end of a simulated call.
	 *
	 * @param variables every SB_* variable the script set
	 * @param prompts the sounds played
	 * @param commands how many commands Switchboard sent
	 * @param answered whether Switchboard answered the channel (it does once a flow
	 * answers the line)
	 */
	public record Outcome(Map<String, String> variables, List<String> prompts, int commands, boolean answered) {

		public String next() {
			return this.variables.getOrDefault(Next.VARIABLE, "");
		}

	}

	public FlowSimulator(PrintStream out) {
		this.out = out;
	}

	/**
	 * Places the call and prints it.
	 * @throws ConnectException when nothing listens at the address (or it cannot be
	 * reached in time)
	 * @throws IOException when the connection breaks or Switchboard says nothing for the
	 * call's timeout
	 */
	public Outcome run(Call call) throws IOException {
		Deque<String> keys = new ArrayDeque<>(call.keys());
		PrintStream wire = !call.live() ? new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8)
				: this.out;
		AgiReplies replies = new AgiReplies(this.out, wire, keys);
		introduce(call);
		int commands = converse(call, replies);
		Map<String, String> variables = replies.variables();
		if (call.live()) {
			this.out.println("decision: " + variables.getOrDefault(Next.VARIABLE, "none"));
		}
		List<Map.Entry<String, String>> set = variables.entrySet()
			.stream()
			.filter((variable) -> variable.getKey().startsWith("SB_"))
			.toList();
		if (!set.isEmpty()) {
			this.out.println("variables:");
			set.forEach((variable) -> this.out.printf("  %s=%s%n", variable.getKey(), variable.getValue()));
		}
		if (!keys.isEmpty()) {
			this.out.println("keys never asked for: " + String.join(",", keys));
		}
		return new Outcome(variables, replies.prompts(), commands, replies.answered());
	}

	/** Says which call this is and what it may change. */
	private void introduce(Call call) {
		this.out.printf("%s %s: %s -> %s%s (agi://%s:%d/%s, language %s)%n", call.live() ? "live call" : "test call",
				call.callId(), call.from(), call.to(), call.at().isBlank() ? "" : " at " + call.at(), call.host(),
				call.port(), call.script(), call.language());
		this.out.println(call.live() ? "  a real call: it may reserve an agent and join the waiting line"
				: "  reserves no agent, joins no waiting line, leaves no record (--live for a real call)");
	}

	/**
	 * Connects, sends the channel's environment and answers every command until
	 * Switchboard closes; returns how many commands it sent.
	 */
	private static int converse(Call call, AgiReplies replies) throws IOException {
		int commands = 0;
		try (Socket socket = new Socket()) {
			try {
				socket.connect(new InetSocketAddress(call.host(), call.port()), (int) call.timeout().toMillis());
			}
			catch (IOException ex) {
				throw (ConnectException) new ConnectException(ex.getMessage()).initCause(ex);
			}
			socket.setSoTimeout((int) call.timeout().toMillis());
			BufferedReader in = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			Writer wire = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8);
			wire.write(environment(call));
			wire.flush();
			String line;
			while ((line = in.readLine()) != null) {
				commands++;
				wire.write(replies.answer(line.strip()) + "\n");
				wire.flush();
			}
		}
		return commands;
	}

	private static String environment(Call call) {
		Map<String, String> env = new LinkedHashMap<>();
		env.put("agi_network", "yes");
		env.put("agi_network_script", call.script());
		env.put("agi_request", "agi://" + call.host() + ":" + call.port() + "/" + call.script());
		env.put("agi_channel", "PJSIP/simulator-00000001");
		env.put("agi_language", call.language());
		env.put("agi_type", "PJSIP");
		env.put("agi_uniqueid", call.callId());
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
		if (!call.live()) {
			env.put("agi_arg_1", TestCalls.AGI_ARGUMENT);
			if (!call.at().isBlank()) {
				env.put("agi_arg_2", call.at());
			}
		}
		StringBuilder block = new StringBuilder();
		env.forEach((key, value) -> block.append(key).append(": ").append(value).append('\n'));
		return block.append('\n').toString();
	}

}
