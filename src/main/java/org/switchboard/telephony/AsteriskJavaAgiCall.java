package org.switchboard.telephony;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.regex.Pattern;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiHangupException;
import org.asteriskjava.fastagi.AgiNetworkException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.command.AgiCommand;
import org.asteriskjava.fastagi.command.AnswerCommand;
import org.asteriskjava.fastagi.command.ChannelStatusCommand;
import org.asteriskjava.fastagi.command.ExecCommand;
import org.asteriskjava.fastagi.command.GetDataCommand;
import org.asteriskjava.fastagi.command.GetVariableCommand;
import org.asteriskjava.fastagi.command.HangupCommand;
import org.asteriskjava.fastagi.command.SayDateTimeCommand;
import org.asteriskjava.fastagi.command.SetVariableCommand;
import org.asteriskjava.fastagi.command.StreamFileCommand;
import org.asteriskjava.fastagi.command.VerboseCommand;
import org.asteriskjava.fastagi.command.WaitForDigitCommand;
import org.asteriskjava.fastagi.reply.AgiReply;

import org.switchboard.call.AgiCall;
import org.switchboard.call.CallRequest;
import org.switchboard.call.ChannelGoneException;
import org.switchboard.call.DigitInput;

/**
 * {@link AgiCall} over Asterisk-Java's channel. It reads raw replies rather than
 * Asterisk-Java's convenience methods, because a hang-up shows only in the reply:
 * {@code result=-1} for a blocking command, {@code 511} afterwards. A sound file that
 * does not exist gives the same {@code result=-1}, without the hang-up: res_agi answers
 * {@code STREAM FILE} with {@code 200 result=-1 endpos=0} and {@code GET DATA} with
 * {@code 200 result=-1}, and the channel stays up. So a {@code result=-1} is checked with
 * {@code CHANNEL STATUS}, which res_agi refuses with 511 once the channel is gone (it
 * switches to dead mode before it reads the next command).
 */
final class AsteriskJavaAgiCall implements AgiCall {

	private final AgiChannel channel;

	private final CallRequest request;

	private final MissingSounds missingSounds;

	private volatile boolean gone;

	/** Variables set and not yet sent, in the order set; see {@link #sendVariables()}. */
	private final Map<String, String> unsent = new LinkedHashMap<>();

	private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

	private static final Pattern PLAIN_VALUE = Pattern.compile("[A-Za-z0-9_:@.+/\\-]*");

	AsteriskJavaAgiCall(AgiRequest request, AgiChannel channel, MissingSounds missingSounds) {
		this.channel = channel;
		this.missingSounds = missingSounds;
		this.request = toCallRequest(request);
	}

	static CallRequest toCallRequest(AgiRequest request) {
		List<String> arguments = new ArrayList<>();
		if (request.getArguments() != null) {
			for (String argument : request.getArguments()) {
				arguments.add(argument == null ? "" : argument);
			}
		}
		return new CallRequest(nonNull(request.getScript()), nonNull(request.getChannel()),
				nonNull(request.getUniqueId()), nonNull(request.getCallerIdNumber()),
				nonNull(request.getCallerIdName()), nonNull(request.getDnid()), nonNull(request.getExtension()),
				nonNull(request.getContext()), nonNull(request.getLanguage()), arguments);
	}

	@Override
	public CallRequest request() {
		return this.request;
	}

	@Override
	public void answer() {
		channelCommand(new AnswerCommand());
	}

	@Override
	public Optional<Character> play(String sound, String escapeDigits) {
		AgiReply reply = playing(sound, new StreamFileCommand(sound, escapeDigits == null ? "" : escapeDigits));
		return digit(reply.getResultCode());
	}

	@Override
	public DigitInput read(String sound, Duration timeout, int maxDigits) {
		AgiReply reply = playing(sound, new GetDataCommand(sound, timeout.toMillis(), maxDigits));
		if (failed(reply)) {
			// without its prompt GET DATA reads nothing: read the digits with no prompt,
			// so that the caller who knows the menu still gets through
			reply = channelCommand(new GetDataCommand("", timeout.toMillis(), maxDigits));
		}
		if (failed(reply)) {
			return new DigitInput("", true);
		}
		String digits = reply.getResult() == null ? "" : reply.getResult();
		return new DigitInput(digits, "timeout".equals(reply.getExtra()));
	}

	@Override
	public Optional<Character> waitForDigit(Duration timeout) {
		AgiReply reply = channelCommand(new WaitForDigitCommand(timeout.toMillis()));
		return digit(reply.getResultCode());
	}

	@Override
	public void sayDateTime(Instant when, ZoneId zone) {
		// weekday, day, month, "at", hour, minutes, am/pm
		channelCommand(new SayDateTimeCommand(when.getEpochSecond(), "", "AdB 'digits/at' IMp", zone.getId()));
	}

