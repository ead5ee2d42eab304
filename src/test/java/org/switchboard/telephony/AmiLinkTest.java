package org.switchboard.telephony;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import org.switchboard.call.AsteriskEvent.PhoneChannelEnded;
import org.switchboard.call.CallEvent;
import org.switchboard.call.CallEvent.CallAnswered;
import org.switchboard.call.CallEvent.CallArrived;
import org.switchboard.call.CallEvent.CallHeld;
import org.switchboard.call.CallEvent.CallerHungUp;
import org.switchboard.call.AsteriskEvent;
import org.switchboard.call.CallControl;
import org.switchboard.call.CallControlException;
import org.switchboard.call.ContactStatus;
import org.switchboard.call.DeviceState;
import org.switchboard.call.OriginateOutcome;
import org.switchboard.call.OriginateRequest;
import org.switchboard.PublishedEvents;
import org.switchboard.SwitchboardTest;
import org.switchboard.fakeasterisk.AmiAction;
import org.switchboard.fakeasterisk.AmiEvents;
import org.switchboard.fakeasterisk.FakeAsterisk;
import org.switchboard.fakeasterisk.FakeChannel;
import org.switchboard.fakeasterisk.FakeEndpoint;
import org.switchboard.call.AsteriskEvent.AmiConnected;
import org.switchboard.call.AsteriskEvent.AmiDisconnected;
import org.switchboard.call.AsteriskEvent.AsteriskResynced;
import org.switchboard.call.AsteriskEvent.ContactStatusChanged;
import org.switchboard.call.AsteriskEvent.DeviceStateChanged;
import org.switchboard.call.AsteriskEvent.OriginateFinished;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The AMI link against the fake Asterisk's AMI server: login, events, call control, link
 * loss.
 */
