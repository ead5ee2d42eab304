package org.switchboard.telephony;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.switchboard.call.AsteriskEvent.AsteriskResynced;
import org.switchboard.call.AsteriskEvent.AsteriskShutDown;
import org.switchboard.call.AsteriskEvent.PhoneChannelEnded;
import org.switchboard.call.AsteriskSnapshot;
import org.switchboard.call.CallEvent.AgentLegEnded;
import org.switchboard.call.CallEvent.AgentRinging;
import org.switchboard.call.CallEvent.CallAnswered;
import org.switchboard.call.CallEvent.CallArrived;
import org.switchboard.call.CallEvent.CallCutOff;
import org.switchboard.call.CallEvent.CallHeld;
import org.switchboard.call.CallEvent.CallerHungUp;
import org.switchboard.call.DialStatus;
import org.switchboard.telephony.ChannelEvent.ChannelCreated;
import org.switchboard.telephony.ChannelEvent.ChannelHeld;
import org.switchboard.telephony.ChannelEvent.ChannelHungUp;
import org.switchboard.telephony.ChannelEvent.ChannelRef;
import org.switchboard.telephony.ChannelEvent.DialBegan;
import org.switchboard.telephony.ChannelEvent.DialEnded;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What AMI's channel facts become for the rest of Switchboard: the events of a call,
 * named by the caller channel's Uniqueid, and the ends of a phone's channels.
 */
class CallEventsTest {

	private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

	private static final ChannelRef CALLER = new ChannelRef("PJSIP/carrier-0000000c", "100.1", "100.1");

	private static final ChannelRef AGENT = new ChannelRef("PJSIP/1001-0000000d", "100.2", "100.1");

	private final CallEvents calls = new CallEvents();

	@Test
	void aCallersLifeIsToldAsItsCallsEventsWithTheNumberMasked() {
		List<Object> heard = new java.util.ArrayList<>();
		heard.addAll(this.calls.of(new ChannelCreated(at(0), CALLER, "+4930123456", ChannelCreated.INBOUND, "8000")));
		heard.addAll(this.calls.of(new DialBegan(at(40), CALLER, AGENT, "PJSIP/1001")));
		heard.addAll(this.calls.of(new DialEnded(at(43), CALLER, AGENT, DialStatus.ANSWER)));
		heard.addAll(this.calls.of(new ChannelHeld(at(60), AGENT)));
		heard.addAll(this.calls.of(new ChannelHungUp(at(90), AGENT, 16, "Normal Clearing")));
		heard.addAll(this.calls.of(new ChannelHungUp(at(91), CALLER, 16, "Normal Clearing")));

		assertThat(heard).containsExactly(new CallArrived("100.1", "8000", "+49******56", at(0)),
				new AgentRinging("100.1", "PJSIP/1001-0000000d", at(40)),
				new CallAnswered("100.1", "PJSIP/1001-0000000d", "PJSIP/1001", at(43)), new CallHeld("100.1", at(60)),
				new PhoneChannelEnded(at(90), "PJSIP/1001", "PJSIP/1001-0000000d"),
				new AgentLegEnded("100.1", "PJSIP/1001-0000000d", at(90)),
				new PhoneChannelEnded(at(91), "PJSIP/carrier", "PJSIP/carrier-0000000c"),
				new CallerHungUp("100.1", at(91)));
		assertThat(this.calls.liveCalls()).isZero();
	}

	@Test
	void anAgentPhonesOwnCallIsNoCallArrivingAndARingNobodyAnsweredIsNotAnAnswer() {
		ChannelRef featureCode = new ChannelRef("PJSIP/1001-0000000e", "200.1", "200.1");

		assertThat(this.calls.of(new ChannelCreated(at(0), featureCode, "1001", "switchboard-agents", "*50")))
			.isEmpty();
		assertThat(this.calls.of(new DialEnded(at(20), CALLER, AGENT, DialStatus.NOANSWER))).isEmpty();
		assertThat(this.calls.liveCalls()).isZero();
	}

	@Test
	void afterAGapInAmiTheCallsAsteriskNoLongerHasEndWhenTheGapIsHealed() {
		ChannelRef other = new ChannelRef("PJSIP/carrier-0000000f", "300.1", "300.1");
		this.calls.of(new ChannelCreated(at(0), CALLER, "+4930123456", ChannelCreated.INBOUND, "8000"));
		this.calls.of(new DialEnded(at(43), CALLER, AGENT, DialStatus.ANSWER));
		this.calls.of(new ChannelCreated(at(5), other, "+4930123457", ChannelCreated.INBOUND, "8000"));

		List<Object> gone = this.calls.resynced(new AsteriskResynced(at(400),
				new AsteriskSnapshot(Map.of(), List.of(new AsteriskSnapshot.ActiveChannel("PJSIP/carrier-0000000f",
						"300.1", "300.1", "switchboard-wait", "s", "MusicOnHold", null)))));

		assertThat(gone).containsExactly(new AgentLegEnded("100.1", "PJSIP/1001-0000000d", at(400)),
				new CallerHungUp("100.1", at(400)));
		assertThat(this.calls.liveCalls()).isEqualTo(1);
	}

	@Test
	void asteriskStoppingCutsOffTheCallersItEndedJustBeforeAndThoseStillLive() {
		ChannelRef ended = new ChannelRef("PJSIP/carrier-00000010", "400.1", "400.1");
		ChannelRef endedLongAgo = new ChannelRef("PJSIP/carrier-00000011", "500.1", "500.1");
		this.calls.of(new ChannelCreated(at(0), CALLER, "+4930123456", ChannelCreated.INBOUND, "8000"));
		this.calls.of(new ChannelCreated(at(0), ended, "+4930123457", ChannelCreated.INBOUND, "8000"));
		this.calls.of(new ChannelCreated(at(0), endedLongAgo, "+4930123458", ChannelCreated.INBOUND, "8000"));
		this.calls.of(new ChannelHungUp(at(10), endedLongAgo, 16, "Normal Clearing"));
		this.calls.of(new ChannelHungUp(at(99), ended, 16, "Normal Clearing"));

		assertThat(this.calls.shutDown(new AsteriskShutDown(at(100), true)))
			.containsExactlyInAnyOrder(new CallCutOff("100.1", at(100)), new CallCutOff("400.1", at(100)));
	}

	private static Instant at(int seconds) {
		return T0.plusSeconds(seconds);
	}

}
