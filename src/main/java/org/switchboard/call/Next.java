package org.switchboard.call;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where the dialplan goes after an AGI script: the channel variable {@link #VARIABLE}
 * names the context {@code switchboard-<context>} it jumps to (the SB_NEXT contract of
 * dialplans/extensions.conf).
 */
public enum Next {

	/** The waiting line: music on hold until an agent is free. */
	WAIT("wait"),

	/** Ring the agent in SB_TARGET. */
	CONNECT("connect"),

	/** The satisfaction survey after the conversation. */
	SURVEY("survey"),

	/** A message in the mailbox SB_MAILBOX. */
	VOICEMAIL("voicemail"),

	/** End the call. */
	HANGUP("hangup");

	/** The channel variable the dialplan jumps by. */
	public static final String VARIABLE = "SB_NEXT";

	private final String context;

	Next(String context) {
		this.context = context;
	}

	/** The suffix of the dialplan context, e.g. {@code connect}. */
	public String context() {
		return this.context;
	}

	/** The step a value of {@link #VARIABLE} names, if any. */
	public static Optional<Next> of(String context) {
		return Arrays.stream(values()).filter((next) -> next.context.equals(context)).findFirst();
	}

}
