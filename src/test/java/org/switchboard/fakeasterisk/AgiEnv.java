package org.switchboard.fakeasterisk;

import java.util.ArrayList;
import java.util.List;

/**
 * The channel as the FastAGI environment block describes it, written in the order
 * Asterisk 20 writes it.
 */
record AgiEnv(String host, int port, String script, String channel, String language, String uniqueId, String callerId,
		String callerIdName, String dnid, String context, String extension, int priority, String accountCode,
		List<String> args) {

	static final String VERSION = "20.20.1";

	/** The URL the dialplan's AGI() application was given. */
	String request() {
		return "agi://" + this.host + ":" + this.port + "/" + this.script;
	}

	/** The channel technology, e.g. PJSIP for PJSIP/carrier-00000001. */
	String type() {
		int slash = this.channel.indexOf('/');
		return (slash < 0) ? this.channel : this.channel.substring(0, slash);
	}

	/**
	 * The environment lines without their line ends, followed by the empty line that ends
	 * the block.
	 */
	List<String> lines() {
		List<String> lines = new ArrayList<>(List.of("agi_network: yes", "agi_network_script: " + this.script,
				"agi_request: " + request(), "agi_channel: " + this.channel, "agi_language: " + this.language,
				"agi_type: " + type(), "agi_uniqueid: " + this.uniqueId, "agi_version: " + VERSION,
				"agi_callerid: " + this.callerId, "agi_calleridname: " + this.callerIdName, "agi_callingpres: 0",
				"agi_callingani2: 0", "agi_callington: 0", "agi_callingtns: 0", "agi_dnid: " + this.dnid,
				"agi_rdnis: unknown", "agi_context: " + this.context, "agi_extension: " + this.extension,
				"agi_priority: " + this.priority, "agi_enhanced: 0.0", "agi_accountcode: " + this.accountCode,
				"agi_threadid: " + (140133993305792L + this.port)));
		for (int i = 0; i < this.args.size(); i++) {
			lines.add("agi_arg_" + (i + 1) + ": " + this.args.get(i));
		}
		lines.add("");
		return lines;
	}

}
