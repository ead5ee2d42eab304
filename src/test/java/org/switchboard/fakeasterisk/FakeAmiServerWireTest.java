package org.switchboard.fakeasterisk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A raw AMI client against the fake, checking the bytes Asterisk 20 sends: banner, CRLF
 * blocks, echoed ActionIDs and the exact response texts.
 */
class FakeAmiServerWireTest {

	private FakeAmiServer ami;

	private Client client;

	@BeforeEach
	void connect() throws IOException {
		this.ami = FakeAmiServer.start(0, "switchboard", "s3cret");
		this.client = new Client(new Socket("127.0.0.1", this.ami.port()));
	}

	@AfterEach
	void close() throws IOException {
		this.client.socket.close();
		this.ami.stop();
	}

	@Test
	void greetsWithTheBannerAndDeniesActionsBeforeLogin() throws IOException {
		assertThat(this.client.raw(AmiSession.BANNER.length())).isEqualTo("Asterisk Call Manager/9.0.0\r\n");
		this.client.send("action: Ping", "actionid: 293907205_0#");
		String denied = "Response: Error\r\nActionID: 293907205_0#\r\nMessage: Permission denied\r\n\r\n";
		assertThat(this.client.raw(denied.length())).isEqualTo(denied);
	}

	@Test
	void logsInWithTheKeyTheClientComputedFromTheChallenge() throws IOException {
		this.client.banner();
		this.client.send("action: Challenge", "actionid: c-1", "authtype: MD5");
		List<String> challenge = this.client.block();
		assertThat(challenge).startsWith("Response: Success", "ActionID: c-1");
		String issued = challenge.get(2).substring("Challenge: ".length());
		assertThat(issued).matches("\\d{9}");

		this.client.send("action: Login", "actionid: c-2", "key: " + ManagerActions.md5Hex(issued + "s3cret"),
				"username: switchboard", "authtype: MD5");
		assertThat(this.client.block()).containsExactly("Response: Success", "ActionID: c-2",
				"Message: Authentication accepted");
		assertThat(this.client.block()).containsExactly("Event: FullyBooted", "Privilege: system,all", "Uptime: 15",
				"LastReload: 15", "Status: Fully Booted");
		assertThat(this.ami.awaitLogin(Duration.ofSeconds(5))).isEqualTo(1);
	}

	@Test
	void refusesAWrongSecretAndCloses() throws IOException {
		this.client.banner();
		this.client.send("Action: Login", "ActionID: l-1", "Username: switchboard", "Secret: wrong");
		assertThat(this.client.block()).containsExactly("Response: Error", "ActionID: l-1",
				"Message: Authentication failed");
		assertThat(this.client.block()).as("Asterisk closes the connection").isNull();
		assertThat(this.ami.loginCount()).isZero();
	}

	@Test
	void answersCoreSettingsCommandAndUnknownActionsAsAsterisk20() throws IOException {
		this.client.login();
		this.client.send("Action: CoreSettings", "ActionID: s-1");
		assertThat(this.client.block()).containsExactly("Response: Success", "ActionID: s-1", "AMIversion: 9.0.0",
				"AsteriskVersion: 20.20.1", "SystemName: ", "CoreMaxCalls: 0", "CoreMaxLoadAvg: 0.000000",
				"CoreRunUser: ", "CoreRunGroup: ", "CoreMaxFilehandles: 0", "CoreRealTimeEnabled: No",
				"CoreCDRenabled: Yes", "CoreHTTPenabled: No", "SoundsSearchCustomDir: No");
		this.client.send("Action: Command", "ActionID: s-2", "Command: core show version");
		assertThat(this.client.block()).containsExactly("Response: Success", "ActionID: s-2",
				"Message: Command output follows",
				"Output: Asterisk 20.20.1 built by root @ vm on a x86_64 running Linux on 2026-11-22 08:11:54 UTC");
		this.client.send("Action: NoSuchAction", "ActionID: s-3");
		assertThat(this.client.block()).containsExactly("Response: Error", "ActionID: s-3",
				"Message: Invalid/unknown command: NoSuchAction. Use Action: ListCommands to show available commands.");
	}

