package org.switchboard.call;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one spelling of a voicemail mailbox. Switchboard's mailboxes live in the
 * {@code switchboard} context of voicemail.conf; flows and schedules may write
 * {@code 1000} or {@code 1000@switchboard}, and both mean mailbox {@code 1000}, which is
 * what {@code SB_MAILBOX} carries: the dialplan appends {@code @switchboard} itself.
 */
public final class Mailboxes {

	/** The voicemail.conf context of every Switchboard mailbox. */
	public static final String CONTEXT = "switchboard";

	private static final Pattern WRITTEN = Pattern.compile("([0-9A-Za-z_-]+)(?:@([0-9A-Za-z_-]+))?");

	private Mailboxes() {
	}

	/**
	 * The mailbox number of {@code 1000} or {@code 1000@switchboard}.
	 * @throws IllegalArgumentException for any other spelling, saying why
	 */
	public static String number(String written) {
		Matcher matcher = WRITTEN.matcher((written != null) ? written.strip() : "");
		if (!matcher.matches()) {
			throw new IllegalArgumentException("not a mailbox like 1000 or 1000@switchboard: '" + written + "'");
		}
		if (matcher.group(2) != null && !matcher.group(2).equals(CONTEXT)) {
			throw new IllegalArgumentException("mailbox not in voicemail context " + CONTEXT + ": '" + written + "'");
		}
		return matcher.group(1);
	}

}
