package org.switchboard.callrecord;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import org.switchboard.call.DialStatus;
import org.switchboard.agent.AgentEvent.AgentStateChanged;
import org.switchboard.agent.AgentState;
import org.switchboard.ivr.IvrCompleted;
import org.switchboard.ivr.IvrOutcome;
import org.switchboard.ivr.IvrStep;
import org.switchboard.routing.AgentClaimed;
import org.switchboard.routing.RoutingEvent;
import org.switchboard.call.AsteriskEvent;
import org.switchboard.call.CallRated;
import org.switchboard.call.AsteriskEvent.ChannelCreated;
import org.switchboard.call.AsteriskEvent.ChannelHeld;
import org.switchboard.call.AsteriskEvent.ChannelHungUp;
import org.switchboard.call.AsteriskEvent.ChannelRef;
import org.switchboard.call.AsteriskEvent.ChannelUnheld;
import org.switchboard.call.AsteriskEvent.DialBegan;
import org.switchboard.call.AsteriskEvent.DialEnded;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The record of a call assembled from the events of its life, as the recorder hears them:
 * in order, twice, shuffled, or with pieces missing.
 */
class CallRecorderTest {

	private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

	private static final String CALL = "1795336532.12";

	private static final ChannelRef CALLER = new ChannelRef("PJSIP/carrier-0000000c", CALL, CALL);

	private static final ChannelRef AGENT_LEG = new ChannelRef("PJSIP/1001-0000000d", "1795336532.13", CALL);

	private final MovableClock clock = new MovableClock(T0);

	private final List<CallRecord> written = new ArrayList<>();

	private final CallRecorder recorder = new CallRecorder(CallRecordSettings.defaults(), this.clock,
			new InMemoryFacts(), this.written::addAll);

	@Test
	void answeredCallHasItsWaitRingTalkHoldAndWrapUpFromTheEvents() {
		answeredCallWithOneHold().forEach(this::hear);

		CallRecord record = writeAfter(Duration.ofMinutes(6));

		assertThat(record.outcome()).isEqualTo(Outcome.ANSWERED);
		assertThat(record.agentId()).isEqualTo("1001");
		assertThat(record.queue()).isEqualTo("billing");
		assertThat(record.country()).isEqualTo("DE");
		assertThat(record.caller()).isEqualTo("+49******56");
		assertThat(record.ivrPath()).containsExactly("menu", "billing");
		CallRecord.Durations d = record.durations();
		assertThat(d.ivr()).isEqualTo(Duration.ofSeconds(11));
		// queued at 11 s, answered at 45 s
		assertThat(d.queueWait()).isEqualTo(Duration.ofSeconds(34));
		// rang from DialBegin at 42 s
		assertThat(d.ring()).isEqualTo(Duration.ofSeconds(3));
		assertThat(d.hold()).isEqualTo(Duration.ofSeconds(30));
		// answered at 45 s, agent hung up at 245 s, 30 s of it on hold
		assertThat(d.talk()).isEqualTo(Duration.ofSeconds(170));
		// wrap-up from the agent's hang-up at 245 s to ready at 275 s
		assertThat(d.wrapUp()).isEqualTo(Duration.ofSeconds(30));
		assertThat(d.handle()).isEqualTo(Duration.ofSeconds(230));
		assertThat(record.times().holds()).containsExactly(new CallRecord.Hold(at(100), at(130)));
	}

	@Test
	void eventsHeardTwiceAndInAnyOrderGiveTheSameRecord() {
		answeredCallWithOneHold().forEach(this::hear);
		CallRecord inOrder = writeAfter(Duration.ofMinutes(6));

		for (long seed = 1; seed <= 20; seed++) {
			CallRecorder again = new CallRecorder(CallRecordSettings.defaults(), this.clock, new InMemoryFacts(),
					this.written::addAll);
			List<Object> events = new ArrayList<>(answeredCallWithOneHold());
			events.addAll(answeredCallWithOneHold());
			Collections.shuffle(events, new Random(seed));
			events.forEach((event) -> hear(again, event));
			this.written.clear();
			again.writeFinished();

			assertThat(this.written).as("seed %d", seed).containsExactly(inOrder);
		}
	}