	@Test
	void setvarAnswersThenPushesVarSetWithTheValueEscaped() throws IOException {
		FakeChannel caller = FakeChannel.of("SIP/caller-00000003", "+4930123456", "Lab Caller");
		this.ami.channels(caller);
		this.client.login();
		this.client.send("Action: Setvar", "ActionID: ami-2", "Channel: SIP/caller-00000003", "Variable: REDIR_VAR",
				"Value: hello world \"quoted\"");
		assertThat(this.client.block()).containsExactly("Response: Success", "ActionID: ami-2",
				"Message: Variable Set");
		List<String> varSet = this.client.block();
		assertThat(varSet).startsWith("Event: VarSet", "Privilege: dialplan,all")
			.contains("Channel: SIP/caller-00000003", "Uniqueid: " + caller.uniqueid())
			.endsWith("Variable: REDIR_VAR", "Value: hello world \\\"quoted\\\"");
		this.client.send("Action: Setvar", "ActionID: ami-3", "Channel: SIP/nosuch-00000099", "Variable: X",
				"Value: 1");
		assertThat(this.client.block()).containsExactly("Response: Error", "ActionID: ami-3",
				"Message: No such channel");
	}

	@Test
	void redirectChecksThePriorityBeforeTheChannel() throws IOException {
		this.client.login();
		this.client.send("Action: Redirect", "ActionID: ami-4", "Channel: SIP/nosuch-00000099",
				"Context: edge-redirected", "Exten: s", "Priority: x");
		assertThat(this.client.block()).containsExactly("Response: Error", "ActionID: ami-4",
				"Message: Priority is invalid");
		this.client.send("Action: Redirect", "ActionID: ami-2", "Channel: SIP/nosuch-00000099",
				"Context: edge-redirected", "Exten: s", "Priority: 1");
		assertThat(this.client.block()).containsExactly("Response: Error", "ActionID: ami-2",
				"Message: Channel does not exist: SIP/nosuch-00000099");
	}

	@Test
	void hangupAnswersThenEndsTheChannel() throws IOException {
		FakeChannel caller = FakeChannel.of("SIP/caller-00000009", "+4930123456", "Lab Caller");
		this.ami.channels(caller);
		this.client.login();
		this.client.send("Action: Hangup", "ActionID: ami-6", "Channel: SIP/caller-00000009", "Cause: 16");
		assertThat(this.client.block()).containsExactly("Response: Success", "ActionID: ami-6",
				"Message: Channel Hungup");
		assertThat(this.client.block()).startsWith("Event: SoftHangupRequest").endsWith("Cause: 16");
		assertThat(this.client.block()).startsWith("Event: Hangup")
			.contains("ChannelStateDesc: Up")
			.endsWith("Cause: 16", "Cause-txt: Normal Clearing");
		this.client.send("Action: Hangup", "ActionID: ami-7", "Channel: SIP/caller-00000009");
		assertThat(this.client.block()).containsExactly("Response: Error", "ActionID: ami-7",
				"Message: No such channel");
	}

	@Test
	void originateIsQueuedFirstAndItsFailureReportedLater() throws IOException {
		this.ami.onOriginate((action) -> OriginateOutcome.notCreated());
		this.client.login();
		this.client.send("Action: Originate", "ActionID: ami-2", "Channel: SIP/nosuchpeer", "Application: Playback",
				"Data: beep", "Async: true");
		assertThat(this.client.block()).containsExactly("Response: Success", "ActionID: ami-2",
				"Message: Originate successfully queued");
		List<String> outcome = this.client.block();
		assertThat(outcome.subList(0, 2)).containsExactly("Event: OriginateResponse", "Privilege: call,all");
		assertThat(outcome.subList(3, outcome.size())).containsExactly("ActionID: ami-2", "Response: Failure",
				"Channel: SIP/nosuchpeer", "Application: Playback", "Data: beep", "Reason: 0", "Uniqueid: <unknown>",
				"CallerIDNum: <unknown>", "CallerIDName: <unknown>");
		this.client.send("Action: Originate", "ActionID: ami-3", "Channel: SIP/agent1001", "Application: Playback",
				"Data: beep");
		assertThat(this.client.block()).containsExactly("Response: Error", "ActionID: ami-3",
				"Message: Originate failed");
	}

