package org.switchboard.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The SIPp scenarios the suite plays: a caller on the carrier trunk who presses keys (SIP
 * INFO or RFC 4733 events) and hangs up or is hung up on, an agent's phone that registers
 * with digest auth and answers, rings, refuses or holds, and a second line of that phone
 * dialling a feature code.
 */
final class Scenarios {

	private Scenarios() {
	}

	/** How a phone or the customer's side of a callback treats an incoming call. */
	record Answering(Duration ring, Duration holdAfter, Duration hold, Duration talk, boolean busy) {

		static Answering after(Duration ring, Duration talk) {
			return new Answering(ring, null, null, talk, false);
		}

		/** Rings until the caller gives up (CANCEL). */
		static Answering never() {
			return new Answering(Duration.ofHours(1), null, null, Duration.ZERO, false);
		}

		/** Answers 486 Busy Here. */
		static Answering refusing() {
			return new Answering(Duration.ZERO, null, null, Duration.ZERO, true);
		}

		/**
		 * Answers, puts the caller on hold for a while, takes them back, then hangs up.
		 */
		static Answering holding(Duration ring, Duration holdAfter, Duration hold, Duration talk) {
			return new Answering(ring, holdAfter, hold, talk, false);
		}

	}

	/** One key a caller presses after a pause, as SIP INFO or as an RFC 4733 event. */
	record Key(Duration after, char digit, boolean rfc4733) {

		static Key info(Duration after, char digit) {
			return new Key(after, digit, false);
		}

		static Key rtp(Duration after, char digit) {
			return new Key(after, digit, true);
		}

		/**
		 * Seven seconds of speech (G.711 a-law) instead of a key, e.g. for a voicemail.
		 */
		static Key speech(Duration after) {
			return new Key(after, 'a', true);
		}

	}

	/**
	 * A caller from {@code number} who, once answered, presses {@code keys}, then hangs
	 * up after {@code hangUpAfter}, or, when that is null, waits up to {@code maxWait}
	 * for Asterisk to hang up.
	 */
	static String caller(String number, List<Key> keys, Duration hangUpAfter, Duration maxWait, Path pcaps) {
		StringBuilder xml = new StringBuilder(HEAD.formatted("caller"));
		xml.append(send("""
				INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
				Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
				From: "Caller" <sip:%1$s@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
				To: <sip:[service]@[remote_ip]:[remote_port]>
				Call-ID: [call_id]
				CSeq: 1 INVITE
				Contact: <sip:%1$s@[local_ip]:[local_port]>
				Max-Forwards: 70
				Content-Type: application/sdp
				Content-Length: [len]

				%2$s""".formatted(number, sdp("caller", 1, "sendrecv")), true));
		xml.append("""
				  <recv response="100" optional="true"/>
				  <recv response="180" optional="true"/>
				  <recv response="183" optional="true"/>
				  <recv response="200" rrs="true"/>
				""");
		xml.append(send(callerRequest("ACK", number, 1, null), false));
		int cseq = 2;
		int press = 0;
		int waits = 0;
		for (Key key : keys) {
			xml.append(waitUnlessHungUp(key.after(), waits++));
			if (key.rfc4733()) {
				String pcap = (key.digit() == 'a') ? "/usr/share/sip-tester/g711a.pcap"
						: RtpEvents.pcap(pcaps, key.digit(), press++).toString();
				xml.append("  <nop><action><exec play_pcap_audio=\"" + pcap + "\"/></action></nop>\n");
				xml.append(waitUnlessHungUp(Duration.ofMillis(key.digit() == 'a' ? 7200 : 300), waits++));
			}
			else {
				xml.append(send(callerRequest("INFO", number, cseq++,
						"application/dtmf-relay\n\nSignal=" + key.digit() + "\nDuration=250\n"), true));
				xml.append("  <recv response=\"200\"/>\n");
			}
		}
		if (hangUpAfter != null) {
			xml.append(waitUnlessHungUp(hangUpAfter, waits));
			xml.append(send(callerRequest("BYE", number, cseq, null), true));
			xml.append("  <recv response=\"200\" next=\"end\"/>\n");
		}
		else {
			xml.append("  <recv request=\"BYE\" timeout=\"" + maxWait.toMillis() + "\"/>\n");
		}
		xml.append("  <label id=\"hungup\"/>\n").append(send(OK_TO_REQUEST, false));
		xml.append("  <label id=\"end\"/>\n  <nop/>\n");
		return xml.append(TAIL).toString();
	}

