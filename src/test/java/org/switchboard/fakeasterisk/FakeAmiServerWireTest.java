package org.switchboard.fakeasterisk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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
	void logoffSaysGoodbyeAndCloses() throws IOException {
		this.client.login();
		this.client.send("Action: Logoff", "ActionID: ami-9");
		assertThat(this.client.block()).containsExactly("Response: Goodbye", "ActionID: ami-9",
				"Message: Thanks for all the fish.");
		assertThat(this.client.block()).isNull();
	}

	/** The client's end of one AMI connection. */
	private static final class Client {

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