	@Test
	void listActionsStartCarryTheActionIdAndComplete() throws IOException {
		this.ami.channels(FakeChannel.of("PJSIP/carrier-00000001", "+4930123456", "Lab Caller"));
		this.client.login();
		this.client.send("Action: CoreShowChannels", "ActionID: ami-6");
		assertThat(this.client.block()).containsExactly("Response: Success", "ActionID: ami-6", "EventList: start",
				"Message: Channels will follow");
		assertThat(this.client.block()).startsWith("Event: CoreShowChannel", "ActionID: ami-6",
				"Channel: PJSIP/carrier-00000001");
		assertThat(this.client.block()).containsExactly("Event: CoreShowChannelsComplete", "ActionID: ami-6",
				"EventList: Complete", "ListItems: 1");
	}

	@Test
	void statusListsEachChannelWithTheActionIdLastAndCountsItemsTwice() throws IOException {
		this.client.login();
		this.client.send("Action: Status", "ActionID: ami-2");
		assertThat(this.client.block()).containsExactly("Response: Success", "ActionID: ami-2", "EventList: start",
				"Message: Channel status will follow");
		assertThat(this.client.block()).containsExactly("Event: StatusComplete", "ActionID: ami-2",
				"EventList: Complete", "ListItems: 0", "Items: 0");
		this.ami.channels(FakeChannel.of("SIP/caller-0000001f", "+4930123456", "Lab Caller"));
		this.client.send("Action: Status", "ActionID: ami-4");
		this.client.block();
		List<String> item = this.client.block();
		assertThat(item).startsWith("Event: Status", "Privilege: Call", "Channel: SIP/caller-0000001f")
			.contains("Type: SIP")
			.endsWith("Seconds: 1", "ActionID: ami-4");
		assertThat(this.client.block()).endsWith("ListItems: 1", "Items: 1");
	}

	@Test
	void aPhoneRegistersAndUnregistersWithTheEventsOfChanPjsip() throws IOException {
		this.client.login();

		this.ami.phoneRegisters("1001", "sip:1001@127.0.0.1:5091");

		assertThat(withoutTimestamp(this.client.block())).containsExactly("Event: PeerStatus", "Privilege: system,all",
				"ChannelType: PJSIP", "Peer: PJSIP/1001", "PeerStatus: Reachable");
		assertThat(withoutTimestamp(this.client.block())).containsExactly("Event: DeviceStateChange",
				"Privilege: call,all", "Device: PJSIP/1001", "State: NOT_INUSE");
		assertThat(withoutTimestamp(this.client.block())).containsExactly("Event: ContactStatus",
				"Privilege: system,all", "URI: sip:1001@127.0.0.1:5091", "ContactStatus: NonQualified", "AOR: 1001",
				"EndpointName: 1001", "RoundtripUsec: 0");
		assertThat(this.client.block()).contains("ContactStatus: Reachable")
			.last()
			.asString()
			.matches("RoundtripUsec: [1-9]\\d*");

		this.ami.phoneUnregisters("1001");

		assertThat(this.client.block()).endsWith("Peer: PJSIP/1001", "PeerStatus: Unreachable");
		assertThat(this.client.block()).endsWith("Device: PJSIP/1001", "State: UNAVAILABLE");
		assertThat(this.client.block()).endsWith("URI: sip:1001@127.0.0.1:5091", "ContactStatus: Removed", "AOR: 1001",
				"EndpointName: 1001", "RoundtripUsec: 0");
		this.client.send("Action: PJSIPShowEndpoints", "ActionID: ami-2");
		assertThat(this.client.block()).containsExactly("Response: Success", "ActionID: ami-2", "EventList: start",
				"Message: A listing of Endpoints follows, presented as EndpointList events");
		assertThat(this.client.block()).containsExactly("Event: EndpointList", "ActionID: ami-2",
				"ObjectType: endpoint", "ObjectName: 1001", "Transport: transport-udp", "Aor: 1001", "Auths: ",
				"OutboundAuths: ", "Contacts: ", "DeviceState: Unavailable", "ActiveChannels: 0");
		assertThat(this.client.block()).containsExactly("Event: EndpointListComplete", "ActionID: ami-2",
				"EventList: Complete", "ListItems: 1");
		this.client.send("Action: PJSIPShowEndpoint", "ActionID: ami-3", "Endpoint: 1001");
		this.client.block();
		this.client.block();
		this.client.block();
		assertThat(this.client.block()).startsWith("Event: AorDetail")
			.contains("Contacts: ", "TotalContacts: 0", "ContactsRegistered: 0");
		assertThat(this.client.block()).containsExactly("Event: EndpointDetailComplete", "ActionID: ami-3",
				"EventList: Complete", "ListItems: 3");
	}

