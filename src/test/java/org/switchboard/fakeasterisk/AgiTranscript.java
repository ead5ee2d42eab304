package org.switchboard.fakeasterisk;

import java.util.List;
import java.util.Map;

/**
 * What happened in one FastAGI session, seen from the fake channel.
 *
 * @param env the environment block lines sent to the script, without the empty line that
 * ends it
 * @param lines the two-way transcript after the environment block: {@code ">> ANSWER"},
 * {@code "<< 200 result=0"}, {@code "<< HANGUP"}
 * @param commands every command line the script sent, in order
 * @param prompts the sound files the script asked to play (STREAM FILE, GET DATA, GET
 * OPTION, CONTROL STREAM FILE, EXEC Playback and Background), in order
 * @param variables the last value of each variable the script set (SET VARIABLE, EXEC
 * Set)
 * @param hungUp whether the channel died during the session: caller hang-up, redirect,
 * AMI Hangup or the script's own HANGUP
 * @param closedByScript whether the script closed the socket, as it always must: Asterisk
 * never closes first
 * @param commandFailed whether a command failed on the live channel (STREAM FILE of a
 * missing sound): res_agi then reports the whole session as FAILURE
 */
public record AgiTranscript(List<String> env, List<String> lines, List<String> commands, List<String> prompts,
		Map<String, String> variables, boolean hungUp, boolean closedByScript, boolean commandFailed) {

	public AgiTranscript {
		env = List.copyOf(env);
		lines = List.copyOf(lines);
		commands = List.copyOf(commands);
		prompts = List.copyOf(prompts);
		variables = Map.copyOf(variables);
	}

	/**
	 * AGISTATUS as the dialplan reads it after the AGI: HANGUP when the channel died,
	 * FAILURE when the connection broke or a command failed, else SUCCESS.
	 */
	public String agiStatus() {
		if (this.hungUp) {
			return "HANGUP";
		}
		return (this.closedByScript && !this.commandFailed) ? "SUCCESS" : "FAILURE";
	}

	/** The last value the script set for this variable, or null when it set none. */
	public String variable(String name) {
		return this.variables.get(name);
	}

}
