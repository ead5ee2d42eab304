package org.switchboard.fakeasterisk;

import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AMI events in the field layout of Asterisk 20.20.1, as captured from a real one:
 * Privilege, Timestamp, the standard channel fields (Channel ... Linkedid), then the
 * event's own fields.
 */
public final class AmiEvents {

	private static final String CALL = "call,all";

	private static final String DIALPLAN = "dialplan,all";

	private static final String SYSTEM = "system,all";

	private static final String BRIDGE_TYPE = "basic";

	private static final Map<Integer, String> CAUSES = Map.of(0, "Unknown", 1, "Unallocated (unassigned) number", 3,
			"No route to destination", 16, "Normal Clearing", 17, "User busy", 19, "User alerting, no answer", 21,
			"Call Rejected", 34, "Circuit/channel congestion", 38, "Network out of order");

	private static final Pattern CALLER_ID = Pattern.compile("^\\s*\"?([^\"<]*?)\"?\\s*<([^>]*)>\\s*$");

	private AmiEvents() {
	}

	public static AmiEvent newchannel(FakeChannel channel) {
		return channelEvent("Newchannel", CALL, channel);
	}

	/**
	 * AGIExecStart or AGIExecEnd around one AGI command (the command id numbered by the
	 * caller); Asterisk raises them for every command when the agi class is read.
	 */
	public static AmiEvent agiExec(FakeChannel channel, String name, int commandId) {
		AmiEvent event = channelEvent(name, "agi,all", channel).with("CommandId", String.valueOf(commandId))
			.with("Command", "STREAM FILE custom/en/welcome \"\"");
		return name.equals("AGIExecEnd") ? event.with("ResultCode", "200").with("Result", "Success") : event;
	}

	public static AmiEvent newstate(FakeChannel channel) {
		return channelEvent("Newstate", CALL, channel);
	}

	/** The channel runs an application at its current context, exten and priority. */
	public static AmiEvent newexten(FakeChannel channel, String application, String appData) {
		return channelEvent("Newexten", DIALPLAN, channel).with("Extension", channel.exten())
			.with("Application", application)
			.with("AppData", appData);
	}

	/** A channel variable was set; the value is escaped as Asterisk escapes it. */
	public static AmiEvent varSet(FakeChannel channel, String variable, String value) {
		return channelEvent("VarSet", DIALPLAN, channel).with("Variable", variable)
			.with("Value", value.replace("\\", "\\\\").replace("\"", "\\\""));
	}

	/** Dial starts; without a caller (Originate) only the Dest fields are present. */
	public static AmiEvent dialBegin(FakeChannel caller, FakeChannel dest, String dialString) {
		return dial("DialBegin", caller, dest).with("DialString", dialString);
	}

	public static AmiEvent dialState(FakeChannel caller, FakeChannel dest, String dialStatus) {
		return dial("DialState", caller, dest).with("DialStatus", dialStatus);
	}

	/** Dial ends with ANSWER, BUSY, NOANSWER, CANCEL ... */
	public static AmiEvent dialEnd(FakeChannel caller, FakeChannel dest, String dialStatus) {
		return dial("DialEnd", caller, dest).with("DialStatus", dialStatus);
	}

	public static AmiEvent bridgeCreate(String bridgeId) {
		return bridge("BridgeCreate", bridgeId, 0);
	}

	/** The channel entered the bridge, which now holds numChannels channels. */
	public static AmiEvent bridgeEnter(String bridgeId, int numChannels, FakeChannel channel) {
		return channelFields(bridge("BridgeEnter", bridgeId, numChannels), "", channel);
	}

	/** The channel left the bridge, which now holds numChannels channels. */
	public static AmiEvent bridgeLeave(String bridgeId, int numChannels, FakeChannel channel) {
		return channelFields(bridge("BridgeLeave", bridgeId, numChannels), "", channel);
	}

	public static AmiEvent bridgeDestroy(String bridgeId) {
		return bridge("BridgeDestroy", bridgeId, 0);
	}

	/**
	 * The channel that sent the re-INVITE put the call on hold (no MusicClass unless the
	 * peer suggests one).
	 */
	public static AmiEvent hold(FakeChannel channel) {
		return channelEvent("Hold", CALL, channel);
	}

	public static AmiEvent hold(FakeChannel channel, String musicClass) {
		return hold(channel).with("MusicClass", musicClass);
	}

	public static AmiEvent unhold(FakeChannel channel) {
		return channelEvent("Unhold", CALL, channel);
	}

	public static AmiEvent musicOnHoldStart(FakeChannel channel) {
		return musicOnHoldStart(channel, "default");
	}

	public static AmiEvent musicOnHoldStart(FakeChannel channel, String mohClass) {
		return channelEvent("MusicOnHoldStart", CALL, channel).with("Class", mohClass);
	}

