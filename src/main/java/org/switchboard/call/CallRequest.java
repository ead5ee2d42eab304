package org.switchboard.call;

import java.util.List;

/**
 * The environment Asterisk sends when an AGI session starts, as an immutable value. Its
 * {@link #toString()} masks the caller's number, so it is safe to log.
 *
 * @param script the script name from the AGI URL
 * @param channel the caller's channel, e.g. {@code PJSIP/carrier-00000001}
 * @param uniqueId the channel's Uniqueid, Switchboard's call id
 * @param callerId the caller's number as Asterisk saw it; may be empty or {@code unknown}
 * @param callerIdName the caller's name
 * @param dialled the number the caller dialled (agi_dnid)
 * @param extension the dialplan extension
 * @param context the dialplan context
 * @param language the channel's language
 * @param arguments the script's arguments ({@code agi_arg_1}...)
 */
public record CallRequest(String script, String channel, String uniqueId, String callerId, String callerIdName,
		String dialled, String extension, String context, String language, List<String> arguments) {

	public CallRequest {
		arguments = List.copyOf(arguments);
	}

	/** The first argument, or the fallback. */
	public String argument(int index, String fallback) {
		return index < this.arguments.size() ? this.arguments.get(index) : fallback;
	}

	@Override
	public String toString() {
		return "CallRequest[script=" + this.script + ", channel=" + this.channel + ", uniqueId=" + this.uniqueId
				+ ", callerId=" + Masked.number(this.callerId) + ", dialled=" + Masked.number(this.dialled)
				+ ", context=" + this.context + ", language=" + this.language + "]";
	}

}
