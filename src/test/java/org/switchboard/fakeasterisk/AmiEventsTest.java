package org.switchboard.fakeasterisk;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event factories against the field layouts captured from Asterisk 20.20.1.
 */
class AmiEventsTest {

	private static final List<String> CHANNEL = List.of("Channel", "ChannelState", "ChannelStateDesc", "CallerIDNum",
			"CallerIDName", "ConnectedLineNum", "ConnectedLineName", "Language", "AccountCode", "Context", "Exten",
			"Priority", "Uniqueid", "Linkedid");

	private static final List<String> BRIDGE = List.of("BridgeUniqueid", "BridgeType", "BridgeTechnology",
			"BridgeCreator", "BridgeName", "BridgeNumChannels", "BridgeVideoSourceMode");

	private final FakeChannel caller = FakeChannel.of("SIP/caller-00000000", "+4930123456", "Lab Caller")
		.at("ivr", "1000", 9);

	private final FakeChannel agent = FakeChannel.of("SIP/agent1001-00000001", "1001", "Agent 1001")
		.linkedTo(this.caller)
		.connectedTo(this.caller)
		.withState(FakeChannel.State.DOWN)
		.at("from-agents", "1000", 1);

	@Test
	void channelEventsCarryPrivilegeTimestampAndTheStandardChannelFields() {
		assertLayout(AmiEvents.newchannel(this.caller), "Newchannel", "call,all", CHANNEL);
		assertLayout(AmiEvents.newexten(this.caller, "AGI", "agi://127.0.0.1:4573/ivr"), "Newexten", "dialplan,all",
				CHANNEL, "Extension", "Application", "AppData");
		assertLayout(AmiEvents.varSet(this.caller, "X", "1"), "VarSet", "dialplan,all", CHANNEL, "Variable", "Value");
		assertLayout(AmiEvents.hangupRequest(this.caller), "HangupRequest", "call,all", CHANNEL);
		assertLayout(AmiEvents.hangup(this.caller, 16), "Hangup", "call,all", CHANNEL, "Cause", "Cause-txt");
		assertLayout(AmiEvents.dtmfEnd(this.caller, '1', 250), "DTMFEnd", "dtmf,all", CHANNEL, "Digit", "DurationMs",
				"Direction");
		assertLayout(AmiEvents.musicOnHoldStart(this.caller), "MusicOnHoldStart", "call,all", CHANNEL, "Class");
	}

	@Test
	void valuesReadAsAsteriskWritesThem() {
		AmiEvent hangup = AmiEvents.hangup(this.caller, 16);
		assertThat(hangup.get("ChannelState")).isEqualTo("6");
		assertThat(hangup.get("ChannelStateDesc")).isEqualTo("Up");
		assertThat(hangup.get("ConnectedLineNum")).isEqualTo("<unknown>");
		assertThat(hangup.get("Priority")).isEqualTo("9");
		assertThat(hangup.get("Cause-txt")).isEqualTo("Normal Clearing");
		assertThat(hangup.get("Timestamp")).matches("\\d{10}\\.\\d{6}");
		assertThat(AmiEvents.hangup(this.caller, 0).get("Cause-txt")).isEqualTo("Unknown");
		assertThat(AmiEvents.hangup(this.caller, 17).get("Cause-txt")).isEqualTo("User busy");
		assertThat(AmiEvents.varSet(this.caller, "V", "hello world \"quoted\"").get("Value"))
			.isEqualTo("hello world \\\"quoted\\\"");
		assertThat(AmiEvents.varSet(this.caller, "V", "a\\b").get("Value")).isEqualTo("a\\\\b");
		assertThat(AmiEvents.hangupRequest(this.caller).get("Cause")).isNull();
		assertThat(this.agent.linkedid()).isEqualTo(this.caller.uniqueid());
		assertThat(AmiEvents.newchannel(this.agent).get("ConnectedLineName")).isEqualTo("Lab Caller");
	}

	@Test
	void dialEventsAddTheCalleeAsDestFieldsAndOriginateOnesHaveNoCaller() {
		List<String> dest = CHANNEL.stream().map((key) -> "Dest" + key).toList();
		List<String> both = new ArrayList<>(CHANNEL);
		both.addAll(dest);
		assertLayout(AmiEvents.dialBegin(this.caller, this.agent, "agent1001"), "DialBegin", "call,all", both,
				"DialString");
		assertLayout(AmiEvents.dialEnd(this.caller, this.agent, "ANSWER"), "DialEnd", "call,all", both, "DialStatus");
		assertLayout(AmiEvents.dialBegin(null, this.agent, "agent1001"), "DialBegin", "call,all", dest, "DialString");
	}