	@Test
	void pjsipShowEndpointListsTheEndpointItsTransportAorAndEachContact() throws IOException {
		this.ami.phoneRegisters("1001", "sip:1001@127.0.0.1:5091");
		this.client.login();

		this.client.send("Action: PJSIPShowEndpoint", "ActionID: ami-7", "Endpoint: 1001");

		assertThat(this.client.block()).containsExactly("Response: Success", "ActionID: ami-7", "EventList: start",
				"Message: Following are Events for each object associated with the Endpoint");
		assertThat(this.client.block()).startsWith("Event: EndpointDetail", "ActionID: ami-7", "ObjectType: endpoint",
				"ObjectName: 1001", "RpidImmediate: false", "Webrtc: no");
		assertThat(this.client.block()).startsWith("Event: TransportDetail", "ActionID: ami-7", "ObjectType: transport",
				"ObjectName: transport-udp");
		assertThat(this.client.block()).startsWith("Event: AorDetail", "ActionID: ami-7", "ObjectType: aor",
				"ObjectName: 1001", "MinimumExpiration: 60", "DefaultExpiration: 3600", "QualifyTimeout: 3.000000",
				"Qualify2xxOnly: false", "Mailboxes: ", "SupportPath: false", "RemoveUnavailable: false",
				"VoicemailExtension: ", "MaxContacts: 1");
		List<String> contact = this.client.block();
		assertThat(contact).startsWith("Event: ContactStatusDetail", "ActionID: ami-7", "AOR: 1001",
				"URI: sip:1001@127.0.0.1:5091");
		assertThat(contact.subList(4, 10)).satisfiesExactly((line) -> assertThat(line).startsWith("UserAgent: "),
				(line) -> assertThat(line).matches("RegExpire: \\d{10}"),
				(line) -> assertThat(line).isEqualTo("ViaAddress: 127.0.0.1:5091"),
				(line) -> assertThat(line).startsWith("CallID: "),
				(line) -> assertThat(line).isEqualTo("Status: Reachable"),
				(line) -> assertThat(line).matches("RoundtripUsec: \\d+"));
		assertThat(this.client.block()).containsExactly("Event: EndpointDetailComplete", "ActionID: ami-7",
				"EventList: Complete", "ListItems: 4");

		this.ami.phoneDies("1001");
		this.client.block();
		this.client.block();
		this.client.block();
		this.client.send("Action: PJSIPShowEndpoint", "ActionID: ami-14", "Endpoint: 1001");
		this.client.block();
		this.client.block();
		this.client.block();
		this.client.block();
		assertThat(this.client.block()).contains("Status: Unreachable", "RoundtripUsec: N/A");
		assertThat(this.client.block()).endsWith("ListItems: 4");

		this.client.send("Action: PJSIPShowEndpoint", "ActionID: ami-5", "Endpoint: nosuch");
		assertThat(this.client.block()).containsExactly("Response: Error", "ActionID: ami-5",
				"Message: Unable to retrieve endpoint nosuch");
	}