@SwitchboardTest
class AmiLinkTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@Autowired
	FakeAsterisk asterisk;

	@Autowired
	AmiLink link;

	@Autowired
	CallControl control;

	@Autowired
	PublishedEvents events;

	@BeforeEach
	void linkIsUp() {
		this.asterisk.ami().unfreeze();
		await().atMost(TIMEOUT).until(this.link::connected);
		this.events.clear();
	}

	@AfterEach
	void restoreTheLink() {
		this.asterisk.ami().answerEveryOriginate();
		this.asterisk.ami().unfreeze();
		this.asterisk.ami().restart();
		await().atMost(TIMEOUT).until(this.link::connected);
	}

	@Test
	void eventsOfOneCallArriveAsImmutableRecordsInAsteriskOrder() {
		FakeChannel caller = FakeChannel.of("PJSIP/carrier-00000001", "+4930123456", "Lab Caller")
			.at("switchboard-inbound", "8000", 1);
		FakeChannel agent = FakeChannel.of("PJSIP/1001-00000002", "1001", "Agent 1001").linkedTo(caller);

		this.asterisk.ami().push(AmiEvents.newchannel(caller));
		this.asterisk.ami().push(AmiEvents.dialEnd(caller, agent, "ANSWER"));
		this.asterisk.ami().push(AmiEvents.bridgeEnter("b-1", 2, caller));
		this.asterisk.ami().push(AmiEvents.hold(agent));
		this.asterisk.ami().push(AmiEvents.hangupRequest(caller));
		this.asterisk.ami().push(AmiEvents.hangup(caller, 16, "Normal Clearing"));

		CallerHungUp hungUp = this.events.await(CallerHungUp.class, (event) -> event.callId().equals(caller.uniqueid()),
				TIMEOUT);
		assertThat(hungUp.at()).isAfter(Instant.parse("2020-01-01T00:00:00Z"));

		// features hear the call's events, named by the caller's Uniqueid, never a number
		assertThat(this.events.all(CallArrived.class)).singleElement().satisfies((arrived) -> {
			assertThat(arrived.callId()).isEqualTo(caller.uniqueid());
			assertThat(arrived.caller()).isEqualTo("+49******56");
		});
		assertThat(this.events.all(CallAnswered.class)).singleElement().satisfies((answered) -> {
			assertThat(answered.callId()).isEqualTo(caller.uniqueid());
			assertThat(answered.leg()).isEqualTo(agent.name());
			assertThat(answered.endpoint()).isEqualTo("PJSIP/1001");
		});
		assertThat(this.events.all(CallHeld.class)).singleElement()
			.satisfies((held) -> assertThat(held.callId()).isEqualTo(caller.uniqueid()));
		assertThat(this.events.all(PhoneChannelEnded.class))
			.anySatisfy((ended) -> assertThat(ended.channel()).isEqualTo(caller.name()));
		assertThat(this.events.all(Object.class)).filteredOn(CallEvent.class::isInstance)
			.extracting((event) -> event.getClass().getSimpleName())
			.containsSubsequence("CallArrived", "CallAnswered", "CallHeld", "CallerHungUp");
	}

	@Test
	void presenceEventsSayWhichPhonesCanTakeCalls() {
		this.asterisk.ami()
			.push(AmiEvents.deviceStateChange("PJSIP/1002", org.switchboard.fakeasterisk.DeviceState.UNAVAILABLE));
		this.asterisk.ami().push(AmiEvents.contactStatus("sip:1002@127.0.0.1:5092", "Unreachable", "1002", "1002", 0));

		DeviceStateChanged device = this.events.await(DeviceStateChanged.class,
				(event) -> event.device().equals("PJSIP/1002"), TIMEOUT);
		assertThat(device.state()).isEqualTo(DeviceState.UNAVAILABLE);
		assertThat(device.state().reachable()).isFalse();
		ContactStatusChanged contact = this.events.await(ContactStatusChanged.class,
				(event) -> event.endpoint().equals("1002"), TIMEOUT);
		assertThat(contact.status()).isEqualTo(ContactStatus.UNREACHABLE);
	}

	@Test
	void droppedLinkIsReconnectedAndAsteriskIsReadAfresh() {
		this.asterisk.ami()
			.endpoints(FakeEndpoint.registered("1001", "sip:1001@127.0.0.1:5091"), FakeEndpoint.unregistered("1002"));
		int connects = this.link.connectCount();

		this.asterisk.ami().dropClients();

		this.events.await(AmiDisconnected.class, (event) -> true, TIMEOUT);
		AmiConnected again = this.events.await(AmiConnected.class, (event) -> event.connectCount() > connects,
				Duration.ofSeconds(5));
		assertThat(again.asteriskVersion()).contains("20");
		AsteriskResynced resynced = this.events.await(AsteriskResynced.class, (event) -> true, TIMEOUT);
		assertThat(resynced.snapshot().devices()).containsEntry("PJSIP/1001", DeviceState.NOT_INUSE)
			.containsEntry("PJSIP/1002", DeviceState.UNAVAILABLE);
	}

	@Test
	void asteriskThatStopsAnsweringIsDetectedByPingAndReconnected() {
		int connects = this.link.connectCount();

		this.asterisk.ami().freeze();

		// ping every 1 s, 2 s to answer: the link is known dead within a few seconds
		await().atMost(TIMEOUT).until(() -> !this.link.connected());
		this.asterisk.ami().unfreeze();
		await().atMost(TIMEOUT).until(() -> this.link.connected() && this.link.connectCount() > connects);
	}

	@Test
	void asteriskDownForAWhileIsReconnectedWhenItComesBack() {
		int connects = this.link.connectCount();

		this.asterisk.ami().stop();
		await().atMost(TIMEOUT).until(() -> !this.link.connected());
		this.asterisk.ami().restart();

		// backoff is capped at 1 s here (5 s by default)
		await().atMost(Duration.ofSeconds(5)).until(() -> this.link.connectCount() > connects && this.link.connected());
	}

	@Test
	void redirectSetsTheVariablesFirstAndNamesAsterisksRefusal() {
		FakeChannel caller = FakeChannel.of("PJSIP/carrier-0000000a", "+4930123456", "Lab Caller");
		this.asterisk.park(caller);

		this.control.redirect(caller.name(), "switchboard-connect", "s", Map.of("SB_TARGET", "PJSIP/1001"));

		AmiAction setvar = this.asterisk.ami().awaitAction("Setvar", TIMEOUT);
		assertThat(setvar.get("Variable")).isEqualTo("SB_TARGET");
		assertThat(setvar.get("Value")).isEqualTo("PJSIP/1001");
		AmiAction redirect = this.asterisk.ami().awaitAction("Redirect", TIMEOUT);
		assertThat(redirect.get("Channel")).isEqualTo(caller.name());
		assertThat(redirect.get("Context")).isEqualTo("switchboard-connect");
		assertThat(redirect.get("Priority")).isEqualTo("1");

		assertThatExceptionOfType(CallControlException.class)
			.isThrownBy(() -> this.control.redirect("PJSIP/nosuch-00000099", "switchboard-connect", "s", Map.of()))
			.withMessageContaining("Channel does not exist: PJSIP/nosuch-00000099");
	}

	@Test
	void originateIsAsynchronousAndReportsHowItEnded() throws Exception {
		this.asterisk.ami()
			.onOriginate((action) -> action.get("Channel").equals("PJSIP/1001")
					? org.switchboard.fakeasterisk.OriginateOutcome
						.answered(FakeChannel.of("PJSIP/1001-00000010", "1001", "Agent 1001"))
					: org.switchboard.fakeasterisk.OriginateOutcome.noAnswer());

		OriginateFinished answered = this.control
			.originate(new OriginateRequest("PJSIP/1001", "switchboard-callback", "s", Duration.ofSeconds(20),
					"\"Callback\" <+4930999>", Map.of("SB_CALLBACK_NUMBER", "+4930123456")))
			.get(10, TimeUnit.SECONDS);
		OriginateFinished unanswered = this.control
			.originate(new OriginateRequest("PJSIP/1002", "switchboard-callback", "s", Duration.ofSeconds(20), null,
					Map.of()))
			.get(10, TimeUnit.SECONDS);

		assertThat(answered.outcome()).isEqualTo(OriginateOutcome.ANSWERED);
		assertThat(answered.channel()).isEqualTo("PJSIP/1001-00000010");
		assertThat(unanswered.outcome()).isEqualTo(OriginateOutcome.NO_ANSWER);
		assertThat(unanswered.uniqueId()).isNull();
		AmiAction sent = this.asterisk.ami()
			.actions()
			.stream()
			.filter((action) -> action.name().equalsIgnoreCase("Originate"))
			.findFirst()
			.orElseThrow();
		assertThat(sent.get("Async")).isEqualToIgnoringCase("true");
		assertThat(sent.get("Timeout")).isEqualTo("20000");
	}

	@Test
	void hangupEndsTheChannelWithTheCauseAsked() {
		FakeChannel caller = FakeChannel.of("PJSIP/carrier-0000000b", "+4930123456", "Lab Caller");
		this.asterisk.park(caller);

		this.control.hangup(caller.name(), 16);

		AmiAction hangup = this.asterisk.ami().awaitAction("Hangup", TIMEOUT);
		assertThat(hangup.get("Channel")).isEqualTo(caller.name());
		assertThat(hangup.get("Cause")).isEqualTo("16");
		this.events.await(PhoneChannelEnded.class, (event) -> event.channel().equals(caller.name()), TIMEOUT);
	}

	@Test
	void actionsTimeOutInsteadOfHangingWhenAsteriskIsSilent() {
		this.asterisk.ami().freeze();
		long started = System.nanoTime();

		assertThatExceptionOfType(CallControlException.class)
			.isThrownBy(() -> this.control.hangup("PJSIP/carrier-00000001", 16))
			.withMessageContaining("Hangup");

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
	}

}
