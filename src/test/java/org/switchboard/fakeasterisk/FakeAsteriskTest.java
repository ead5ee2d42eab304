package org.switchboard.fakeasterisk;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiHangupException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.fastagi.SimpleMappingStrategy;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.action.RedirectAction;
import org.asteriskjava.manager.action.SetVarAction;
import org.asteriskjava.manager.event.BridgeEnterEvent;
import org.asteriskjava.manager.event.DeviceStateChangeEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.HangupRequestEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.MusicOnHoldStartEvent;
import org.asteriskjava.manager.event.MusicOnHoldStopEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.asteriskjava.manager.event.NewExtenEvent;
import org.asteriskjava.manager.event.SoftHangupRequestEvent;
import org.asteriskjava.manager.event.VarSetEvent;
import org.asteriskjava.manager.response.ManagerResponse;
import org.asteriskjava.util.ServerSocketFacade;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Asterisk-Java's own FastAGI server and manager connection, as Switchboard runs them,
 * against the fake Asterisk: one channel across AGI and AMI.
 */
class FakeAsteriskTest {

	private static final Duration WAIT = Duration.ofSeconds(5);

	private final Map<String, AgiScript> scripts = new ConcurrentHashMap<>();

	private final Map<String, Object> seen = new ConcurrentHashMap<>();

	private final BlockingQueue<ManagerEvent> events = new LinkedBlockingQueue<>();

	private FakeAsterisk fake;

	private ListeningAgiServer agiServer;

	private int agiPort;

	private ManagerConnection manager;

	@BeforeEach
	void start() throws Exception {
		this.fake = FakeAsterisk.start("switchboard", "s3cret");
		try (ServerSocket free = new ServerSocket(0)) {
			this.agiPort = free.getLocalPort();
		}
		SimpleMappingStrategy mapping = new SimpleMappingStrategy();
		mapping.setMappings(this.scripts);
		this.agiServer = new ListeningAgiServer(mapping);
		this.agiServer.setPort(this.agiPort);
		Thread.ofVirtual().start(() -> {
			try {
				this.agiServer.startup();
			}
			catch (IOException ex) {
				this.seen.put("agi server failed", ex);
			}
		});
		assertThat(this.agiServer.listening.await(5, TimeUnit.SECONDS)).as("FastAGI server listening").isTrue();
		this.manager = new ManagerConnectionFactory("127.0.0.1", this.fake.ami().port(), "switchboard", "s3cret")
			.createManagerConnection();
		this.manager.addEventListener(this.events::add);
		this.manager.login();
	}

	@AfterEach
	void stop() {
		this.manager.logoff();
		this.agiServer.shutdown();
		this.fake.close();
	}

	@Test
	void ivrScriptAnswersPlaysAndReadsTheCallersKeys() throws Exception {
		this.scripts.put("ivr", (request, channel) -> {
			this.seen.put("request", request);
			channel.answer();
			this.seen.put("choice", channel.streamFile("welcome", "123"));
			this.seen.put("digits", channel.getData("menu", 3000, 4));
			channel.setVariable("SB_NEXT", "connect");
		});

		FakeAgiCall call = this.fake.call(this.agiPort, "ivr")
			.callerId("+4930123456")
			.callerIdName("Lab Caller")
			.dnid("8000")
			.extension("8000")
			.context("switchboard-inbound")
			.channel("PJSIP/carrier-00000001")
			.args("ready")
			.caller(Caller.presses("1").then(Caller.presses("42#")))
			.start();
		AgiTranscript transcript = call.awaitEnd(WAIT);

		AgiRequest request = (AgiRequest) this.seen.get("request");
		assertThat(request.getScript()).isEqualTo("ivr");
		assertThat(request.getCallerIdNumber()).isEqualTo("+4930123456");
		assertThat(request.getDnid()).isEqualTo("8000");
		assertThat(request.getContext()).isEqualTo("switchboard-inbound");
		assertThat(request.getArguments()).containsExactly("ready");
		assertThat(this.seen.get("choice")).isEqualTo('1');
		assertThat(this.seen.get("digits")).isEqualTo("42");
		assertThat(transcript.variable("SB_NEXT")).isEqualTo("connect");
		assertThat(transcript.prompts()).containsExactly("welcome", "menu");
		assertThat(transcript.commands()).startsWith("ANSWER", "STREAM FILE \"welcome\" \"123\"",
				"GET DATA \"menu\" 3000 4", "SET VARIABLE \"SB_NEXT\" \"connect\"");
		assertThat(transcript.hungUp()).isFalse();
		assertThat(transcript.closedByScript()).isTrue();

		assertThat(awaitEvent(NewChannelEvent.class, (event) -> true).getChannel()).isEqualTo("PJSIP/carrier-00000001");
		assertThat(awaitVarSet("SB_NEXT").getValue()).isEqualTo("connect");
		assertThat(awaitVarSet("AGISTATUS").getValue()).isEqualTo("SUCCESS");
	}

