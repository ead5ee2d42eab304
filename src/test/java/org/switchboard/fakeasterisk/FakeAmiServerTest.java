package org.switchboard.fakeasterisk;

import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.asteriskjava.AsteriskVersion;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.action.PJSipShowEndpointAction;
import org.asteriskjava.manager.action.PJSipShowEndpointsAction;
import org.asteriskjava.manager.action.PingAction;
import org.asteriskjava.manager.action.RedirectAction;
import org.asteriskjava.manager.event.ConnectEvent;
import org.asteriskjava.manager.event.ContactStatusDetail;
import org.asteriskjava.manager.event.ContactStatusEvent;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.DeviceStateChangeEvent;
import org.asteriskjava.manager.event.EndpointDetailComplete;
import org.asteriskjava.manager.event.EndpointList;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.NewExtenEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.asteriskjava.manager.response.PingResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Asterisk-Java 3.42.2, the client Switchboard uses, against the fake AMI server.
 */
class FakeAmiServerTest {

	private static final Duration WAIT = Duration.ofSeconds(5);

	private final BlockingQueue<ManagerEvent> events = new LinkedBlockingQueue<>();

	private FakeAmiServer ami;

	private ManagerConnection connection;

	@BeforeEach
	void login() throws Exception {
		this.ami = FakeAmiServer.start(0, "switchboard", "s3cret");
		this.connection = new ManagerConnectionFactory("127.0.0.1", this.ami.port(), "switchboard", "s3cret")
			.createManagerConnection();
		this.connection.addEventListener(this.events::add);
		this.connection.login();
	}

	@AfterEach
	void logoff() {
		if (this.connection.getState() == ManagerConnectionState.CONNECTED) {
			this.connection.logoff();
		}
		this.ami.stop();
	}

	@Test
	void logsInWithMd5ChallengeAndReportsAsterisk20() {
		assertThat(this.ami.awaitLogin(WAIT)).isEqualTo(1);
		List<AmiAction> actions = this.ami.actions();
		assertThat(actions).extracting(AmiAction::name).startsWith("Challenge", "Login", "CoreSettings");
		assertThat(actions.get(0).get("AuthType")).isEqualTo("MD5");
		AmiAction login = actions.get(1);
		assertThat(login.get("Username")).isEqualTo("switchboard");
		assertThat(login.get("AuthType")).isEqualTo("MD5");
		assertThat(login.get("Key")).matches("[0-9a-f]{32}");
		assertThat(login.get("Secret")).isNull();
		assertThat(login.get("Events")).isNull();
		assertThat(login.headers().get(0).key()).as("Asterisk-Java writes lower-case keys").isEqualTo("action");
		assertThat(this.connection.getVersion().isAtLeast(AsteriskVersion.ASTERISK_20)).isTrue();
		assertThat(this.connection.getVersion().isAtLeast(AsteriskVersion.ASTERISK_21)).isFalse();
		assertThat(this.connection.getProtocolIdentifier()).isEqualTo("Asterisk Call Manager/9.0.0");
		assertThat(this.ami.isClientConnected()).isTrue();
	}

	@Test
	void answersPing() throws Exception {
		PingResponse pong = (PingResponse) this.connection.sendAction(new PingAction());
		assertThat(pong.getResponse()).isEqualTo("Success");
		assertThat(pong.getPing()).isEqualTo("Pong");
		assertThat(pong.getTimestamp()).matches("\\d+\\.\\d{6}");
	}

	@Test
	void deliversPushedEventsAsAsteriskJavaEvents() throws Exception {
		FakeChannel caller = FakeChannel.of("PJSIP/carrier-00000001", "+4930123456", "Lab Caller");
		this.ami.push(AmiEvent.of("DeviceStateChange").with("Device", "PJSIP/1001").with("State", "NOT_INUSE"));
		this.ami.push(AmiEvents.hangup(caller, 16, "Normal Clearing"));
		this.ami.push(AmiEvents.contactStatus("sip:1001@127.0.0.1:5091", "Reachable", "1001", "1001", 425));

		DeviceStateChangeEvent device = awaitEvent(DeviceStateChangeEvent.class, (event) -> true);
		assertThat(device.getDevice()).isEqualTo("PJSIP/1001");
		assertThat(device.getState()).isEqualTo("NOT_INUSE");
		HangupEvent hangup = awaitEvent(HangupEvent.class, (event) -> true);
		assertThat(hangup.getChannel()).isEqualTo("PJSIP/carrier-00000001");
		assertThat(hangup.getUniqueId()).isEqualTo(caller.uniqueid());
		assertThat(hangup.getCause()).isEqualTo(16);
		assertThat(hangup.getCauseTxt()).isEqualTo("Normal Clearing");
		assertThat(hangup.getCallerIdNum()).isEqualTo("+4930123456");
		ContactStatusEvent contact = awaitEvent(ContactStatusEvent.class, (event) -> true);
		assertThat(contact.getUri()).isEqualTo("sip:1001@127.0.0.1:5091");
		assertThat(contact.getContactStatus()).isEqualTo("Reachable");
		assertThat(contact.getEndpointName()).isEqualTo("1001");
	}