	@Test
	void aDialBridgesTheAnswerInABasicBridgeDestroyedAfterTheLastLeave() throws IOException {
		try (FakeAsterisk asterisk = FakeAsterisk.start("switchboard", "s3cret");
				Client client = new Client(new Socket("127.0.0.1", asterisk.ami().port()));
				ServerSocket agi = closingAgiServer()) {
			asterisk.phoneRegisters("1001", "sip:1001@127.0.0.1:5091");
			client.login();
			FakeAgiCall connect = asterisk.call(agi.getLocalPort(), "connect")
				.channel("PJSIP/carrier-00000012")
				.variable("SB_TARGET", "PJSIP/1001")
				.start();
			connect.awaitEnd(Duration.ofSeconds(5));
			FakeChannel caller = asterisk.channel("PJSIP/carrier-00000012").orElseThrow();

			FakeDial dial = asterisk.dialTarget(caller).answer();
			String agent = dial.agentLeg().orElseThrow().name();
			dial.agentHangsUp();

			List<List<String>> blocks = client.blocksUntil("Event: BridgeDestroy");
			assertThat(blocks).extracting((block) -> block.get(0))
				.containsSubsequence("Event: Newexten", "Event: Newchannel", "Event: DialBegin", "Event: Newstate",
						"Event: DeviceStateChange", "Event: DialState", "Event: Newstate", "Event: DeviceStateChange",
						"Event: DialEnd", "Event: BridgeCreate", "Event: BridgeEnter", "Event: BridgeEnter",
						"Event: HangupRequest", "Event: BridgeLeave", "Event: Hangup", "Event: DeviceStateChange",
						"Event: BridgeLeave", "Event: BridgeDestroy");
			assertThat(agent).matches("PJSIP/1001-[0-9a-f]{8}");
			assertThat(first(blocks, "Event: DialBegin")).contains("Channel: PJSIP/carrier-00000012",
					"DestChannel: " + agent, "DialString: 1001");
			assertThat(first(blocks, "Event: DialEnd")).endsWith("DialStatus: ANSWER");
			List<String> create = withoutTimestamp(first(blocks, "Event: BridgeCreate"));
			String bridge = create.get(2);
			assertThat(create).containsExactly("Event: BridgeCreate", "Privilege: call,all", bridge,
					"BridgeType: basic", "BridgeTechnology: simple_bridge", "BridgeCreator: <unknown>",
					"BridgeName: <unknown>", "BridgeNumChannels: 0", "BridgeVideoSourceMode: none");
			assertThat(bridge).matches("BridgeUniqueid: [0-9a-f-]{36}");
			assertThat(blocks).filteredOn((block) -> block.get(0).startsWith("Event: Bridge"))
				.extracting((block) -> block.get(0) + " "
						+ block.stream()
							.filter((line) -> line.startsWith("BridgeNumChannels: ") || line.startsWith("Channel: "))
							.toList())
				.containsExactly("Event: BridgeCreate [BridgeNumChannels: 0]",
						"Event: BridgeEnter [BridgeNumChannels: 1, Channel: " + agent + "]",
						"Event: BridgeEnter [BridgeNumChannels: 2, Channel: PJSIP/carrier-00000012]",
						"Event: BridgeLeave [BridgeNumChannels: 1, Channel: " + agent + "]",
						"Event: BridgeLeave [BridgeNumChannels: 0, Channel: PJSIP/carrier-00000012]",
						"Event: BridgeDestroy [BridgeNumChannels: 0]");
			assertThat(first(blocks, "Event: HangupRequest")).contains("Channel: " + agent).endsWith("Cause: 16");
			assertThat(blocks).filteredOn((block) -> block.get(0).equals("Event: DeviceStateChange"))
				.extracting((block) -> block.get(block.size() - 1))
				.containsExactly("State: RINGING", "State: INUSE", "State: NOT_INUSE");
		}
	}