	/**
	 * An agent's phone: registers as {@code endpoint} with its password, then stays (the
	 * test ends it).
	 */
	static String registration(String endpoint, String password) {
		return registration(endpoint, endpoint, password);
	}

	/**
	 * The same with a digest user name of its own: many phones of one SIPp process, each
	 * an endpoint from the injection file ({@code [field0]}), share one user and
	 * password, as SIPp takes no keyword inside its authentication keyword.
	 */
	static String registration(String endpoint, String user, String password) {
		String register = """
				REGISTER sip:[remote_ip]:[remote_port] SIP/2.0
				Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
				From: <sip:%1$s@[remote_ip]>;tag=[pid]reg[call_number]
				To: <sip:%1$s@[remote_ip]>
				Call-ID: [call_id]
				CSeq: %2$d REGISTER
				Contact: <sip:%1$s@[local_ip]:[local_port]>
				Expires: 3600
				Max-Forwards: 70
				User-Agent: Softphone %1$s
				%3$sContent-Length: 0
				""";
		return HEAD.formatted("register-" + endpoint) + send(register.formatted(endpoint, 1, ""), true)
				+ "  <recv response=\"401\" auth=\"true\"/>\n"
				+ send(register.formatted(endpoint, 2,
						"[authentication username=" + user + " password=" + password + "]\n"), true)
				+ "  <recv response=\"200\"/>\n" + pause(Duration.ofHours(2)) + TAIL;
	}

	/**
	 * What a phone (or the carrier's customer) does with each request that is not part of
	 * its registration: OPTIONS are answered, INVITEs handled as {@code answering} says.
	 */
	static String answering(String user, Answering answering) {
		StringBuilder xml = new StringBuilder(HEAD.formatted("answer-" + user));
		xml.append("""
				  <recv request="OPTIONS" optional="true" next="options"/>
				  <recv request="NOTIFY" optional="true" next="options"/>
				""");
		// SIPp refuses a variable that is set and never used: a busy phone keeps none
		xml.append(answering.busy() ? "  <recv request=\"INVITE\"/>\n" : """
				  <recv request="INVITE" rrs="true">
				    <action>
				      <ereg regexp=".*" search_in="hdr" header="From:" assign_to="remote"/>
				      <ereg regexp=".*" search_in="hdr" header="CSeq:" assign_to="invitecseq"/>
				    </action>
				  </recv>
				""");
		String tag = "[pid]SIPpTag01[call_number]";
		if (answering.busy()) {
			xml.append(send(response("486 Busy Here", tag, null, user), false));
			xml.append("  <recv request=\"ACK\"/>\n  <nop next=\"end\"/>\n");
		}
		else {
			xml.append(send(response("180 Ringing", tag, null, user), false));
			xml.append("  <recv request=\"CANCEL\" timeout=\"" + answering.ring().toMillis()
					+ "\" ontimeout=\"answer\"/>\n");
			xml.append(send(OK_TO_REQUEST, false));
			xml.append(send("""
					SIP/2.0 487 Request Terminated
					[last_Via:]
					[last_From:]
					[last_To:];tag=%s
					[last_Call-ID:]
					CSeq: [$invitecseq]
					Content-Length: 0
					""".formatted(tag), false));
			xml.append("  <recv request=\"ACK\"/>\n  <nop next=\"end\"/>\n");
			xml.append("  <label id=\"answer\"/>\n");
			xml.append(send(response("200 OK", tag, sdp(user, 1, "sendrecv"), user), true));
			xml.append("  <recv request=\"ACK\"/>\n");
			int cseq = 1;
			if (answering.holdAfter() != null) {
				xml.append(pause(answering.holdAfter()));
				xml.append(reinvite(user, tag, cseq++, sdp(user, 2, "sendonly")));
				xml.append(pause(answering.hold()));
				xml.append(reinvite(user, tag, cseq++, sdp(user, 3, "sendrecv")));
			}
			xml.append("  <recv request=\"BYE\" timeout=\"" + Math.max(1, answering.talk().toMillis())
					+ "\" ontimeout=\"hangup\"/>\n");
			xml.append(send(OK_TO_REQUEST, false));
			xml.append("  <nop next=\"end\"/>\n  <label id=\"hangup\"/>\n");
			xml.append(send(inDialog("BYE", user, tag, cseq, null), true));
			xml.append("  <recv response=\"200\"/>\n");
		}
		xml.append("  <nop next=\"end\"/>\n  <label id=\"options\"/>\n");
		xml.append(send(OK_TO_REQUEST, false));
		xml.append("  <label id=\"end\"/>\n  <nop/>\n");
		return xml.append(TAIL).toString();
	}