	public static AmiEvent musicOnHoldStop(FakeChannel channel) {
		return channelEvent("MusicOnHoldStop", CALL, channel);
	}

	/** A caller BYE while the channel is not bridged: no Cause field. */
	public static AmiEvent hangupRequest(FakeChannel channel) {
		return channelEvent("HangupRequest", CALL, channel);
	}

	/** A hang-up request with a Q.850 cause, e.g. 16 when a bridged agent sends BYE. */
	public static AmiEvent hangupRequest(FakeChannel channel, int cause) {
		return hangupRequest(channel).with("Cause", String.valueOf(cause));
	}

	/**
	 * Cause is a soft-hangup reason bit, not Q.850: 16 when the dialplan run ends, 32 for
	 * AGI HANGUP.
	 */
	public static AmiEvent softHangupRequest(FakeChannel channel, int cause) {
		return channelEvent("SoftHangupRequest", CALL, channel).with("Cause", String.valueOf(cause));
	}

	/** The channel is gone, with a Q.850 cause and its text. */
	public static AmiEvent hangup(FakeChannel channel, int cause, String causeText) {
		return channelEvent("Hangup", CALL, channel).with("Cause", String.valueOf(cause)).with("Cause-txt", causeText);
	}

	/** The channel is gone, with the text Asterisk gives the Q.850 cause. */
	public static AmiEvent hangup(FakeChannel channel, int cause) {
		return hangup(channel, cause, CAUSES.getOrDefault(cause, "Unknown"));
	}

	public static AmiEvent deviceStateChange(String device, DeviceState state) {
		return AmiEvent.of("DeviceStateChange")
			.with("Privilege", CALL)
			.with("Timestamp", timestamp())
			.with("Device", device)
			.with("State", state.name());
	}

	/** A PJSIP contact changed: NonQualified, Reachable, Unreachable or Removed. */
	public static AmiEvent contactStatus(String uri, String contactStatus, String aor, String endpointName,
			long roundtripUsec) {
		return AmiEvent.of("ContactStatus")
			.with("Privilege", SYSTEM)
			.with("Timestamp", timestamp())
			.with("URI", uri)
			.with("ContactStatus", contactStatus)
			.with("AOR", aor)
			.with("EndpointName", endpointName)
			.with("RoundtripUsec", String.valueOf(roundtripUsec));
	}

	/**
	 * A peer's status, e.g. PJSIP/1001 Reachable; the channel type is the peer's
	 * technology.
	 */
	public static AmiEvent peerStatus(String peer, String peerStatus) {
		String channelType = peer.contains("/") ? peer.substring(0, peer.indexOf('/')) : "PJSIP";
		return AmiEvent.of("PeerStatus")
			.with("Privilege", SYSTEM)
			.with("Timestamp", timestamp())
			.with("ChannelType", channelType)
			.with("Peer", peer)
			.with("PeerStatus", peerStatus);
	}