	@Test
	void redirectDuringGetDataHangsTheScriptUpAndMovesTheChannelOnlyAfterItClosed() throws Exception {
		this.scripts.put("ivr", (request, channel) -> {
			channel.answer();
			this.seen.put("digits", channel.getData("menu", 10000, 4));
			try {
				channel.streamFile("goodbye");
			}
			catch (AgiHangupException ex) {
				this.seen.put("hangup", ex);
				throw ex;
			}
		});
		this.scripts.put("connect", (request, channel) -> {
			this.seen.put("connect request", request);
			this.seen.put("redirected var", channel.getVariable("REDIR_VAR"));
			this.seen.put("place", channel.getFullVariable("${CONTEXT}|${EXTEN}"));
		});
		BlockingQueue<FakeAgiCall> connects = new LinkedBlockingQueue<>();
		this.fake.onRedirect(
				(channel, context, exten) -> connects.add(this.fake.resume(channel, this.agiPort, "connect").start()));

		FakeAgiCall ivr = this.fake.call(this.agiPort, "ivr").dnid("8000").caller(Caller.waits()).start();
		ivr.awaitCommand("GET DATA", WAIT);
		String name = ivr.channel();
		assertThat(this.manager.sendAction(new SetVarAction(name, "REDIR_VAR", "hello world \"quoted\"")).getResponse())
			.isEqualTo("Success");
		ManagerResponse redirected = this.manager.sendAction(new RedirectAction(name, "switchboard-connect", "s", 1));
		assertThat(redirected.getMessage()).isEqualTo("Redirect successful");

		AgiTranscript first = ivr.awaitEnd(WAIT);
		assertThat(this.seen.get("digits")).isEqualTo("-1");
		assertThat(this.seen.get("hangup")).isInstanceOf(AgiHangupException.class);
		assertThat(first.hungUp()).isTrue();
		assertThat(first.closedByScript()).isTrue();
		assertThat(first.lines()).containsSubsequence(">> GET DATA \"menu\" 10000 4", "<< 200 result=-1", "<< HANGUP",
				">> STREAM FILE \"goodbye\" \"\"",
				"<< 511 Command Not Permitted on a dead channel or intercept routine");

		FakeAgiCall connect = connects.poll(5, TimeUnit.SECONDS);
		assertThat(connect).as("the redirect hook continued the call").isNotNull();
		AgiTranscript second = connect.awaitEnd(WAIT);
		assertThat(second.env()).contains("agi_channel: " + name, "agi_context: switchboard-connect",
				"agi_extension: s", "agi_dnid: 8000");
		assertThat(this.seen.get("redirected var")).isEqualTo("hello world \"quoted\"");
		assertThat(this.seen.get("place")).isEqualTo("switchboard-connect|s");

		List<ManagerEvent> untilConnectEnded = eventsUntil((event) -> event instanceof VarSetEvent varSet
				&& "AGISTATUS".equals(varSet.getVariable()) && "SUCCESS".equals(varSet.getValue()));
		assertThat(untilConnectEnded).filteredOn(VarSetEvent.class::isInstance)
			.extracting((event) -> ((VarSetEvent) event).getVariable() + "=" + ((VarSetEvent) event).getValue())
			.contains("REDIR_VAR=hello world \\\"quoted\\\"", "AGISTATUS=HANGUP");
		assertThat(untilConnectEnded).filteredOn(NewExtenEvent.class::isInstance)
			.extracting((event) -> ((NewExtenEvent) event).getContext())
			.contains("switchboard-connect");
		assertThat(untilConnectEnded).as("a redirect is no hang-up")
			.noneMatch((event) -> event instanceof HangupEvent || event instanceof HangupRequestEvent
					|| event instanceof SoftHangupRequestEvent);
		assertThat(this.fake.channel(name)).get().extracting(FakeChannel::context).isEqualTo("switchboard-connect");
	}

