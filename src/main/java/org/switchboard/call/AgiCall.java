package org.switchboard.call;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The commands a script may send to the caller's channel during one AGI session. Every
 * method blocks until Asterisk answers, and throws {@link ChannelGoneException} once the
 * channel is gone (variables still work then).
 */
public interface AgiCall {

	CallRequest request();

	/** Answers the channel if it is not up yet. */
	void answer();

	/**
	 * Plays a sound file. The caller may interrupt it with one of the escape digits.
	 * @return the digit that interrupted the prompt, if any
	 */
	Optional<Character> play(String sound, String escapeDigits);

	/**
	 * Plays a prompt and reads up to {@code maxDigits} digits; {@code #} ends input
	 * early.
	 */
	DigitInput read(String sound, Duration timeout, int maxDigits);

	/** Waits for one digit. */
	Optional<Character> waitForDigit(Duration timeout);

	/**
	 * Says a date and time as Asterisk speaks it in the channel's language, in that time
	 * zone.
	 */
	void sayDateTime(Instant when, ZoneId zone);

	/** Sets a channel variable (works after the caller left, too). */
	void set(String variable, String value);

	/** Tells the dialplan where the call goes once this script ends. */
	default void next(Next next) {
		set(Next.VARIABLE, next.context());
	}

	/** Reads a channel variable or expression like {@code CHANNEL(state)}. */
	Optional<String> get(String variable);

	/** Runs a dialplan application. */
	void exec(String application, String arguments);

	/** Writes to Asterisk's verbose log. */
	void verbose(String message);

	/** Hangs up the channel. */
	void hangup();

	/** Whether the channel has gone (hung up or redirected) during this session. */
	boolean gone();

}