	/**
	 * A second line of an agent's phone dials {@code exten} (a feature code or another
	 * agent), authenticates, and waits for Asterisk to hang up.
	 */
	static String dialling(String endpoint, String password, String exten) {
		String invite = """
				INVITE sip:%2$s@[remote_ip]:[remote_port] SIP/2.0
				Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
				From: <sip:%1$s@[remote_ip]>;tag=[pid]SIPpTag00[call_number]
				To: <sip:%2$s@[remote_ip]:[remote_port]>
				Call-ID: [call_id]
				CSeq: %3$d INVITE
				Contact: <sip:%1$s@[local_ip]:[local_port]>
				Max-Forwards: 70
				%4$sContent-Type: application/sdp
				Content-Length: [len]

				%5$s""";
		String ack = """
				ACK sip:%2$s@[remote_ip]:[remote_port] SIP/2.0
				Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
				From: <sip:%1$s@[remote_ip]>;tag=[pid]SIPpTag00[call_number]
				To: <sip:%2$s@[remote_ip]:[remote_port]>[peer_tag_param]
				Call-ID: [call_id]
				CSeq: %3$d ACK
				Max-Forwards: 70
				Content-Length: 0
				""";
		return HEAD.formatted("dial-" + exten)
				+ send(invite.formatted(endpoint, exten, 1, "", sdp(endpoint, 1, "sendrecv")), true)
				+ "  <recv response=\"100\" optional=\"true\"/>\n  <recv response=\"401\" auth=\"true\"/>\n"
				+ send(ack.formatted(endpoint, exten, 1), false)
				+ send(invite.formatted(endpoint, exten, 2,
						"[authentication username=" + endpoint + " password=" + password + "]\n",
						sdp(endpoint, 1, "sendrecv")), true)
				+ """
						  <recv response="100" optional="true"/>
						  <recv response="180" optional="true"/>
						  <recv response="183" optional="true"/>
						  <recv response="200" rrs="true"/>
						""" + send("""
						ACK [next_url] SIP/2.0
						Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
						From: <sip:%1$s@[remote_ip]>;tag=[pid]SIPpTag00[call_number]
						To: <sip:%2$s@[remote_ip]:[remote_port]>[peer_tag_param]
						Call-ID: [call_id]
						CSeq: 2 ACK
						Max-Forwards: 70
						Content-Length: 0
						""".formatted(endpoint, exten), false) + "  <recv request=\"BYE\" timeout=\"30000\"/>\n"
				+ send(OK_TO_REQUEST, false) + TAIL;
	}

	private static String callerRequest(String method, String number, int cseq, String body) {
		String contentType = (body != null) ? "Content-Type: " + body.substring(0, body.indexOf('\n')) + "\n" : "";
		String content = (body != null) ? body.substring(body.indexOf('\n') + 2) : "";
		return """
				%1$s [next_url] SIP/2.0
				Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
				From: "Caller" <sip:%2$s@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
				To: <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
				Call-ID: [call_id]
				CSeq: %3$d %1$s
				Contact: <sip:%2$s@[local_ip]:[local_port]>
				Max-Forwards: 70
				%4$sContent-Length: [len]

				%5$s""".formatted(method, number, cseq, contentType, content);
	}

