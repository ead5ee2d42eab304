package org.switchboard.call;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a Dial ended, as Asterisk reports it in DIALSTATUS (AGI) and DialEnd (AMI). Read
 * once where Asterisk's text enters Switchboard, so features compare values, not strings.
 */
public enum DialStatus {

	ANSWER, BUSY, NOANSWER, CANCEL, CONGESTION, CHANUNAVAIL, DONTCALL, TORTURE, INVALIDARGS,

	/** A status this version does not know; its text is logged where it was read. */
	UNKNOWN;

	private static final Logger log = LoggerFactory.getLogger(DialStatus.class);

	/** Read on every dial's end: a lookup, not a scan. */
	private static final Map<String, DialStatus> BY_NAME = Arrays.stream(values())
		.filter((value) -> value != UNKNOWN)
		.collect(Collectors.toUnmodifiableMap(DialStatus::name, (value) -> value));

	/** The status Asterisk's text names, or {@link #UNKNOWN} (logged with the text). */
	public static DialStatus of(String text) {
		String status = (text != null) ? text.strip() : "";
		DialStatus known = BY_NAME.getOrDefault(status, UNKNOWN);
		if (known == UNKNOWN) {
			log.warn("Unknown DIALSTATUS '{}', taken as {}", status, UNKNOWN);
		}
		return known;
	}

	/** Whether the dialled party picked up. */
	public boolean answered() {
		return this == ANSWER;
	}

}