	@Test
	void callerHangupDuringAgiGivesHangupRequestAtOnceAndHangupOnlyAfterTheScriptClosed() throws Exception {
		this.scripts.put("ivr", (request, channel) -> {
			this.seen.put("digits", channel.getData("menu", 10000, 4));
			this.seen.put("variable after hangup", channel.getVariable("SB_CALL_ID"));
			channel.streamFile("goodbye");
		});

		FakeAgiCall call = this.fake.call(this.agiPort, "ivr")
			.variable("SB_CALL_ID", "call-7")
			.caller(Caller.hangsUp())
			.start();
		AgiTranscript transcript = call.awaitEnd(WAIT);

		assertThat(this.seen.get("digits")).isEqualTo("-1");
		assertThat(this.seen.get("variable after hangup")).isEqualTo("call-7");
		assertThat(transcript.hungUp()).isTrue();
		List<ManagerEvent> untilHangup = eventsUntil(HangupEvent.class::isInstance);
		List<String> order = untilHangup.stream()
			.filter((event) -> !(event instanceof VarSetEvent varSet) || "AGISTATUS".equals(varSet.getVariable()))
			.map((event) -> event.getClass().getSimpleName())
			.toList();
		assertThat(order).containsSubsequence("HangupRequestEvent", "VarSetEvent", "SoftHangupRequestEvent",
				"HangupEvent");
		HangupRequestEvent request = (HangupRequestEvent) untilHangup.stream()
			.filter(HangupRequestEvent.class::isInstance)
			.findFirst()
			.orElseThrow();
		assertThat(request.getCause()).as("a caller BYE gives no Cause").isNull();
		HangupEvent hangup = (HangupEvent) untilHangup.get(untilHangup.size() - 1);
		assertThat(hangup.getCause()).isZero();
		assertThat(hangup.getCauseTxt()).as("Asterisk-Java reads Unknown as null").isNull();
		assertThat(this.fake.channel(call.channel())).isEmpty();
	}

	@Test
	void amiHangupOfAChannelInAgiEndsItWithNormalClearingAfterTheScriptClosed() throws Exception {
		this.scripts.put("ivr", (request, channel) -> channel.getData("menu", 10000, 4));
		FakeAgiCall call = this.fake.call(this.agiPort, "ivr").caller(Caller.waits()).start();
		call.awaitCommand("GET DATA", WAIT);

		ManagerResponse hungUp = this.manager.sendAction(new HangupAction(call.channel()));
		assertThat(hungUp.getMessage()).isEqualTo("Channel Hungup");
		AgiTranscript transcript = call.awaitEnd(WAIT);

		assertThat(transcript.lines()).containsSubsequence("<< 200 result=-1", "<< HANGUP");
		List<ManagerEvent> untilHangup = eventsUntil(HangupEvent.class::isInstance);
		assertThat(untilHangup).noneMatch(HangupRequestEvent.class::isInstance);
		assertThat(((SoftHangupRequestEvent) untilHangup.get(untilHangup.size() - 2)).getCause()).isEqualTo(16);
		assertThat(((HangupEvent) untilHangup.get(untilHangup.size() - 1)).getCauseTxt()).isEqualTo("Normal Clearing");
	}