	@Test
	void redirectsAKnownChannelAndRefusesAnUnknownOne() throws Exception {
		FakeChannel waiting = FakeChannel.of("PJSIP/carrier-00000002", "+4930123456", "Lab Caller");
		this.ami.channels(waiting);

		ManagerResponse moved = this.connection
			.sendAction(new RedirectAction(waiting.name(), "switchboard-connect", "s", 1));
		assertThat(moved.getResponse()).isEqualTo("Success");
		assertThat(moved.getMessage()).isEqualTo("Redirect successful");
		NewExtenEvent newExten = awaitEvent(NewExtenEvent.class, (event) -> true);
		assertThat(newExten.getChannel()).isEqualTo(waiting.name());
		assertThat(newExten.getContext()).isEqualTo("switchboard-connect");
		assertThat(newExten.getExtension()).isEqualTo("s");

		ManagerResponse refused = this.connection
			.sendAction(new RedirectAction("PJSIP/nosuch-00000099", "switchboard-connect", "s", 1));
		assertThat(refused).isInstanceOf(ManagerError.class);
		assertThat(refused.getMessage()).isEqualTo("Channel does not exist: PJSIP/nosuch-00000099");

		AmiAction redirect = this.ami.awaitAction("Redirect", WAIT);
		assertThat(redirect.get("Channel")).isEqualTo(waiting.name());
		assertThat(redirect.get("Context")).isEqualTo("switchboard-connect");
	}

	@Test
	void reportsTheOutcomeOfAnAsyncOriginateWithItsActionId() throws Exception {
		OriginateAction answered = originate("PJSIP/1001", "orig-1");
		ManagerResponse queued = this.connection.sendAction(answered);
		assertThat(queued.getMessage()).isEqualTo("Originate successfully queued");
		OriginateResponseEvent success = awaitEvent(OriginateResponseEvent.class, (event) -> true);
		assertThat(success.getActionId()).isEqualTo("orig-1");
		assertThat(success.getResponse()).isEqualTo("Success");
		assertThat(success.getReason()).isEqualTo(4);
		assertThat(success.getChannel()).startsWith("PJSIP/1001-");

		this.ami.onOriginate((action) -> OriginateOutcome.busy());
		this.connection.sendAction(originate("PJSIP/1002", "orig-2"));
		OriginateResponseEvent busy = awaitEvent(OriginateResponseEvent.class, (event) -> true);
		assertThat(busy.getActionId()).isEqualTo("orig-2");
		assertThat(busy.getResponse()).isEqualTo("Failure");
		assertThat(busy.getReason()).isEqualTo(5);
		assertThat(busy.getChannel()).isEqualTo("PJSIP/1002");
		assertThat(busy.getUniqueId()).as("Asterisk-Java reads <unknown> as null").isNull();
	}

	@Test
	void listsChannelsAndPjsipEndpoints() throws Exception {
		FakeChannel caller = FakeChannel.of("PJSIP/carrier-00000003", "+4930123456", "Lab Caller");
		FakeChannel agent = FakeChannel.of("PJSIP/1001-00000004", "1001", "Agent 1001").linkedTo(caller);
		this.ami.channels(caller, agent);
		this.ami.endpoints(FakeEndpoint.registered("1001", "sip:1001@127.0.0.1:5091"),
				FakeEndpoint.withoutAor("carrier"));

		ResponseEvents channels = this.connection.sendEventGeneratingAction(new CoreShowChannelsAction());
		assertThat(channels.getResponse().getResponse()).isEqualTo("Success");
		assertThat(channels.getEvents()).filteredOn(CoreShowChannelEvent.class::isInstance)
			.extracting((event) -> ((CoreShowChannelEvent) event).getChannel())
			.containsExactly(caller.name(), agent.name());

		ResponseEvents endpoints = this.connection.sendEventGeneratingAction(new PJSipShowEndpointsAction());
		List<EndpointList> listed = endpoints.getEvents()
			.stream()
			.filter(EndpointList.class::isInstance)
			.map(EndpointList.class::cast)
			.toList();
		assertThat(listed).extracting(EndpointList::getObjectName).containsExactly("1001", "carrier");
		assertThat(listed.get(0).getContacts()).isEqualTo("1001/sip:1001@127.0.0.1:5091,");
		assertThat(listed.get(0).getDevicestate()).isEqualTo("Not in use");
		assertThat(listed.get(1).getContacts()).isNull();
	}