	/**
	 * What the dialplan's {@code UserEvent(name,Key: value,...)} raises (class user): the
	 * channel's fields, then {@code UserEvent: name}, then the body's pairs.
	 */
	public static AmiEvent userEvent(FakeChannel channel, String name, String... keysAndValues) {
		AmiEvent event = channelEvent("UserEvent", "user,all", channel).with("UserEvent", name);
		for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
			event = event.with(keysAndValues[i], keysAndValues[i + 1]);
		}
		return event;
	}

	/** Asterisk shuts down or restarts, after it ended its channels. */
	public static AmiEvent shutdown(boolean restart) {
		return AmiEvent.of("Shutdown")
			.with("Privilege", SYSTEM)
			.with("Timestamp", timestamp())
			.with("Shutdown", "Cleanly")
			.with("Restart", restart ? "True" : "False");
	}

	/** Sent right after a successful login; Asterisk 20 gives it no Timestamp. */
	public static AmiEvent fullyBooted() {
		return AmiEvent.of("FullyBooted")
			.with("Privilege", SYSTEM)
			.with("Uptime", "15")
			.with("LastReload", "15")
			.with("Status", "Fully Booted");
	}

	/** The outcome of an Async Originate, carrying the Originate's ActionID. */
	public static AmiEvent originateResponse(AmiAction originate, OriginateOutcome outcome) {
		AmiEvent event = AmiEvent.of("OriginateResponse").with("Privilege", CALL).with("Timestamp", timestamp());
		if (originate.actionId() != null) {
			event = event.with("ActionID", originate.actionId());
		}
		boolean answered = outcome instanceof OriginateOutcome.Answered;
		String channel = (outcome instanceof OriginateOutcome.Answered(FakeChannel callee)) ? callee.name()
				: originate.get("Channel");
		event = event.with("Response", answered ? "Success" : "Failure").with("Channel", channel);
		if (originate.get("Application") != null) {
			event = event.with("Application", originate.get("Application"))
				.with("Data", nonNull(originate.get("Data")));
		}
		else {
			event = event.with("Context", nonNull(originate.get("Context")))
				.with("Exten", nonNull(originate.get("Exten")));
		}
		String uniqueid = (outcome instanceof OriginateOutcome.Answered(FakeChannel callee)) ? callee.uniqueid()
				: "<unknown>";
		String[] callerId = answered ? callerId(originate.get("CallerID")) : new String[] { "<unknown>", "<unknown>" };
		return event.with("Reason", String.valueOf(outcome.reason()))
			.with("Uniqueid", uniqueid)
			.with("CallerIDNum", callerId[0])
			.with("CallerIDName", callerId[1]);
	}

	/** A DTMF key the caller pressed (SIP INFO gives only DTMFEnd). */
	public static AmiEvent dtmfEnd(FakeChannel channel, char digit, int durationMs) {
		return channelEvent("DTMFEnd", "dtmf,all", channel).with("Digit", String.valueOf(digit))
			.with("DurationMs", String.valueOf(durationMs))
			.with("Direction", "Received");
	}

	private static volatile java.time.Clock clock = java.time.Clock.systemUTC();

	/**
	 * The clock of the Asterisk being faked: the application's, as a real Asterisk and
	 * Switchboard share NTP time.
	 */
	public static void clock(java.time.Clock asteriskClock) {
		clock = asteriskClock;
	}

	/** Now as AMI's Timestamp: epoch seconds with microseconds. */
	static String timestamp() {
		return timestamp(clock.instant());
	}

	/** An instant as AMI's Timestamp. */
	static String timestamp(Instant now) {
		return String.format("%d.%06d", now.getEpochSecond(), now.getNano() / 1000);
	}

	/**
	 * The standard channel fields, names prefixed (Dest for a dial's callee), without
	 * Privilege and Timestamp.
	 */
	static AmiEvent channelFields(AmiEvent event, String prefix, FakeChannel channel) {
		return event.with(prefix + "Channel", channel.name())
			.with(prefix + "ChannelState", String.valueOf(channel.state().code()))
			.with(prefix + "ChannelStateDesc", channel.state().text())
			.with(prefix + "CallerIDNum", channel.callerIdNum())
			.with(prefix + "CallerIDName", channel.callerIdName())
			.with(prefix + "ConnectedLineNum", channel.connectedLineNum())
			.with(prefix + "ConnectedLineName", channel.connectedLineName())
			.with(prefix + "Language", "en")
			.with(prefix + "AccountCode", "")
			.with(prefix + "Context", channel.context())
			.with(prefix + "Exten", channel.exten())
			.with(prefix + "Priority", String.valueOf(channel.priority()))
			.with(prefix + "Uniqueid", channel.uniqueid())
			.with(prefix + "Linkedid", channel.linkedid());
	}

	private static AmiEvent channelEvent(String name, String privilege, FakeChannel channel) {
		return channelFields(AmiEvent.of(name).with("Privilege", privilege).with("Timestamp", timestamp()), "",
				channel);
	}

	private static AmiEvent dial(String name, FakeChannel caller, FakeChannel dest) {
		AmiEvent event = AmiEvent.of(name).with("Privilege", CALL).with("Timestamp", timestamp());
		if (caller != null) {
			event = channelFields(event, "", caller);
		}
		return channelFields(event, "Dest", dest);
	}

	private static AmiEvent bridge(String name, String bridgeId, int numChannels) {
		return AmiEvent.of(name)
			.with("Privilege", CALL)
			.with("Timestamp", timestamp())
			.with("BridgeUniqueid", bridgeId)
			.with("BridgeType", BRIDGE_TYPE)
			.with("BridgeTechnology", "simple_bridge")
			.with("BridgeCreator", "<unknown>")
			.with("BridgeName", "<unknown>")
			.with("BridgeNumChannels", String.valueOf(numChannels))
			.with("BridgeVideoSourceMode", "none");
	}

	/** Number and name of a CallerID header such as {@code "Callback" <+4930999>}. */
	private static String[] callerId(String header) {
		if (header == null || header.isBlank()) {
			return new String[] { "<unknown>", "<unknown>" };
		}
		Matcher matcher = CALLER_ID.matcher(header);
		if (matcher.matches()) {
			String name = matcher.group(1).trim();
			return new String[] { matcher.group(2), name.isEmpty() ? "<unknown>" : name };
		}
		return new String[] { header.trim(), "<unknown>" };
	}

	private static String nonNull(String value) {
		return (value != null) ? value : "";
	}

}