	@Test
	void channelWaitingInMusicOnHoldMovesAtOnceWithItsVariables() throws Exception {
		this.scripts.put("connect", (request, channel) -> this.seen.put("agent", channel.getVariable("SB_AGENT")));
		BlockingQueue<FakeAgiCall> connects = new LinkedBlockingQueue<>();
		this.fake.onRedirect(
				(channel, context, exten) -> connects.add(this.fake.resume(channel, this.agiPort, "connect").start()));
		FakeChannel caller = FakeChannel.of("PJSIP/carrier-00000009", "+4930123456", "Lab Caller");
		this.fake.park(caller);
		awaitEvent(MusicOnHoldStartEvent.class, (event) -> true);

		this.manager.sendAction(new SetVarAction(caller.name(), "SB_AGENT", "1001"));
		this.manager.sendAction(new RedirectAction(caller.name(), "switchboard-connect", "s", 1));

		awaitEvent(MusicOnHoldStopEvent.class, (event) -> true);
		assertThat(awaitEvent(NewExtenEvent.class, (event) -> true).getContext()).isEqualTo("switchboard-connect");
		FakeAgiCall connect = connects.poll(5, TimeUnit.SECONDS);
		assertThat(connect).isNotNull();
		connect.awaitEnd(WAIT);
		assertThat(this.seen.get("agent")).isEqualTo("1001");
	}

	@Test
	void aFeatureCodeFromThePhoneOfABridgedAgentRunsOnALineOfItsOwn() throws Exception {
		this.scripts.put("connect", (request, channel) -> channel.setVariable("SB_TARGET", "PJSIP/1001"));
		this.scripts.put("agent", (request, channel) -> {
			this.seen.put("agent request", request);
			channel.setVariable("SB_NEXT", "hangup");
		});
		this.fake.phoneRegisters("1001", "sip:1001@127.0.0.1:5091");
		this.fake.call(this.agiPort, "connect").channel("PJSIP/carrier-00000012").start().awaitEnd(WAIT);
		FakeDial dial = this.fake.dialTarget(this.fake.channel("PJSIP/carrier-00000012").orElseThrow()).answer();
		FakeChannel agentLeg = dial.agentLeg().orElseThrow();
		awaitEvent(BridgeEnterEvent.class, (event) -> "PJSIP/carrier-00000012".equals(event.getChannel()));

		AgiTranscript featureCode = this.fake.phoneDials("1001", "*50", this.agiPort).awaitEnd(WAIT);

		AgiRequest request = (AgiRequest) this.seen.get("agent request");
		String line = request.getChannel();
		assertThat(line).matches("PJSIP/1001-[0-9a-f]{8}").isNotEqualTo(agentLeg.name());
		assertThat(request.getUniqueId()).isNotEqualTo(agentLeg.uniqueid());
		assertThat(request.getContext()).isEqualTo("switchboard-agents");
		assertThat(request.getExtension()).isEqualTo("*50");
		assertThat(request.getArguments()).containsExactly("ready");
		assertThat(featureCode.closedByScript()).isTrue();
		List<ManagerEvent> untilHangup = eventsUntil(HangupEvent.class::isInstance);
		NewChannelEvent opened = (NewChannelEvent) untilHangup.stream()
			.filter(NewChannelEvent.class::isInstance)
			.findFirst()
			.orElseThrow();
		assertThat(opened.getChannel()).isEqualTo(line);
		assertThat(opened.getContext()).isEqualTo("switchboard-agents");
		assertThat(opened.getExten()).isEqualTo("*50");
		assertThat(opened.getLinkedid()).isEqualTo(opened.getUniqueId());
		assertThat(untilHangup).filteredOn(NewExtenEvent.class::isInstance)
			.extracting((event) -> ((NewExtenEvent) event).getApplication() + "(" + ((NewExtenEvent) event).getAppData()
					+ ")")
			.containsExactly("AGI(agi://127.0.0.1:" + this.agiPort + "/agent,ready)", "Playback(activated)",
					"Hangup()");
		HangupEvent hangup = (HangupEvent) untilHangup.get(untilHangup.size() - 1);
		assertThat(hangup.getChannel()).isEqualTo(line);
		assertThat(hangup.getCause()).isEqualTo(16);
		assertThat(untilHangup).as("the phone stays in use").noneMatch(DeviceStateChangeEvent.class::isInstance);
		assertThat(this.fake.channel(agentLeg.name())).as("the routed call goes on").isPresent();
		assertThat(this.fake.ami().endpoint("1001").orElseThrow().state()).isEqualTo(DeviceState.INUSE);
	}