	@Test
	void aRepeatedHoldWhileHeldAndHoldsOutsideTheTalkDoNotCount() {
		List<Object> events = new ArrayList<>(answeredCallWithOneHold());
		// the agent pressed hold again while on hold, and a stray Unhold after the talk
		events.add(new ChannelHeld(at(110), AGENT_LEG));
		events.add(new ChannelUnheld(at(260), AGENT_LEG));
		events.add(new ChannelHeld(at(200), AGENT_LEG));
		events.forEach(this::hear);

		CallRecord record = writeAfter(Duration.ofMinutes(6));

		// 100-130 and 200 until the agent hung up at 245
		assertThat(record.durations().hold()).isEqualTo(Duration.ofSeconds(75));
		assertThat(record.durations().talk()).isEqualTo(Duration.ofSeconds(125));
	}

	@Test
	void callerWhoGivesUpInTheQueueIsAnAbandonShortWhenUnderTheThreshold() {
		queuedCall("1.1", 0, 3).forEach(this::hear);
		queuedCall("1.2", 0, 30).forEach(this::hear);

		this.clock.set(at(60));
		this.recorder.writeFinished();

		assertThat(this.written).extracting(CallRecord::callId, CallRecord::outcome, CallRecord::shortAbandon)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("1.1", Outcome.ABANDONED_IN_QUEUE, true),
					org.assertj.core.groups.Tuple.tuple("1.2", Outcome.ABANDONED_IN_QUEUE, false));
		assertThat(this.written).filteredOn((call) -> call.callId().equals("1.2"))
			.singleElement()
			.satisfies((call) -> assertThat(call.durations().queueWait()).isEqualTo(Duration.ofSeconds(30)));
	}

	@Test
	void callbackIsNotAnAbandonAndItsCompletionRewritesTheRecord() {
		List<Object> events = new ArrayList<>(queuedCall("2.1", 0, 40));
		events.add(new RoutingEvent.CallbackRequested("2.1", "billing", Optional.of("DE"), at(39)));
		events.forEach(this::hear);
		this.clock.set(at(60));
		this.recorder.writeFinished();

		this.recorder.routing(new RoutingEvent.CallbackFinished("2.1", "1001", true, 1, at(900)));

		assertThat(this.written).extracting(CallRecord::callId, CallRecord::outcome)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("2.1", Outcome.CALLBACK_REQUESTED),
					org.assertj.core.groups.Tuple.tuple("2.1", Outcome.CALLBACK_COMPLETED));
	}

	@Test
	void aCallbackThatNeverReachedTheCustomerStaysRequested() {
		List<Object> events = new ArrayList<>(queuedCall("2.2", 0, 40));
		events.add(new RoutingEvent.CallbackRequested("2.2", "billing", Optional.of("DE"), at(39)));
		events.forEach(this::hear);
		this.clock.set(at(60));
		this.recorder.writeFinished();

		this.recorder.routing(new RoutingEvent.CallbackFinished("2.2", "1001", false, 3, at(900)));

		assertThat(this.written).extracting(CallRecord::outcome).containsExactly(Outcome.CALLBACK_REQUESTED);
	}

	@Test
	void theIvrsOutcomeNamesCallsThatNeverReachedAnAgent() {
		ivrOnly("3.1", new IvrOutcome.SelfServed());
		ivrOnly("3.2", new IvrOutcome.Abandoned("menu"));
		ivrOnly("3.3", new IvrOutcome.ToVoicemail("1000"));
		hear(new AsteriskEvent.VoicemailEnded(at(11), new ChannelRef("PJSIP/carrier-3.3", "3.3", "3.3"), true));
		ivrOnly("3.4", new IvrOutcome.Failed("menu", "retries"));
		ivrOnly("3.5", new IvrOutcome.Routed(Map.of("billing", 1), "billing", 0));
		hear(new RoutingEvent.CallClosed("3.5", Optional.of("DE"), "voicemail", at(10)));

		this.clock.set(at(60));
		this.recorder.writeFinished();

		assertThat(this.written).extracting(CallRecord::callId, CallRecord::outcome)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("3.1", Outcome.SELF_SERVICE),
					org.assertj.core.groups.Tuple.tuple("3.2", Outcome.ABANDONED_IN_IVR),
					org.assertj.core.groups.Tuple.tuple("3.3", Outcome.VOICEMAIL),
					org.assertj.core.groups.Tuple.tuple("3.4", Outcome.FAILED),
					org.assertj.core.groups.Tuple.tuple("3.5", Outcome.CLOSED));
	}

	@Test
	void recordWaitsForTheWrapUpThenIsWrittenWithoutItAfterTheWrapUpWait() {
		answeredCallWithOneHold().stream().filter((event) -> !(event instanceof AgentStateChanged)).forEach(this::hear);

		this.clock.set(at(250).plus(Duration.ofMinutes(5)));
		this.recorder.writeFinished();
		assertThat(this.written).isEmpty();

		this.clock.set(at(250).plus(Duration.ofMinutes(10)));
		this.recorder.writeFinished();
		assertThat(this.written).singleElement().satisfies((record) -> {
			assertThat(record.durations().wrapUp()).isZero();
			assertThat(record.times().wrapUpEnded()).isNull();
		});
	}

	@Test
	void lateFactsWithinTheCloseDelayStillCountAndEventsAfterTheRecordOpenNothing() {
		List<Object> events = answeredCallWithOneHold();
		events.forEach(this::hear);
		this.clock.set(at(251));
		this.recorder.writeFinished();
		assertThat(this.written).isEmpty();

		writeAfter(Duration.ofMinutes(6));
		events.forEach(this::hear);
		this.clock.set(at(3600));
		this.recorder.writeFinished();

		assertThat(this.written).hasSize(1);
		assertThat(this.recorder.openCalls()).isZero();
	}

	@Test
	void aSecondAgentLegAnsweringMarksTheCallTransferred() {
		List<Object> events = new ArrayList<>(answeredCallWithOneHold());
		ChannelRef second = new ChannelRef("PJSIP/1002-0000000e", "1795336532.14", CALL);
		events.add(new DialEnded(at(150), CALLER, second, DialStatus.ANSWER));
		events.forEach(this::hear);

		assertThat(writeAfter(Duration.ofMinutes(6)).outcome()).isEqualTo(Outcome.TRANSFERRED);
	}

	@Test
	void aCallThatEndedWhileAmiWasDownIsClosedWhenAsteriskNoLongerHasItsChannel() {
		answeredCallWithOneHold().stream()
			.filter((event) -> !(event instanceof ChannelHungUp) && !(event instanceof AgentStateChanged))
			.forEach(this::hear);
		List<Object> stillTalking = queuedCall("4.1", 0, 0).subList(0, 2);
		stillTalking.forEach(this::hear);

		hear(new AsteriskEvent.AsteriskResynced(at(400),
				new org.switchboard.call.AsteriskSnapshot(Map.of(),
						List.of(new org.switchboard.call.AsteriskSnapshot.ActiveChannel("PJSIP/carrier-4.1", "4.1",
								"4.1", "switchboard-wait", "s", "MusicOnHold", null)))));
		this.clock.set(at(400).plus(Duration.ofMinutes(11)));
		this.recorder.writeFinished();

		assertThat(this.written).singleElement().satisfies((record) -> {
			assertThat(record.callId()).isEqualTo(CALL);
			assertThat(record.times().callerHungUp()).isEqualTo(at(400));
			assertThat(record.times().agentHungUp()).isEqualTo(at(400));
			assertThat(record.outcome()).isEqualTo(Outcome.ANSWERED);
		});
		assertThat(this.recorder.openCalls()).isEqualTo(1);
	}

	@Test
	void aCallerMovedOnFromTheIvrWhoThenGivesUpInTheQueueIsAQueueAbandon() {
		List<Object> events = new ArrayList<>(queuedCall("5.1", 10, 40));
		events.add(new IvrCompleted("5.1", "support", "3", "en", "DE", Map.of(), List.of(),
				new IvrOutcome.Abandoned("menu"), at(0), at(9)));
		events.forEach(this::hear);

		this.clock.set(at(60));
		this.recorder.writeFinished();

		assertThat(this.written).extracting(CallRecord::outcome).containsExactly(Outcome.ABANDONED_IN_QUEUE);
	}

	@Test
	void agentEventsAloneMakeNoRecord() {
		hear(new AgentClaimed("6.1", "1001", at(30), false, at(0)));
		hear(new AgentStateChanged("1001", AgentState.WRAP_UP, AgentState.READY, null, at(5)));

		this.clock.set(at(0).plus(Duration.ofHours(7)));
		this.recorder.writeFinished();

		assertThat(this.written).isEmpty();
		assertThat(this.recorder.openCalls()).isZero();
	}

	@Test
	void aCallerSentToVoicemailWhoHungUpBeforeTheBeepLeftNoMessage() {
		ivrOnly("3.6", new IvrOutcome.ToVoicemail("1000"));
		hear(new AsteriskEvent.VoicemailEnded(at(12), new ChannelRef("PJSIP/carrier-3.6", "3.6", "3.6"), false));
		ivrOnly("3.7", new IvrOutcome.ToVoicemail("1000"));

		this.clock.set(at(60));
		this.recorder.writeFinished();

		assertThat(this.written).extracting(CallRecord::outcome)
			.containsExactly(Outcome.ABANDONED_IN_IVR, Outcome.ABANDONED_IN_IVR);
	}

	@Test
	void anAgentPhonesOwnCallsLeaveNoRecord() {
		for (String code : List.of("*50", "*53", "1002")) {
			ChannelRef phone = new ChannelRef("PJSIP/1001-" + code, "9." + code, "9." + code);
			hear(new ChannelCreated(at(0), phone, "1001", "switchboard-agents", code));
			hear(new ChannelHungUp(at(3), phone, 16, "Normal Clearing"));
		}

		this.clock.set(at(60));
		this.recorder.writeFinished();

		assertThat(this.written).isEmpty();
		assertThat(this.recorder.openCalls()).isZero();
	}

	@Test
	void aCallTheFallbackRouteTookIsRecordedAsFallbackNotAsAnAbandon() {
		// the IVR was cut short (Switchboard died): the dialplan went on to the fallback
		ChannelRef inIvr = new ChannelRef("PJSIP/carrier-7.1", "7.1", "7.1");
		hear(new ChannelCreated(at(0), inIvr, "+4930123456", ChannelCreated.INBOUND, "8000"));
		hear(new AsteriskEvent.CallFellBack(at(5), inIvr));
		hear(new ChannelHungUp(at(50), inIvr, 16, "Normal Clearing"));
		// a waiting caller whose tick found no Switchboard
		List<Object> waiting = new ArrayList<>(queuedCall("7.2", 0, 90));
		waiting.add(1, new AsteriskEvent.CallFellBack(at(30), new ChannelRef("PJSIP/carrier-7.2", "7.2", "7.2")));
		waiting.forEach(this::hear);

		this.clock.set(at(120));
		this.recorder.writeFinished();

		assertThat(this.written).extracting(CallRecord::callId, CallRecord::outcome)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("7.1", Outcome.FALLBACK),
					org.assertj.core.groups.Tuple.tuple("7.2", Outcome.FALLBACK));
		assertThat(Kpis.group("all", this.written, CallRecordSettings.defaults(), null).abandoned()).isZero();
	}

	@Test
	void aCallerCutOffByAnAsteriskRestartIsRecordedAsFailedNotAsAShortAbandon() {
		// Asterisk ends its channels, then announces the restart, then the link drops
		queuedCall("8.1", 0, 3).forEach(this::hear);
		ChannelRef stillWaiting = new ChannelRef("PJSIP/carrier-8.2", "8.2", "8.2");
		hear(new ChannelCreated(at(0), stillWaiting, "+4930123456", ChannelCreated.INBOUND, "8000"));
		hear(new RoutingEvent.CallRouted("8.2", "billing", Optional.of("DE"), Map.of("billing", 2), 0, Optional.empty(),
				at(1)));
		hear(new AsteriskEvent.AsteriskShutDown(at(3), true));
		// after the reconnect its channel is gone
		hear(new AsteriskEvent.AsteriskResynced(at(20),
				new org.switchboard.call.AsteriskSnapshot(Map.of(), List.of())));

		this.clock.set(at(60));
		this.recorder.writeFinished();

		assertThat(this.written).extracting(CallRecord::callId, CallRecord::outcome)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("8.1", Outcome.FAILED),
					org.assertj.core.groups.Tuple.tuple("8.2", Outcome.FAILED));
	}

	@Test
	void aWaitingCallFoundGoneByAnInstanceThatNeverHeardItIsRecordedAsFallback() {
		InMemoryFacts shared = new InMemoryFacts();
		CallRecorder stopped = new CallRecorder(CallRecordSettings.defaults(), this.clock, shared,
				this.written::addAll);
		ChannelRef caller = new ChannelRef("PJSIP/carrier-9.1", "9.1", "9.1");
		hear(stopped, new ChannelCreated(at(0), caller, "+4930123456", ChannelCreated.INBOUND, "8000"));
		hear(stopped, new IvrCompleted("9.1", "support", "3", "en", "DE", Map.of(), List.of(),
				new IvrOutcome.Routed(Map.of("billing", 1), "billing", 0), at(0), at(10)));
		hear(stopped, new RoutingEvent.CallRouted("9.1", "billing", Optional.of("DE"), Map.of("billing", 1), 0,
				Optional.empty(), at(10)));
		this.clock.set(at(11));
		stopped.shareHeldFacts();
		// the only instance stopped; one started later finds the call gone
		CallRecorder started = new CallRecorder(CallRecordSettings.defaults(), this.clock, shared,
				this.written::addAll);
		// another, no longer waiting (it had been given to an agent), is not taken for
		// one
		hear(stopped, new RoutingEvent.CallRouted("9.2", "billing", Optional.of("DE"), Map.of("billing", 1), 0,
				Optional.of("1001"), at(10)));
		stopped.shareHeldFacts();
		hear(started, new RoutingEvent.CallVanished("9.1", true, at(300)));
		hear(started, new RoutingEvent.CallVanished("9.2", false, at(300)));
		this.clock.set(at(301));
		started.writeFinished();
		this.clock.set(at(303));
		started.writeFinished();

		assertThat(this.written).extracting(CallRecord::callId, CallRecord::outcome)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("9.1", Outcome.FALLBACK),
					org.assertj.core.groups.Tuple.tuple("9.2", Outcome.ABANDONED_IN_QUEUE));
		assertThat(this.written).filteredOn((record) -> record.callId().equals("9.1"))
			.singleElement()
			.satisfies((record) -> assertThat(record.queue()).isEqualTo("billing"));
	}

	@Test
	void anAgentRungWhoDidNotAnswerIsOnTheRecordAndTheirRingCounts() {
		ringNoAnswerThenAnswered().forEach(this::hear);

		CallRecord record = writeAfter(Duration.ofMinutes(6));

		assertThat(record.outcome()).isEqualTo(Outcome.ANSWERED);
		assertThat(record.agentId()).isEqualTo("1001");
		// 1002 rang from DialBegin at 21 s until routing heard NOANSWER at 36 s
		assertThat(record.ringNoAnswer())
			.containsExactly(new CallRecord.RingNoAnswer("1002", Duration.ofSeconds(15), "NOANSWER"));
		// 15 s at 1002, then 3 s at 1001, who answered
		assertThat(record.durations().ring()).isEqualTo(Duration.ofSeconds(18));
		assertThat(record.durations().queueWait()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void aRingNoAnswerHeardTwiceOrOnAnotherInstanceCountsOnce() {
		InMemoryFacts shared = new InMemoryFacts();
		CallRecorder first = new CallRecorder(CallRecordSettings.defaults(), this.clock, shared, this.written::addAll);
		CallRecorder second = new CallRecorder(CallRecordSettings.defaults(), this.clock, shared, this.written::addAll);
		// routing ran on the first, which heard its events twice; both hear AMI
		for (Object event : ringNoAnswerThenAnswered()) {
			hear(first, event);
			hear((event instanceof AsteriskEvent) ? second : first, event);
		}
		// the first shares what it noted at its next sweep; the second writes the record
		this.clock.set(at(102));
		first.writeFinished();
		this.clock.set(at(600));
		second.writeFinished();
		first.writeFinished();
		this.clock.set(at(601));
		second.writeFinished();
		first.writeFinished();

		assertThat(this.written).singleElement()
			.satisfies((record) -> assertThat(record.ringNoAnswer())
				.containsExactly(new CallRecord.RingNoAnswer("1002", Duration.ofSeconds(15), "NOANSWER")));
	}

	@Test
	void aPhoneWithNoReachableContactRangForNoTime() {
		List<Object> events = new ArrayList<>(queuedCall("3.1", 0, 40));
		events.add(new AgentClaimed("3.1", "1002", at(60), true, at(20)));
		events.add(new RoutingEvent.CallNotAnswered("3.1", "1002", Optional.of("billing"), Optional.of("DE"),
				DialStatus.CHANUNAVAIL, at(21)));
		events.forEach(this::hear);

		CallRecord record = writeAfter(Duration.ofMinutes(6));

		assertThat(record.outcome()).isEqualTo(Outcome.ABANDONED_IN_QUEUE);
		assertThat(record.ringNoAnswer())
			.containsExactly(new CallRecord.RingNoAnswer("1002", Duration.ZERO, "CHANUNAVAIL"));
		assertThat(record.durations().ring()).isEqualTo(Duration.ZERO);
	}

	@Test
	void twoInstancesWriteOneRecordWithWhatEachSaw() {
		InMemoryFacts shared = new InMemoryFacts();
		CallRecorder first = new CallRecorder(CallRecordSettings.defaults(), this.clock, shared, this.written::addAll);
		CallRecorder second = new CallRecorder(CallRecordSettings.defaults(), this.clock, shared, this.written::addAll);
		// both hear AMI; the IVR, routing, the claim and the wrap-up happened on the
		// first;
		// the survey ran on the second
		for (Object event : answeredCallWithOneHold()) {
			hear(first, event);
			if (event instanceof AsteriskEvent) {
				hear(second, event);
			}
		}
		hear(second, new CallRated(CALL, 5, at(249)));
		// each instance shares what it noted at its next sweep, every 250 ms, long before
		// the call has been quiet for closeDelay
		this.clock.set(at(251));
		first.writeFinished();
		second.writeFinished();

		this.clock.set(at(600));
		second.writeFinished();
		first.writeFinished();
		this.clock.set(at(601));
		second.writeFinished();
		first.writeFinished();

		assertThat(this.written).singleElement().satisfies((record) -> {
			assertThat(record.ivrPath()).containsExactly("menu", "billing");
			assertThat(record.agentId()).isEqualTo("1001");
			assertThat(record.csat()).isEqualTo(5);
			assertThat(record.durations().wrapUp()).isEqualTo(Duration.ofSeconds(30));
		});
		assertThat(first.openCalls()).isZero();
		assertThat(second.openCalls()).isZero();
	}

	/** One whole call: IVR, a wait, an answer, a hold, the agent hangs up, wrap-up. */
	private static List<Object> answeredCallWithOneHold() {
		List<Object> events = new ArrayList<>();
		events.add(new ChannelCreated(at(0), CALLER, "+4930123456", ChannelCreated.INBOUND, "8000"));
		events.add(new IvrCompleted(CALL, "support", "3", "en", "DE", Map.of(),
				List.of(new IvrStep("menu", "1", "digit:1", 1, Duration.ofSeconds(8)),
						new IvrStep("billing", "", "end", 0, Duration.ZERO)),
				new IvrOutcome.Routed(Map.of("billing", 2), "billing", 0), at(1), at(11)));
		events.add(new RoutingEvent.CallRouted(CALL, "billing", Optional.of("DE"), Map.of("billing", 2), 0,
				Optional.empty(), at(11)));
		events.add(new AgentClaimed(CALL, "1001", at(71), true, at(41)));
		events.add(new DialBegan(at(42), CALLER, AGENT_LEG, "PJSIP/1001"));
		events.add(new DialEnded(at(45), CALLER, AGENT_LEG, DialStatus.ANSWER));
		events.add(new ChannelHeld(at(100), AGENT_LEG));
		events.add(new ChannelUnheld(at(130), AGENT_LEG));
		events.add(new ChannelHungUp(at(245), AGENT_LEG, 16, "Normal Clearing"));
		events.add(new ChannelHungUp(at(250), CALLER, 16, "Normal Clearing"));
		events.add(new AgentStateChanged("1001", AgentState.WRAP_UP, AgentState.READY, null, at(275)));
		return events;
	}

	/**
	 * A queued call reserved for 1002, who does not answer, then for 1001, who answers.
	 */
	private static List<Object> ringNoAnswerThenAnswered() {
		ChannelRef missedLeg = new ChannelRef("PJSIP/1002-0000000e", "1795336532.14", CALL);
		List<Object> events = new ArrayList<>();
		events.add(new ChannelCreated(at(0), CALLER, "+4930123456", ChannelCreated.INBOUND, "8000"));
		events.add(new RoutingEvent.CallRouted(CALL, "billing", Optional.of("DE"), Map.of("billing", 2), 0,
				Optional.empty(), at(11)));
		events.add(new AgentClaimed(CALL, "1002", at(50), true, at(20)));
		events.add(new DialBegan(at(21), CALLER, missedLeg, "PJSIP/1002"));
		events.add(new DialEnded(at(36), CALLER, missedLeg, DialStatus.NOANSWER));
		events.add(new ChannelHungUp(at(36), missedLeg, 16, "Normal Clearing"));
		events.add(new RoutingEvent.CallNotAnswered(CALL, "1002", Optional.of("billing"), Optional.of("DE"),
				DialStatus.NOANSWER, at(36)));
		events.add(new AgentClaimed(CALL, "1001", at(67), true, at(37)));
		events.add(new DialBegan(at(38), CALLER, AGENT_LEG, "PJSIP/1001"));
		events.add(new DialEnded(at(41), CALLER, AGENT_LEG, DialStatus.ANSWER));
		events.add(new ChannelHungUp(at(100), AGENT_LEG, 16, "Normal Clearing"));
		events.add(new ChannelHungUp(at(101), CALLER, 16, "Normal Clearing"));
		events.add(new AgentStateChanged("1001", AgentState.WRAP_UP, AgentState.READY, null, at(110)));
		return events;
	}

	/**
	 * A call that waited in the queue from {@code queuedAt} and hung up at
	 * {@code hungUpAt}.
	 */
	private static List<Object> queuedCall(String callId, int queuedAt, int hungUpAt) {
		ChannelRef caller = new ChannelRef("PJSIP/carrier-" + callId, callId, callId);
		return List.of(new ChannelCreated(at(queuedAt), caller, "+4930123456", ChannelCreated.INBOUND, "8000"),
				new RoutingEvent.CallRouted(callId, "billing", Optional.of("DE"), Map.of("billing", 2), 0,
						Optional.empty(), at(queuedAt)),
				new ChannelHungUp(at(hungUpAt), caller, 0, "Unknown"));
	}

	private void ivrOnly(String callId, IvrOutcome outcome) {
		ChannelRef caller = new ChannelRef("PJSIP/carrier-" + callId, callId, callId);
		hear(new ChannelCreated(at(0), caller, "+4930123456", ChannelCreated.INBOUND, "8000"));
		hear(new IvrCompleted(callId, "support", "3", "en", "DE", Map.of(), List.of(), outcome, at(0), at(10)));
		hear(new ChannelHungUp(at(12), caller, 16, "Normal Clearing"));
	}

	private CallRecord writeAfter(Duration sinceStart) {
		this.clock.set(T0.plus(sinceStart));
		this.recorder.writeFinished();
		assertThat(this.written).hasSize(1);
		return this.written.get(0);
	}

	private void hear(Object event) {
		hear(this.recorder, event);
	}

	/** What Spring's event listeners would do. */
	private static void hear(CallRecorder recorder, Object event) {
		Consumer<Object> none = (e) -> {
		};
		switch (event) {
			case ChannelCreated e -> recorder.channelCreated(e);
			case DialBegan e -> recorder.dialBegan(e);
			case DialEnded e -> recorder.dialEnded(e);
			case ChannelHeld e -> recorder.held(e);
			case ChannelUnheld e -> recorder.unheld(e);
			case ChannelHungUp e -> recorder.hungUp(e);
			case IvrCompleted e -> recorder.ivrCompleted(e);
			case RoutingEvent e -> recorder.routing(e);
			case AgentClaimed e -> recorder.agentClaimed(e);
			case AgentStateChanged e -> recorder.agentStateChanged(e);
			case AsteriskEvent.AsteriskResynced e -> recorder.resynced(e);
			case AsteriskEvent.CallFellBack e -> recorder.fellBack(e);
			case AsteriskEvent.VoicemailEnded e -> recorder.voicemailEnded(e);
			case AsteriskEvent.AsteriskShutDown e -> recorder.asteriskShutDown(e);
			case CallRated e -> recorder.rated(e);
			case AsteriskEvent e -> none.accept(e);
			default -> throw new IllegalArgumentException("not an event the recorder hears: " + event);
		}
	}

	private static Instant at(int seconds) {
		return T0.plusSeconds(seconds);
	}

	/** A clock the test moves by hand. */
	static final class MovableClock extends Clock {

		private volatile Instant now;

		MovableClock(Instant now) {
			this.now = now;
		}

		void set(Instant now) {
			this.now = now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