	@Override
	public void set(String variable, String value) {
		synchronized (this.unsent) {
			this.unsent.remove(variable);
			this.unsent.put(variable, value == null ? "" : value);
		}
	}

	/**
	 * Sends the variables set since the last command: those plain enough for {@code MSet}
	 * (names of letters, digits and underscores; values of letters, digits and
	 * {@code _:@.+/-}) in one {@code EXEC MSet}, the rest one {@code SET VARIABLE} each.
	 * Runs before every other command and when the session ends, so the dialplan and
	 * every command see them as if each had been sent at once.
	 */
	void sendVariables() {
		Map<String, String> batch;
		synchronized (this.unsent) {
			if (this.unsent.isEmpty()) {
				return;
			}
			batch = new LinkedHashMap<>(this.unsent);
			this.unsent.clear();
		}
		Map<String, String> plain = new LinkedHashMap<>();
		batch.forEach((variable, value) -> {
			if (plain(variable, value)) {
				plain.put(variable, value);
			}
			else {
				sendNow(new SetVariableCommand(variable, value));
			}
		});
		if (plain.size() == 1 || (plain.size() > 1 && !multiSet(plain))) {
			plain.forEach((variable, value) -> sendNow(new SetVariableCommand(variable, value)));
		}
	}

	/**
	 * Whether MSet sets this variable to this value as given: it splits its argument at
	 * commas and each pair at the first {@code =}, and reads quotes, backslashes and
	 * brackets as its own syntax.
	 */
	static boolean plain(String variable, String value) {
		return PLAIN_NAME.matcher(variable).matches() && PLAIN_VALUE.matcher(value).matches();
	}

	/** One {@code EXEC MSet}; false when this Asterisk has no MSet. */
	private boolean multiSet(Map<String, String> variables) {
		StringJoiner pairs = new StringJoiner(",");
		variables.forEach((variable, value) -> pairs.add(variable + "=" + value));
		return sendNow(new ExecCommand("MSet", pairs.toString())).getResultCode() != -2;
	}

	@Override
	public Optional<String> get(String variable) {
		AgiReply reply = send(new GetVariableCommand(variable));
		if (reply.getResultCode() != 1) {
			return Optional.empty();
		}
		return Optional.ofNullable(reply.getExtra());
	}

	@Override
	public void exec(String application, String arguments) {
		AgiReply reply = send(new ExecCommand(application, arguments == null ? "" : arguments));
		if (reply.getResultCode() == -2) {
			throw new IllegalArgumentException("Asterisk has no application " + application);
		}
	}

	@Override
	public void verbose(String message) {
		send(new VerboseCommand(message, 1));
	}

	@Override
	public void hangup() {
		channelCommand(new HangupCommand());
		this.gone = true;
	}

	@Override
	public boolean gone() {
		return this.gone;
	}

	/**
	 * A command that plays a sound: a {@code result=-1} on a live channel means Asterisk
	 * has no file for it.
	 */
	private AgiReply playing(String sound, AgiCommand command) {
		AgiReply reply = channelCommand(command);
		if (failed(reply)) {
			this.missingSounds.missing(sound);
		}
		return reply;
	}

	/**
	 * A command that needs a live channel. {@code result=-1} means the caller is gone, or
	 * that the command failed on a live channel (a missing sound file): only the probe
	 * tells, and only a dead channel throws.
	 */
	private AgiReply channelCommand(AgiCommand command) {
		if (this.gone) {
			throw new ChannelGoneException(name(command));
		}
		AgiReply reply = send(command);
		if (failed(reply)) {
			// dead mode answers 511, which Asterisk-Java throws as a hang-up
			send(new ChannelStatusCommand());
		}
		return reply;
	}

	private static boolean failed(AgiReply reply) {
		return "-1".equals(reply.getResult());
	}

	private AgiReply send(AgiCommand command) {
		sendVariables();
		return sendNow(command);
	}

	private AgiReply sendNow(AgiCommand command) {
		try {
			return this.channel.sendCommand(command);
		}
		catch (AgiHangupException ex) {
			this.gone = true;
			throw new ChannelGoneException(name(command));
		}
		catch (AgiNetworkException ex) {
			this.gone = true;
			throw new ChannelGoneException(name(command) + " (connection lost)");
		}
		catch (AgiException ex) {
			throw new AgiProtocolException("Asterisk refused " + name(command) + ": " + ex.getMessage());
		}
	}

	private static Optional<Character> digit(int resultCode) {
		return resultCode > 0 ? Optional.of((char) resultCode) : Optional.empty();
	}

	private static String name(AgiCommand command) {
		// the class, not the command line: a SET VARIABLE may carry a caller's card
		// number
		return command.getClass().getSimpleName().replace("Command", "");
	}

	private static String nonNull(String value) {
		return value == null ? "" : value;
	}

}
