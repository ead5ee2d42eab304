package org.switchboard.fakeasterisk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.switchboard.fakeasterisk.AgiCommand.Verb;
import org.switchboard.fakeasterisk.AgiStep.Blocking;
import org.switchboard.fakeasterisk.AgiStep.HangUp;
import org.switchboard.fakeasterisk.AgiStep.Reply;

/**
 * The dialplan side of one FastAGI session: turns each command into the step and reply
 * text res_agi of Asterisk 20 gives, keeps the channel variables, and notes what the
 * script played and set. Not thread-safe: the call guards it.
 */
final class AgiCommands {

	static final String UNKNOWN = "510 Invalid or unknown command";

	static final String DEAD = "511 Command Not Permitted on a dead channel or intercept routine";

	private static final long FULL_PLAY = 16000;

	private static final long CUT_PLAY = 8000;

	private static final Map<Verb, List<String>> USAGE = Map.of(Verb.SET_VARIABLE,
			List.of("Sets a variable to the current channel."), Verb.GET_DATA,
			List.of("Stream the given <replaceable>file</replaceable>, and receive DTMF data.",
					"Returns the digits received from the channel at the other end."));

	private static final Set<String> INSTANT_APPS = Set.of("ANSWER", "BUSY", "CONGESTION", "EXECIF", "GOSUB", "GOTO",
			"GOTOIF", "LOG", "MIXMONITOR", "MSET", "NOOP", "PLAYTONES", "PROGRESS", "RETURN", "RINGING", "SENDDTMF",
			"SET", "STARTMUSICONHOLD", "STOPMIXMONITOR", "STOPMUSICONHOLD", "STOPPLAYTONES", "SYSTEM", "USEREVENT",
			"VERBOSE");

	private static final Set<String> BLOCKING_APPS = Set.of("BACKGROUND", "CONFBRIDGE", "CONTROLPLAYBACK", "DIAL",
			"ECHO", "MILLIWATT", "MUSICONHOLD", "PAGE", "PLAYBACK", "QUEUE", "READ", "RECORD", "SAYALPHA", "SAYDIGITS",
			"SAYNUMBER", "WAIT", "WAITEXTEN");

