package org.switchboard.telephony;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiHangupException;
import org.asteriskjava.fastagi.AgiNetworkException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.command.AgiCommand;
import org.asteriskjava.fastagi.command.AnswerCommand;
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

/**
 * {@link AgiCall} over Asterisk-Java's channel. It reads raw replies rather than
 * Asterisk-Java's convenience methods, because a hang-up shows only in the reply:
 * {@code result=-1} for a blocking command, {@code 511} afterwards.
 */
final class AsteriskJavaAgiCall implements AgiCall {

	private final AgiChannel channel;

	private final CallRequest request;

	private volatile boolean gone;

	AsteriskJavaAgiCall(AgiRequest request, AgiChannel channel) {
		this.channel = channel;
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
		AgiReply reply = channelCommand(new StreamFileCommand(sound, escapeDigits == null ? "" : escapeDigits));
		return digit(reply.getResultCode());
	}

	@Override
	public DigitInput read(String sound, Duration timeout, int maxDigits) {
		AgiReply reply = channelCommand(new GetDataCommand(sound, timeout.toMillis(), maxDigits));
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
		send(new SetVariableCommand(variable, value == null ? "" : value));
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
	 * A command that needs a live channel: {@code result=-1} or 511 mean the caller is
	 * gone.
	 */
	private AgiReply channelCommand(AgiCommand command) {
		if (this.gone) {
			throw new ChannelGoneException(name(command));
		}
		AgiReply reply = send(command);
		if ("-1".equals(reply.getResult())) {
			this.gone = true;
			throw new ChannelGoneException(name(command));
		}
		return reply;
	}

	private AgiReply send(AgiCommand command) {
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