	@Test
	void anInternalCallFromAPhoneInUseDialsTheOtherPhoneOnALineOfItsOwnAndHangsUpAfterIt() throws Exception {
		this.fake.phoneRegisters("1001", "sip:1001@127.0.0.1:5091");
		this.fake.phoneRegisters("1002", "sip:1002@127.0.0.1:5092");
		FakeChannel caller = FakeChannel.of("PJSIP/carrier-00000013", "+4930123456", "Lab Caller");
		FakeDial routed = this.fake.dial(caller, "PJSIP/1001").answer();
		awaitEvent(BridgeEnterEvent.class, (event) -> caller.name().equals(event.getChannel()));

		FakeDial internal = this.fake.phoneCalls("1001", "1002").answer();
		String line = internal.caller().name();
		internal.agentHangsUp();

		List<ManagerEvent> untilLineHangup = eventsUntil(
				(event) -> event instanceof HangupEvent hangup && line.equals(hangup.getChannel()));
		assertThat(line).matches("PJSIP/1001-[0-9a-f]{8}").isNotEqualTo(routed.agentLeg().orElseThrow().name());
		assertThat(untilLineHangup).filteredOn(DeviceStateChangeEvent.class::isInstance)
			.extracting((event) -> ((DeviceStateChangeEvent) event).getDevice() + " "
					+ ((DeviceStateChangeEvent) event).getState())
			.as("1001 stays in use")
			.containsExactly("PJSIP/1002 RINGING", "PJSIP/1002 INUSE", "PJSIP/1002 NOT_INUSE");
		assertThat(((HangupEvent) untilLineHangup.get(untilLineHangup.size() - 1)).getCause()).isEqualTo(16);
		assertThat(internal.status()).isEqualTo("ANSWER");
		assertThat(this.fake.channel(routed.agentLeg().orElseThrow().name())).as("the routed call goes on").isPresent();
	}

	private VarSetEvent awaitVarSet(String variable) throws InterruptedException {
		return awaitEvent(VarSetEvent.class, (event) -> variable.equals(event.getVariable()));
	}

	private <T extends ManagerEvent> T awaitEvent(Class<T> type, Predicate<T> matching) throws InterruptedException {
		List<ManagerEvent> until = eventsUntil((event) -> type.isInstance(event) && matching.test(type.cast(event)));
		return type.cast(until.get(until.size() - 1));
	}

	/** The events received up to and including the first that matches. */
	private List<ManagerEvent> eventsUntil(Predicate<ManagerEvent> last) throws InterruptedException {
		List<ManagerEvent> received = new ArrayList<>();
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (true) {
			ManagerEvent event = this.events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
			assertThat(event).as("the awaited AMI event within %s; received %s", WAIT, received).isNotNull();
			received.add(event);
			if (last.test(event)) {
				return received;
			}
		}
	}

	/** Asterisk-Java's FastAGI server, telling when its server socket is bound. */
	private static final class ListeningAgiServer extends DefaultAgiServer {

		private final CountDownLatch listening = new CountDownLatch(1);

		ListeningAgiServer(SimpleMappingStrategy mapping) {
			super(mapping);
		}

		@Override
		protected ServerSocketFacade createServerSocket() throws IOException {
			ServerSocketFacade socket = super.createServerSocket();
			this.listening.countDown();
			return socket;
		}

	}

}