	@Test
	void asteriskJavaReadsOneEndpointWithItsContactStatus() throws Exception {
		this.ami.phoneRegisters("1001", "sip:1001@127.0.0.1:5091");
		this.ami.phoneRegisters("1002", "sip:1002@127.0.0.1:5092");
		this.ami.phoneDies("1002");

		assertThat(contactStatuses("1001")).containsExactly("Reachable");
		assertThat(contactStatuses("1002")).containsExactly("Unreachable");
		ResponseEvents unknown = this.connection.sendEventGeneratingAction(endpoint("nosuch"));
		assertThat(unknown.getResponse()).isInstanceOf(ManagerError.class);
		assertThat(unknown.getResponse().getMessage()).isEqualTo("Unable to retrieve endpoint nosuch");
	}

	private List<String> contactStatuses(String name) throws Exception {
		ResponseEvents answer = this.connection.sendEventGeneratingAction(endpoint(name));
		assertThat(answer.getEvents()).last().isInstanceOf(EndpointDetailComplete.class);
		return answer.getEvents()
			.stream()
			.filter(ContactStatusDetail.class::isInstance)
			.map((event) -> ((ContactStatusDetail) event).getStatus())
			.toList();
	}

	private static PJSipShowEndpointAction endpoint(String name) {
		PJSipShowEndpointAction action = new PJSipShowEndpointAction();
		action.setEndpoint(name);
		return action;
	}

	@Test
	void asteriskJavaReconnectsByItselfAfterTheLinkDrops() throws Exception {
		this.ami.awaitLogin(WAIT);
		this.events.clear();
		this.ami.dropClients();
		assertThat(this.ami.awaitLogin(WAIT)).isEqualTo(2);
		awaitEvent(ConnectEvent.class, (event) -> true);
		assertThat(((PingResponse) this.connection.sendAction(new PingAction())).getPing()).isEqualTo("Pong");
	}

	@Test
	void aStoppedServerRefusesUntilItListensAgainOnTheSamePort() throws Exception {
		int port = this.ami.port();
		this.ami.awaitLogin(WAIT);
		this.events.clear();
		this.ami.stop();
		assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
		this.ami.restart();
		assertThat(this.ami.port()).isEqualTo(port);
		assertThat(this.ami.awaitLogin(WAIT)).isEqualTo(2);
		awaitEvent(ConnectEvent.class, (event) -> true);
	}

	@Test
	void aFrozenServerAnswersNothingUntilItThaws() throws Exception {
		this.ami.freeze();
		assertThatThrownBy(() -> this.connection.sendAction(new PingAction(), 300)).hasMessageContaining("Timeout");
		this.ami.unfreeze();
		assertThat(((PingResponse) this.connection.sendAction(new PingAction())).getPing()).isEqualTo("Pong");
	}

	@Test
	void logoffEndsTheSession() {
		this.connection.logoff();
		assertThat(this.ami.awaitAction("Logoff", WAIT).actionId()).isNotBlank();
		assertThat(this.connection.getState()).isEqualTo(ManagerConnectionState.DISCONNECTED);
	}

	private OriginateAction originate(String channel, String actionId) {
		OriginateAction originate = new OriginateAction();
		originate.setChannel(channel);
		originate.setContext("switchboard-agent");
		originate.setExten("s");
		originate.setPriority(1);
		originate.setCallerId("\"Callback\" <+4930999>");
		originate.setAsync(true);
		originate.setActionId(actionId);
		return originate;
	}

	private <T extends ManagerEvent> T awaitEvent(Class<T> type, Predicate<T> matching) throws InterruptedException {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (true) {
			ManagerEvent event = this.events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
			assertThat(event).as("a %s within %s", type.getSimpleName(), WAIT).isNotNull();
			if (type.isInstance(event) && matching.test(type.cast(event))) {
				return type.cast(event);
			}
		}
	}

}
