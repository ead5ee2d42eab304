package org.switchboard.fakeasterisk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Dials a FastAGI server as Asterisk's {@code AGI(agi://host:port/script)} does and plays
 * a scripted caller on the channel. Configure the call, then {@link #start()} it.
 */
public final class FakeAgi {

	private static final AtomicInteger CHANNELS = new AtomicInteger();

	private final String host;

	private final int port;

	private final String script;

	private final int number = CHANNELS.incrementAndGet();

	private String channel = String.format("PJSIP/caller-%08x", this.number);

	private String uniqueId = FakeChannel.nextUniqueid();

	private String callerId = "unknown";

	private String callerIdName = "unknown";

	private String dnid = "unknown";

	private String extension = "s";

	private String context;

	private String language = "en";

	private int priority = 1;

	private List<String> args = List.of();

	private final Map<String, String> variables = new LinkedHashMap<>();

	private Caller caller = new Caller.Steps(List.of());

	private int dropAfter = -1;

	private Set<String> missingSounds = Set.of();

	private Set<String> missingApplications = Set.of();

	private InetAddress localAddress;

	private boolean deadChannel;

	private AgiCallObserver observer = AgiCallObserver.NONE;

	private FakeAgi(String host, int port, String script) {
		this.host = host;
		this.port = port;
		this.script = script;
		this.context = contextOf(script);
	}

	/**
	 * The context the shipped dialplan runs a script from: a new call to {@code ivr} is a
	 * caller's call from the carrier (switchboard-inbound), {@code agent} an agent
	 * phone's feature code.
	 */
	private static String contextOf(String script) {
		return switch (script) {
			case "ivr" -> "switchboard-inbound";
			case "tick" -> "switchboard-wait";
			case "connect", "dial-result" -> "switchboard-connect";
			case "survey" -> "switchboard-survey";
			case "agent" -> "switchboard-agents";
			default -> "default";
		};
	}

	/** A call whose dialplan runs {@code AGI(agi://host:port/script)}. */
	public static FakeAgi call(String host, int port, String script) {
		return new FakeAgi(host, port, script);
	}

	public FakeAgi callerId(String callerId) {
		this.callerId = callerId;
		return this;
	}

	public FakeAgi callerIdName(String callerIdName) {
		this.callerIdName = callerIdName;
		return this;
	}

	public FakeAgi dnid(String dnid) {
		this.dnid = dnid;
		return this;
	}

	public FakeAgi extension(String extension) {
		this.extension = extension;
		return this;
	}

	public FakeAgi context(String context) {
		this.context = context;
		return this;
	}

	public FakeAgi language(String language) {
		this.language = language;
		return this;
	}

	/**
	 * The channel name, e.g. PJSIP/carrier-00000001; by default a fresh PJSIP/caller-...
	 * name.
	 */
	public FakeAgi channel(String channel) {
		this.channel = channel;
		return this;
	}

	public FakeAgi uniqueId(String uniqueId) {
		this.uniqueId = uniqueId;
		return this;
	}

	/** The dialplan priority of the AGI() application. */
	public FakeAgi priority(int priority) {
		this.priority = priority;
		return this;
	}

	/** The AGI() arguments, sent as agi_arg_1 to agi_arg_n. */
	public FakeAgi args(String... args) {
		this.args = List.of(args);
		return this;
	}

	/**
	 * A channel variable set before the AGI runs, visible to GET VARIABLE and GET FULL
	 * VARIABLE.
	 */
	public FakeAgi variable(String name, String value) {
		this.variables.put(name, value);
		return this;
	}

	/** What the caller does; without it the caller stays silent and never hangs up. */
	public FakeAgi caller(Caller caller) {
		this.caller = caller;
		return this;
	}

	/**
	 * Sound files Asterisk does not have, named as the script plays them (e.g.
	 * {@code custom/de/main-menu}); every other sound exists.
	 */
	public FakeAgi missingSounds(String... sounds) {
		this.missingSounds = Set.of(sounds);
		return this;
	}

	/**
	 * Dialplan applications this Asterisk lacks (e.g. {@code MSet}): {@code EXEC} answers
	 * {@code 200 result=-2} for them, as res_agi does.
	 */
	public FakeAgi missingApplications(String... applications) {
		this.missingApplications = Arrays.stream(applications)
			.map((name) -> name.toUpperCase(Locale.ROOT))
			.collect(Collectors.toSet());
		return this;
	}

	/**
	 * Simulates a network fault: the connection is reset after the reply to the n-th
	 * command, without HANGUP.
	 */
	public FakeAgi dropConnectionAfter(int commands) {
		this.dropAfter = commands;
		return this;
	}

	/**
	 * Dials from this local address, e.g. 127.0.0.2, to test the FastAGI server's
	 * allow-list.
	 */
	/**
	 * The channel hung up before this AGI began (an {@code h} extension or hang-up
	 * handler): Asterisk runs it in dead mode from the start, with no HANGUP line;
	 * channel commands get 511, variables still work.
	 */
	public FakeAgi onDeadChannel() {
		this.deadChannel = true;
		return this;
	}

	public FakeAgi localAddress(InetAddress localAddress) {
		this.localAddress = localAddress;
		return this;
	}

	FakeAgi observer(AgiCallObserver observer) {
		this.observer = observer;
		return this;
	}

	AgiEnv env() {
		return new AgiEnv(this.host, this.port, this.script, this.channel, this.language, this.uniqueId, this.callerId,
				this.callerIdName, this.dnid, this.context, this.extension, this.priority, "", this.args);
	}

	/**
	 * Connects, sends the environment block and serves the script's commands on a virtual
	 * thread.
	 */
	public FakeAgiCall start() {
		AgiEnv env = env();
		Map<String, String> live = this.observer.dialling(env, this.variables);
		Socket socket = new Socket();
		try {
			if (this.localAddress != null) {
				socket.bind(new InetSocketAddress(this.localAddress, 0));
			}
			socket.connect(new InetSocketAddress(this.host, this.port), 5000);
		}
		catch (IOException ex) {
			closeQuietly(socket);
			throw new UncheckedIOException("cannot dial FastAGI server " + env.request(), ex);
		}
		FakeAgiCall call = new FakeAgiCall(env, socket, this.caller, live, this.observer, this.dropAfter,
				this.missingSounds, this.missingApplications, this.deadChannel);
		call.sendEnv();
		this.observer.started(call);
		Thread.ofVirtual().name("fake-agi-" + this.channel).start(call::serve);
		return call;
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// nothing was connected
		}
	}

}