	@Test
	void aDialToAPhoneWithNoReachableContactIsChanunavailWithoutAChannel() throws IOException {
		try (FakeAsterisk asterisk = FakeAsterisk.start("switchboard", "s3cret");
				Client client = new Client(new Socket("127.0.0.1", asterisk.ami().port()));
				ServerSocket agi = closingAgiServer()) {
			asterisk.ami().endpoints(FakeEndpoint.unregistered("1001"));
			client.login();
			asterisk.call(agi.getLocalPort(), "connect")
				.channel("PJSIP/carrier-00000010")
				.variable("SB_TARGET", "PJSIP/1001")
				.start()
				.awaitEnd(Duration.ofSeconds(5));
			FakeChannel caller = asterisk.channel("PJSIP/carrier-00000010").orElseThrow();

			FakeDial dial = asterisk.dialTarget(caller);

			assertThat(dial.status()).isEqualTo("CHANUNAVAIL");
			assertThat(asterisk.variable(caller.name(), "HANGUPCAUSE")).isEqualTo("3");
			List<List<String>> blocks = client.blocksUntil("Value: CHANUNAVAIL");
			List<String> dialling = blocks.stream()
				.dropWhile((block) -> !block.contains("Application: Dial"))
				.map((block) -> block.get(0))
				.toList();
			assertThat(dialling).containsExactly("Event: Newexten", "Event: VarSet", "Event: VarSet");
			assertThat(blocks).noneMatch((block) -> block.contains("Channel: PJSIP/1001"));
		}
	}

	@Test
	void logoffSaysGoodbyeAndCloses() throws IOException {
		this.client.login();
		this.client.send("Action: Logoff", "ActionID: ami-9");
		assertThat(this.client.block()).containsExactly("Response: Goodbye", "ActionID: ami-9",
				"Message: Thanks for all the fish.");
		assertThat(this.client.block()).isNull();
	}

	private static List<String> withoutTimestamp(List<String> block) {
		return block.stream().filter((line) -> !line.startsWith("Timestamp: ")).toList();
	}

	private static List<String> first(List<List<String>> blocks, String firstLine) {
		return blocks.stream().filter((block) -> block.get(0).equals(firstLine)).findFirst().orElseThrow();
	}

	/**
	 * A FastAGI server whose every script closes the socket at once, as a no-op would.
	 */
	private static ServerSocket closingAgiServer() throws IOException {
		ServerSocket server = new ServerSocket(0);
		Thread.ofVirtual().start(() -> {
			while (!server.isClosed()) {
				try (Socket script = server.accept()) {
					// closing at once: the channel goes on in the dialplan
				}
				catch (IOException ex) {
					// closed at the end of the test
				}
			}
		});
		return server;
	}

	/** The client's end of one AMI connection. */
	private static final class Client implements AutoCloseable {

		private final Socket socket;

		private final InputStream in;

		Client(Socket socket) throws IOException {
			this.socket = socket;
			this.socket.setSoTimeout(5000);
			this.in = socket.getInputStream();
		}

		void login() throws IOException {
			banner();
			send("Action: Login", "ActionID: login-1", "Username: switchboard", "Secret: s3cret");
			assertThat(block()).contains("Message: Authentication accepted");
			assertThat(block()).startsWith("Event: FullyBooted");
		}

		/** The blocks up to and including the first with this line. */
		List<List<String>> blocksUntil(String line) throws IOException {
			List<List<String>> blocks = new ArrayList<>();
			while (true) {
				List<String> block = block();
				assertThat(block).as("a block with %s; so far %s", line, blocks).isNotNull();
				blocks.add(block);
				if (block.contains(line)) {
					return blocks;
				}
			}
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

		void banner() throws IOException {
			assertThat(raw(AmiSession.BANNER.length())).isEqualTo(AmiSession.BANNER);
		}

		void send(String... lines) throws IOException {
			this.socket.getOutputStream()
				.write((String.join("\r\n", lines) + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
		}

		/** Exactly this many bytes as text. */
		String raw(int length) throws IOException {
			return new String(this.in.readNBytes(length), StandardCharsets.UTF_8);
		}

		/**
		 * The next block's lines, checking each ends with CRLF; null at the end of the
		 * stream.
		 */
		List<String> block() throws IOException {
			List<String> lines = new ArrayList<>();
			while (true) {
				ByteArrayOutputStream line = new ByteArrayOutputStream();
				int b;
				while ((b = this.in.read()) != -1 && b != '\n') {
					line.write(b);
				}
				if (b == -1) {
					return lines.isEmpty() ? null : lines;
				}
				String text = line.toString(StandardCharsets.UTF_8);
				assertThat(text).as("line ends with CRLF").endsWith("\r");
				text = text.substring(0, text.length() - 1);
				if (text.isEmpty()) {
					return lines;
				}
				lines.add(text);
			}
		}

	}

}