	private static String reinvite(String user, String tag, int cseq, String sdp) {
		return send(inDialog("INVITE", user, tag, cseq, sdp), true) + "  <recv response=\"100\" optional=\"true\"/>\n"
				+ "  <recv response=\"200\"/>\n" + send(inDialog("ACK", user, tag, cseq, null), false);
	}

	/**
	 * A request the called side sends inside the dialog an INVITE opened. Its branch
	 * holds the Call-ID (Asterisk's, a UUID): SIPp's own {@code [branch]} repeats from
	 * one call of a phone to the next, and Asterisk answers a BYE whose branch it saw in
	 * the last 32 s with the earlier call's cached 200 OK, leaving this call up.
	 */
	private static String inDialog(String method, String user, String tag, int cseq, String sdp) {
		return """
				%1$s [next_url] SIP/2.0
				Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]-[call_id]
				From: <sip:%2$s@[local_ip]:[local_port]>;tag=%3$s
				To: [$remote]
				Call-ID: [call_id]
				CSeq: %4$d %1$s
				Contact: <sip:%2$s@[local_ip]:[local_port]>
				Max-Forwards: 70
				%5$sContent-Length: [len]

				%6$s""".formatted(method, user, tag, cseq, (sdp != null) ? "Content-Type: application/sdp\n" : "",
				(sdp != null) ? sdp : "");
	}

	private static String response(String status, String tag, String sdp, String user) {
		return """
				SIP/2.0 %1$s
				[last_Via:]
				[last_From:]
				[last_To:];tag=%2$s
				[last_Call-ID:]
				[last_CSeq:]
				Contact: <sip:%3$s@[local_ip]:[local_port]>
				%4$sContent-Length: [len]

				%5$s""".formatted(status, tag, user, (sdp != null) ? "Content-Type: application/sdp\n" : "",
				(sdp != null) ? sdp : "");
	}

	private static String sdp(String user, int version, String direction) {
		return """
				v=0
				o=%1$s 1 %2$d IN IP[local_ip_type] [local_ip]
				s=-
				c=IN IP[media_ip_type] [media_ip]
				t=0 0
				m=audio [media_port] RTP/AVP 8 0 101
				a=rtpmap:8 PCMA/8000
				a=rtpmap:0 PCMU/8000
				a=rtpmap:101 telephone-event/8000
				a=fmtp:101 0-16
				a=%3$s
				""".formatted(user.replace("+", ""), version, direction);
	}

	/**
	 * A pause that Asterisk's BYE ends early: the caller is hung up on (e.g. the survey
	 * ended) while they waited to press a key.
	 */
	private static String waitUnlessHungUp(Duration duration, int index) {
		return "  <recv request=\"BYE\" timeout=\"" + Math.max(1, duration.toMillis()) + "\" ontimeout=\"w" + index
				+ "\" next=\"hungup\"/>\n  <label id=\"w" + index + "\"/>\n";
	}

	private static String pause(Duration duration) {
		return "  <pause milliseconds=\"" + Math.max(1, duration.toMillis()) + "\"/>\n";
	}

	private static String send(String message, boolean retransmit) {
		return "  <send" + (retransmit ? " retrans=\"500\"" : "") + "><![CDATA[\n\n" + message + "\n]]></send>\n";
	}

	private static final String HEAD = """
			<?xml version="1.0" encoding="ISO-8859-1" ?>
			<scenario name="%s">
			""";

	private static final String TAIL = "</scenario>\n";

	private static final String OK_TO_REQUEST = """
			SIP/2.0 200 OK
			[last_Via:]
			[last_From:]
			[last_To:]
			[last_Call-ID:]
			[last_CSeq:]
			Contact: <sip:[local_ip]:[local_port]>
			Content-Length: 0
			""";

}