	@Test
	void bridgeEventsStartWithTheBridgeFields() {
		assertLayout(AmiEvents.bridgeCreate("2ccf2fe4"), "BridgeCreate", "call,all", BRIDGE);
		List<String> enter = new ArrayList<>(BRIDGE);
		enter.addAll(CHANNEL);
		assertLayout(AmiEvents.bridgeEnter("2ccf2fe4", 2, this.caller), "BridgeEnter", "call,all", enter);
		assertThat(AmiEvents.bridgeEnter("2ccf2fe4", 2, this.caller).get("BridgeNumChannels")).isEqualTo("2");
	}

	@Test
	void systemEventsHaveTheirOwnShortLayouts() {
		assertThat(keys(AmiEvents.fullyBooted())).containsExactly("Event", "Privilege", "Uptime", "LastReload",
				"Status");
		assertThat(keys(AmiEvents.deviceStateChange("PJSIP/1001", DeviceState.RINGING))).containsExactly("Event",
				"Privilege", "Timestamp", "Device", "State");
		assertThat(AmiEvents.deviceStateChange("PJSIP/1001", DeviceState.NOT_INUSE).get("State"))
			.isEqualTo("NOT_INUSE");
		assertThat(keys(AmiEvents.contactStatus("sip:1001@127.0.0.1:5091", "Reachable", "1001", "1001", 425)))
			.containsExactly("Event", "Privilege", "Timestamp", "URI", "ContactStatus", "AOR", "EndpointName",
					"RoundtripUsec");
		AmiEvent peer = AmiEvents.peerStatus("PJSIP/1001", "Reachable");
		assertThat(keys(peer)).containsExactly("Event", "Privilege", "Timestamp", "ChannelType", "Peer", "PeerStatus");
		assertThat(peer.get("ChannelType")).isEqualTo("PJSIP");
	}

	@Test
	void originateResponseEchoesTheActionAndReportsTheOutcome() {
		AmiAction originate = new AmiAction("Originate",
				List.of(new AmiField("Action", "Originate"), new AmiField("ActionID", "ami-2"),
						new AmiField("Channel", "Local/s@edge-local"), new AmiField("Application", "Playback"),
						new AmiField("Data", "beep"), new AmiField("CallerID", "\"Callback\" <+4930999>")));
		FakeChannel callee = FakeChannel.of("Local/s@edge-local-00000000;1", "s", "s");
		AmiEvent answered = AmiEvents.originateResponse(originate, OriginateOutcome.answered(callee));
		assertThat(keys(answered)).containsExactly("Event", "Privilege", "Timestamp", "ActionID", "Response", "Channel",
				"Application", "Data", "Reason", "Uniqueid", "CallerIDNum", "CallerIDName");
		assertThat(answered.get("Channel")).isEqualTo("Local/s@edge-local-00000000;1");
		assertThat(answered.get("Reason")).isEqualTo("4");
		assertThat(answered.get("CallerIDNum")).isEqualTo("+4930999");
		assertThat(answered.get("CallerIDName")).isEqualTo("Callback");
		AmiEvent noAnswer = AmiEvents.originateResponse(originate, OriginateOutcome.noAnswer());
		assertThat(noAnswer.get("Response")).isEqualTo("Failure");
		assertThat(noAnswer.get("Channel")).isEqualTo("Local/s@edge-local");
		assertThat(noAnswer.get("Reason")).isEqualTo("3");
		assertThat(noAnswer.get("Uniqueid")).isEqualTo("<unknown>");
	}

	private static List<String> keys(AmiEvent event) {
		List<String> keys = new ArrayList<>(List.of("Event"));
		event.fields().forEach((field) -> keys.add(field.key()));
		assertThat(event.wire()).startsWith("Event: " + event.name() + "\r\n").endsWith("\r\n\r\n");
		return keys;
	}

	/**
	 * Event, Privilege and Timestamp, then the standard fields, then the event's own
	 * ones, in that order.
	 */
	private static void assertLayout(AmiEvent event, String name, String privilege, List<String> standard,
			String... own) {
		List<String> expected = new ArrayList<>(List.of("Event", "Privilege", "Timestamp"));
		expected.addAll(standard);
		expected.addAll(List.of(own));
		assertThat(event.name()).isEqualTo(name);
		assertThat(keys(event)).isEqualTo(expected);
		assertThat(event.get("Privilege")).isEqualTo(privilege);
	}

}