	private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}]*)}");

	private final AgiEnv env;

	private final Map<String, String> variables;

	private final BiConsumer<String, String> onVariableSet;

	private final Map<String, String> database = new HashMap<>();

	private final Map<String, String> setByScript = new LinkedHashMap<>();

	private final List<String> prompts = new ArrayList<>();

	private final Set<String> missingSounds;

	/** Applications, upper case, that {@code EXEC} does not find. */
	private final Set<String> missingApplications;

	private boolean failed;

	private String context;

	private String extension;

	private int priority;

	AgiCommands(AgiEnv env, Map<String, String> variables, BiConsumer<String, String> onVariableSet,
			Set<String> missingSounds, Set<String> missingApplications) {
		this.env = env;
		this.missingSounds = missingSounds;
		this.missingApplications = missingApplications;
		this.variables = variables;
		this.onVariableSet = onVariableSet;
		this.context = env.context();
		this.extension = env.extension();
		this.priority = env.priority();
	}

	/** Variables the script set, with their last values. */
	Map<String, String> setByScript() {
		return Map.copyOf(this.setByScript);
	}

	/**
	 * Whether a command failed on the live channel, which makes res_agi end the session
	 * with AGISTATUS=FAILURE.
	 */
	boolean failed() {
		return this.failed;
	}

	/** Sound files the script asked to play, in order. */
	List<String> prompts() {
		return List.copyOf(this.prompts);
	}

	/** The step for one command line on a live or dead channel. */
	AgiStep step(String line, boolean dead) {
		Optional<AgiCommand> parsed = AgiCommand.parse(line);
		if (parsed.isEmpty()) {
			return new Reply(UNKNOWN);
		}
		AgiCommand command = parsed.get();
		if (dead && !command.verb().deadSafe) {
			return new Reply(DEAD);
		}
		if (!argumentsFit(command)) {
			return usage(command.verb());
		}
		return switch (command.verb()) {
			case STREAM_FILE, GET_OPTION -> stream(command);
			case CONTROL_STREAM_FILE -> controlStream(command);
			case GET_DATA -> getData(command);
			case WAIT_FOR_DIGIT -> waitForDigit(command);
			case RECORD_FILE -> record(command);
			case SAY_ALPHA, SAY_DATE, SAY_DATETIME, SAY_DIGITS, SAY_NUMBER, SAY_PHONETIC, SAY_TIME -> say(command);
			case EXEC -> exec(command, dead);
			case GET_VARIABLE -> getVariable(command.arg(0, ""));
			case GET_FULL_VARIABLE -> new Reply("200 result=1 (" + expand(command.arg(0, "")) + ")");
			case SET_VARIABLE -> {
				set(command.arg(0, ""), command.arg(1, ""));
				yield new Reply("200 result=1");
			}
			case DATABASE_DEL, DATABASE_DELTREE, DATABASE_GET, DATABASE_PUT -> database(command);
			case SET_CONTEXT -> {
				this.context = command.arg(0, this.context);
				yield new Reply("200 result=0");
			}
			case SET_EXTENSION -> {
				this.extension = command.arg(0, this.extension);
				yield new Reply("200 result=0");
			}
			case SET_PRIORITY -> {
				this.priority = Integer.parseInt(command.arg(0, "1"));
				yield new Reply("200 result=0");
			}
			case HANGUP -> new HangUp("200 result=1");
			case CHANNEL_STATUS -> new Reply("200 result=6");
			case VERBOSE, SET_CALLERID -> new Reply("200 result=1");
			case ANSWER, ASYNCAGI_BREAK, GOSUB, NOOP, SET_AUTOHANGUP, SET_MUSIC -> new Reply("200 result=0");
		};
	}

	private static boolean argumentsFit(AgiCommand command) {
		int argc = command.argc();
		return switch (command.verb()) {
			case STREAM_FILE, GET_OPTION -> argc == 4 || argc == 5;
			case CONTROL_STREAM_FILE -> argc >= 5;
			case GET_DATA, DATABASE_DELTREE -> argc >= 3;
			case WAIT_FOR_DIGIT, SET_VARIABLE, DATABASE_DEL, DATABASE_GET -> argc == 4;
			case GET_VARIABLE -> argc == 3;
			case GET_FULL_VARIABLE -> argc == 4 || argc == 5;
			case DATABASE_PUT -> argc == 5;
			case RECORD_FILE -> argc >= 6;
			case SAY_ALPHA, SAY_DATE, SAY_DATETIME, SAY_DIGITS, SAY_NUMBER, SAY_PHONETIC, SAY_TIME -> argc >= 4;
			case EXEC, VERBOSE -> argc >= 2;
			case SET_CONTEXT, SET_EXTENSION, SET_CALLERID, SET_AUTOHANGUP, SET_MUSIC -> argc >= 3;
			case SET_PRIORITY -> argc == 3 && command.arg(0, "").matches("\\d{1,9}");
			default -> true;
		};
	}

	private static Reply usage(Verb verb) {
		List<String> usage = USAGE.get(verb);
		if (usage == null) {
			return new Reply("520 Invalid command syntax.  Proper usage not available.");
		}
		List<String> lines = new ArrayList<>();
		lines.add("520-Invalid command syntax.  Proper usage follows:");
		lines.addAll(usage);
		lines.add("520 End of proper usage.");
		return new Reply(lines);
	}

	/**
	 * STREAM FILE and GET OPTION of a missing sound answer at once with the sample offset
	 * asked for and fail the command: res_agi's RESULT_FAILURE, no HANGUP, the channel
	 * stays up, and the session ends with AGISTATUS=FAILURE.
	 */
	private AgiStep stream(AgiCommand command) {
		this.prompts.add(command.arg(0, ""));
		if (this.missingSounds.contains(command.arg(0, ""))) {
			this.failed = true;
			String offset = (command.verb() == Verb.STREAM_FILE) ? command.arg(2, "0") : "0";
			return new Reply("200 result=-1 endpos=" + atoi(offset));
		}
		String escapes = command.arg(1, "");
		long timeout = (command.verb() == Verb.GET_OPTION) ? 1000L * atoi(command.arg(2, "0")) : 0;
		if (escapes.isEmpty() && timeout == 0) {
			// no key can stop it: Asterisk drops the caller's keys meanwhile, so the
			// caller's next step waits for a command that listens
			return Blocking.deaf("200 result=0 endpos=" + FULL_PLAY, "200 result=-1 endpos=" + CUT_PLAY);
		}
		return Blocking.listening(timeout,
				(keys) -> bargeIn(keys, escapes, " endpos=" + CUT_PLAY).orElse("200 result=0 endpos=" + FULL_PLAY),
				"200 result=-1 endpos=" + CUT_PLAY);
	}

	private Blocking controlStream(AgiCommand command) {
		this.prompts.add(command.arg(0, ""));
		String escapes = command.arg(1, "");
		return Blocking.listening(0,
				(keys) -> bargeIn(keys, escapes, " endpos=1000").orElse("200 result=0 endpos=2000"),
				"200 result=-1 endpos=1000");
	}

	/**
	 * GET DATA of a missing sound reads no digits and answers {@code 200 result=-1} at
	 * once, but as a success (ast_app_getdata_full returns before reading); an empty
	 * sound reads digits without a prompt.
	 */
	private AgiStep getData(AgiCommand command) {
		String sound = command.arg(0, "");
		if (this.missingSounds.contains(sound)) {
			this.prompts.add(sound);
			return new Reply("200 result=-1");
		}
		if (!sound.isEmpty()) {
			this.prompts.add(sound);
		}
		long timeout = atoi(command.arg(1, "0"));
		int max = (atoi(command.arg(2, "0")) > 0) ? (int) atoi(command.arg(2, "0")) : 1024;
		return Blocking.listening(timeout, (keys) -> {
			StringBuilder digits = new StringBuilder();
			while (digits.length() < max && !keys.isEmpty()) {
				char key = keys.removeFirst();
				if (key == '#') {
					return "200 result=" + digits;
				}
				digits.append(key);
			}
			return "200 result=" + digits + ((digits.length() < max) ? " (timeout)" : "");
		}, "200 result=-1");
	}

	private Blocking waitForDigit(AgiCommand command) {
		long timeout = atoi(command.arg(0, "-1"));
		return Blocking.listening(timeout, (keys) -> "200 result=" + (keys.isEmpty() ? 0 : (int) keys.removeFirst()),
				"200 result=-1");
	}

	private Blocking record(AgiCommand command) {
		String escapes = command.arg(2, "");
		long timeout = atoi(command.arg(3, "-1"));
		return Blocking
			.listening(timeout,
					(keys) -> bargeIn(keys, escapes, " (dtmf) endpos=" + CUT_PLAY)
						.orElse("200 result=0 (timeout) endpos=" + FULL_PLAY),
					"200 result=-1 (hangup) endpos=" + CUT_PLAY);
	}

	private Blocking say(AgiCommand command) {
		String escapes = command.arg(1, "");
		return Blocking.listening(0, (keys) -> bargeIn(keys, escapes, "").orElse("200 result=0"), "200 result=-1");
	}

	/** The leading number of a word as C's atoi reads it, 0 when there is none. */
	private static long atoi(String word) {
		Matcher number = Pattern.compile("^\\s*([-+]?\\d+)").matcher(word);
		return number.find() ? Long.parseLong(number.group(1)) : 0;
	}

	/** The reply when the next pending key is an escape digit, which it then consumes. */
	private static Optional<String> bargeIn(Deque<Character> keys, String escapes, String suffix) {
		Character key = keys.peekFirst();
		if (key == null || escapes.indexOf(key) < 0) {
			return Optional.empty();
		}
		keys.removeFirst();
		return Optional.of("200 result=" + (int) key + suffix);
	}

	private AgiStep exec(AgiCommand command, boolean dead) {
		String app = command.arg(0, "");
		String options = command.arg(1, "");
		String name = app.toUpperCase(Locale.ROOT);
		if (name.equals("HANGUP")) {
			return dead ? new Reply("200 result=-1") : new HangUp("200 result=-1");
		}
		if ((!INSTANT_APPS.contains(name) && !BLOCKING_APPS.contains(name))
				|| this.missingApplications.contains(name)) {
			return new Reply("200 result=-2");
		}
		if (name.equals("SET") && options.contains("=")) {
			int equals = options.indexOf('=');
			set(options.substring(0, equals), options.substring(equals + 1));
		}
		if (name.equals("MSET")) {
			// name=value pairs split at commas, each at its first '=' (pbx_variables.c);
			// a pair without '=' is ignored with a warning
			for (String pair : options.split(",")) {
				int equals = pair.indexOf('=');
				if (equals > 0) {
					set(pair.substring(0, equals), pair.substring(equals + 1));
				}
			}
		}
		if (dead || !BLOCKING_APPS.contains(name)) {
			return new Reply("200 result=0");
		}
		if (Set.of("PLAYBACK", "BACKGROUND", "CONTROLPLAYBACK").contains(name)) {
			this.prompts.addAll(Arrays.asList(options.split(",", -1)[0].split("&")));
		}
		boolean endless = name.equals("MUSICONHOLD") && options.split(",", -1).length < 2;
		return endless ? Blocking.endless("200 result=-1") : Blocking.deaf("200 result=0", "200 result=-1");
	}

	private Reply getVariable(String name) {
		String value = lookup(name);
		return new Reply((value != null) ? "200 result=1 (" + value + ")" : "200 result=0");
	}

	private Reply database(AgiCommand command) {
		String key = command.arg(0, "") + "/" + command.arg(1, "");
		return switch (command.verb()) {
			case DATABASE_PUT -> {
				this.database.put(key, command.arg(2, ""));
				yield new Reply("200 result=1");
			}
			case DATABASE_GET -> {
				String value = this.database.get(key);
				yield new Reply((value != null) ? "200 result=1 (" + value + ")" : "200 result=0");
			}
			case DATABASE_DEL -> new Reply("200 result=" + ((this.database.remove(key) != null) ? 1 : 0));
			default -> {
				String prefix = (command.argc() > 3) ? key : command.arg(0, "") + "/";
				boolean removed = this.database.keySet().removeIf((stored) -> stored.startsWith(prefix));
				yield new Reply("200 result=" + (removed ? 1 : 0));
			}
		};
	}

	private void set(String name, String value) {
		this.variables.put(name, value);
		this.setByScript.put(name, value);
		this.onVariableSet.accept(name, value);
	}

	/**
	 * ${...} expressions replaced by their values, unset ones by nothing, as GET FULL
	 * VARIABLE does.
	 */
	String expand(String expression) {
		Matcher matcher = EXPRESSION.matcher(expression);
		StringBuilder expanded = new StringBuilder();
		while (matcher.find()) {
			String value = lookup(matcher.group(1));
			matcher.appendReplacement(expanded, Matcher.quoteReplacement((value != null) ? value : ""));
		}
		matcher.appendTail(expanded);
		return expanded.toString();
	}

	/**
	 * A channel variable or one of the built-in values and functions a dialplan reads
	 * most, or null when unset.
	 */
	String lookup(String name) {
		String builtIn = switch (name.contains("(") ? name.toUpperCase(Locale.ROOT) : name) {
			case "CONTEXT" -> this.context;
			case "EXTEN" -> this.extension;
			case "PRIORITY" -> String.valueOf(this.priority);
			case "CHANNEL", "CHANNEL(NAME)" -> this.env.channel();
			case "UNIQUEID", "CHANNEL(UNIQUEID)" -> this.env.uniqueId();
			case "CHANNEL(STATE)" -> "Up";
			case "CHANNEL(LANGUAGE)", "LANGUAGE()" -> this.env.language();
			case "CHANNEL(CHANNELTYPE)" -> this.env.type();
			case "CHANNEL(ENDPOINT)" -> endpoint();
			case "CALLERID(NUM)" -> this.env.callerId();
			case "CALLERID(NAME)" -> this.env.callerIdName();
			case "CALLERID(ALL)" -> "\"" + this.env.callerIdName() + "\" <" + this.env.callerId() + ">";
			case "CALLERID(DNID)" -> this.env.dnid();
			default -> null;
		};
		return (builtIn != null) ? builtIn : this.variables.get(name);
	}

	private String endpoint() {
		String channel = this.env.channel();
		int slash = channel.indexOf('/');
		int dash = channel.lastIndexOf('-');
		return (slash >= 0 && dash > slash) ? channel.substring(slash + 1, dash) : null;
	}

}
