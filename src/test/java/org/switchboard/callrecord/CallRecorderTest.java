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
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

import org.switchboard.call.CallEvent;
import org.switchboard.call.CallEvent.AgentLegEnded;
import org.switchboard.call.CallEvent.AgentReserved;
import org.switchboard.call.CallEvent.AgentRinging;
import org.switchboard.call.CallEvent.CallAnswered;
import org.switchboard.call.CallEvent.CallArrived;
import org.switchboard.call.CallEvent.CallHeld;
import org.switchboard.call.CallEvent.CallResumed;
import org.switchboard.call.CallEvent.CallerHungUp;
import org.switchboard.call.CallEvent.IvrEnd;
import org.switchboard.call.CallEvent.IvrFinished;
import org.switchboard.call.CallEvent.WrapUpEnded;
import org.switchboard.call.CallRated;
import org.switchboard.call.DialStatus;
import org.switchboard.call.Masked;
import org.switchboard.redis.Keys;
import org.switchboard.redis.TestRedis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The record of a call assembled from the events of its life, as the recorder hears them:
 * in order, twice, shuffled, or with pieces missing.
 */
class CallRecorderTest {

	private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

	private static final String CALL = "1795336532.12";

	private static final String AGENT_LEG = "PJSIP/1001-0000000d";

	private final MovableClock clock = new MovableClock(T0);

	private final List<CallRecord> written = new ArrayList<>();

	/** The calls' shared log, in a Redis site of this test's own. */
	private final Keys keys = new Keys("test-" + UUID.randomUUID().toString().substring(0, 8));

	private final RedisCallLog log = new RedisCallLog(TestRedis.client(), this.keys,
			Jackson2ObjectMapperBuilder.json().build());

	private final CallRecorder recorder = recorder();

	private static RedisCallLog newLog() {
		return new RedisCallLog(TestRedis.client(), new Keys("test-" + UUID.randomUUID().toString().substring(0, 8)),
				Jackson2ObjectMapperBuilder.json().build());
	}

	private CallRecorder recorder() {
		return new CallRecorder(CallRecordSettings.defaults(), this.clock, this.log, this.written::addAll);
	}

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
			// a site of its own, whose log has no record of the call yet
			CallRecorder again = new CallRecorder(CallRecordSettings.defaults(), this.clock, newLog(),
					this.written::addAll);
			List<CallEvent> events = new ArrayList<>(answeredCallWithOneHold());
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
		List<CallEvent> events = new ArrayList<>(answeredCallWithOneHold());
		// the agent pressed hold again while on hold, and a stray Unhold after the talk
		events.add(new CallHeld(CALL, at(110)));
		events.add(new CallResumed(CALL, at(260)));
		events.add(new CallHeld(CALL, at(200)));
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
	void theNextSweepIsDueWhenTheFirstCallIsToBeLookedAtNotOnABeat() {
		queuedCall("1.3", 0, 30).forEach(this::hear);
		this.clock.set(at(10));

		// the caller hung up at 30: the record is looked at close-delay later
		assertThat(this.recorder.writeFinished()).contains(at(30).plus(CallRecordSettings.defaults().closeDelay()));
		assertThat(this.written).isEmpty();

		this.clock.set(at(30).plus(CallRecordSettings.defaults().closeDelay()));
		this.recorder.writeFinished();
		assertThat(this.written).extracting(CallRecord::callId).containsExactly("1.3");
		// nothing left to look at: no sweep is due
		assertThat(this.recorder.writeFinished()).isEmpty();
	}

	@Test
	void callbackIsNotAnAbandonAndItsCompletionRewritesTheRecord() {
		List<CallEvent> events = new ArrayList<>(queuedCall("2.1", 0, 40));
		events.add(new CallEvent.CallbackRequested("2.1", "billing", Optional.of("DE"), at(39)));
		events.forEach(this::hear);
		this.clock.set(at(60));
		this.recorder.writeFinished();

		this.recorder.heard(new CallEvent.CallbackFinished("2.1", "1001", true, 1, at(900)));
		this.clock.set(at(904));
		this.recorder.writeFinished();

		assertThat(this.written).extracting(CallRecord::callId, CallRecord::outcome)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("2.1", Outcome.CALLBACK_REQUESTED),
					org.assertj.core.groups.Tuple.tuple("2.1", Outcome.CALLBACK_COMPLETED));
	}

	@Test
	void aCallbackThatNeverReachedTheCustomerStaysRequested() {
		List<CallEvent> events = new ArrayList<>(queuedCall("2.2", 0, 40));
		events.add(new CallEvent.CallbackRequested("2.2", "billing", Optional.of("DE"), at(39)));
		events.forEach(this::hear);
		this.clock.set(at(60));
		this.recorder.writeFinished();

		this.recorder.heard(new CallEvent.CallbackFinished("2.2", "1001", false, 3, at(900)));
		this.clock.set(at(904));
		this.recorder.writeFinished();

		assertThat(this.written).extracting(CallRecord::outcome).containsExactly(Outcome.CALLBACK_REQUESTED);
	}

	@Test
	void theIvrsOutcomeNamesCallsThatNeverReachedAnAgent() {
		ivrOnly("3.1", IvrEnd.SELF_SERVED);
		ivrOnly("3.2", IvrEnd.ABANDONED);
		ivrOnly("3.3", IvrEnd.VOICEMAIL);
		hear(new CallEvent.VoicemailEnded("3.3", true, at(11)));
		ivrOnly("3.4", IvrEnd.FAILED);
		ivrOnly("3.5", IvrEnd.ROUTED);
		hear(new CallEvent.CallClosed("3.5", Optional.of("DE"), "voicemail", at(10)));

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
		answeredCallWithOneHold().stream().filter((event) -> !(event instanceof WrapUpEnded)).forEach(this::hear);

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
		List<CallEvent> events = answeredCallWithOneHold();
		events.forEach(this::hear);
		this.clock.set(at(251));
		this.recorder.writeFinished();
		assertThat(this.written).isEmpty();

		writeAfter(Duration.ofMinutes(6));
		events.forEach(this::hear);
		this.clock.set(at(3600));
		this.recorder.writeFinished();

		assertThat(this.written).hasSize(1);
		assertThat(stillOpen()).isEmpty();
	}

	@Test
	void anEntryOfTheLogThatCannotBeReadIsLeftOutAndTheRecordIsStillWritten() {
		answeredCallWithOneHold().forEach(this::hear);
		this.recorder.writeFinished();
		// another version wrote an event this one does not know, and something wrote junk
		TestRedis.client()
			.zadd(this.keys.key("callrecord", "log", CALL), at(60).toEpochMilli(),
					"{\"type\":\"CallTeleported\",\"callId\":\"" + CALL + "\"}");
		TestRedis.client().zadd(this.keys.key("callrecord", "log", CALL), at(61).toEpochMilli(), "not json");

		CallRecord record = writeAfter(Duration.ofMinutes(6));

		assertThat(record.outcome()).isEqualTo(Outcome.ANSWERED);
		assertThat(record.durations().talk()).isEqualTo(Duration.ofSeconds(170));
	}

	@Test
	void aSecondAgentLegAnsweringMarksTheCallTransferred() {
		List<CallEvent> events = new ArrayList<>(answeredCallWithOneHold());
		events.add(new CallAnswered(CALL, "PJSIP/1002-0000000e", "PJSIP/1002", at(150)));
		events.forEach(this::hear);

		assertThat(writeAfter(Duration.ofMinutes(6)).outcome()).isEqualTo(Outcome.TRANSFERRED);
	}

	@Test
	void aCallWhoseEndsWereHeardOnlyAtTheResyncIsWrittenThenAndOneStillTalkingIsNot() {
		// after a gap in AMI, telephony ends the calls Asterisk no longer has at the
		// resync: the caller's and the agent's legs (CallEventsTest)
		answeredCallWithOneHold().stream()
			.filter((event) -> !(event instanceof AgentLegEnded) && !(event instanceof CallerHungUp)
					&& !(event instanceof WrapUpEnded))
			.forEach(this::hear);
		hear(new AgentLegEnded(CALL, AGENT_LEG, at(400)));
		hear(new CallerHungUp(CALL, at(400)));
		queuedCall("4.1", 0, 0).subList(0, 2).forEach(this::hear);
		this.clock.set(at(400).plus(Duration.ofMinutes(11)));
		this.recorder.writeFinished();

		assertThat(this.written).singleElement().satisfies((record) -> {
			assertThat(record.callId()).isEqualTo(CALL);
			assertThat(record.times().callerHungUp()).isEqualTo(at(400));
			assertThat(record.times().agentHungUp()).isEqualTo(at(400));
			assertThat(record.outcome()).isEqualTo(Outcome.ANSWERED);
		});
		assertThat(stillOpen()).containsExactly("4.1");
	}

	@Test
	void aCallerMovedOnFromTheIvrWhoThenGivesUpInTheQueueIsAQueueAbandon() {
		List<CallEvent> events = new ArrayList<>(queuedCall("5.1", 10, 40));
		events.add(new IvrFinished("5.1", "support", "3", "en", "DE", Map.of(), List.of(), IvrEnd.ABANDONED, null,
				Map.of(), at(0), at(9)));
		events.forEach(this::hear);

		this.clock.set(at(60));
		this.recorder.writeFinished();

		assertThat(this.written).extracting(CallRecord::outcome).containsExactly(Outcome.ABANDONED_IN_QUEUE);
	}

	@Test
	void agentEventsAloneMakeNoRecord() {
		hear(new AgentReserved("6.1", "1001", at(30), false, at(0)));
		hear(new WrapUpEnded(CALL, "1001", at(5)));

		this.clock.set(at(0).plus(Duration.ofHours(7)));
		this.recorder.writeFinished();

		assertThat(this.written).isEmpty();
		assertThat(stillOpen()).isEmpty();
	}

	@Test
	void aCallerSentToVoicemailWhoHungUpBeforeTheBeepLeftNoMessage() {
		ivrOnly("3.6", IvrEnd.VOICEMAIL);
		hear(new CallEvent.VoicemailEnded("3.6", false, at(12)));
		ivrOnly("3.7", IvrEnd.VOICEMAIL);

		this.clock.set(at(60));
		this.recorder.writeFinished();

		assertThat(this.written).extracting(CallRecord::outcome)
			.containsExactly(Outcome.ABANDONED_IN_IVR, Outcome.ABANDONED_IN_IVR);
	}

	@Test
	void anAgentPhonesOwnCallsLeaveNoRecord() {
		// telephony makes no CallArrived of a phone's feature codes or internal calls,
		// but their first channel's end is a CallerHungUp like any (CallEventsTest)
		for (String code : List.of("*50", "*53", "1002")) {
			hear(new CallerHungUp("9." + code, at(3)));
		}

		this.clock.set(at(60));
		this.recorder.writeFinished();

		assertThat(this.written).isEmpty();
		assertThat(stillOpen()).isEmpty();
	}

	@Test
	void aCallTheFallbackRouteTookIsRecordedAsFallbackNotAsAnAbandon() {
		// the IVR was cut short (Switchboard died): the dialplan went on to the fallback
		hear(arrived("7.1", 0));
		hear(new CallEvent.CallFellBack("7.1", at(5)));
		hear(new CallerHungUp("7.1", at(50)));
		// a waiting caller whose tick found no Switchboard
		List<CallEvent> waiting = new ArrayList<>(queuedCall("7.2", 0, 90));
		waiting.add(1, new CallEvent.CallFellBack("7.2", at(30)));
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
		// Asterisk ends its channels, then announces the restart, then the link drops;
		// telephony tells both callers they were cut off, and the one it did not hear
		// end ended at the resync (CallEventsTest)
		queuedCall("8.1", 0, 3).forEach(this::hear);
		hear(new CallEvent.CallCutOff("8.1", at(3)));
		hear(arrived("8.2", 0));
		hear(new CallEvent.CallQueued("8.2", "billing", Optional.of("DE"), Map.of("billing", 2), 0, Optional.empty(),
				at(1)));
		hear(new CallEvent.CallCutOff("8.2", at(3)));
		hear(new CallerHungUp("8.2", at(20)));

		this.clock.set(at(60));
		this.recorder.writeFinished();

		assertThat(this.written).extracting(CallRecord::callId, CallRecord::outcome)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("8.1", Outcome.FAILED),
					org.assertj.core.groups.Tuple.tuple("8.2", Outcome.FAILED));
	}

	@Test
	void aWaitingCallFoundGoneByAnInstanceThatNeverHeardItIsRecordedAsFallback() {
		CallRecorder stopped = recorder();
		hear(stopped, arrived("9.1", 0));
		hear(stopped, ivrFinished("9.1", IvrEnd.ROUTED));
		hear(stopped, new CallEvent.CallQueued("9.1", "billing", Optional.of("DE"), Map.of("billing", 1), 0,
				Optional.empty(), at(10)));
		this.clock.set(at(11));
		stopped.stop();
		// the only instance stopped; one started later finds the call gone
		CallRecorder started = recorder();
		// another, no longer waiting (it had been given to an agent), is not taken for
		// one
		hear(stopped, new CallEvent.CallQueued("9.2", "billing", Optional.of("DE"), Map.of("billing", 1), 0,
				Optional.of("1001"), at(10)));
		stopped.stop();
		hear(started, new CallEvent.CallVanished("9.1", true, at(300)));
		hear(started, new CallEvent.CallVanished("9.2", false, at(300)));
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
		CallRecorder first = recorder();
		CallRecorder second = recorder();
		// routing ran on the first, which heard its events twice; both hear AMI
		for (CallEvent event : ringNoAnswerThenAnswered()) {
			hear(first, event);
			hear(fromAsterisk(event) ? second : first, event);
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
		List<CallEvent> events = new ArrayList<>(queuedCall("3.1", 0, 40));
		events.add(new AgentReserved("3.1", "1002", at(60), true, at(20)));
		events.add(new CallEvent.RingNotAnswered("3.1", "1002", Optional.of("billing"), Optional.of("DE"),
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
		CallRecorder first = recorder();
		CallRecorder second = recorder();
		// both hear AMI; the IVR, routing, the claim and the wrap-up happened on the
		// first;
		// the survey ran on the second
		for (CallEvent event : answeredCallWithOneHold()) {
			hear(first, event);
			if (fromAsterisk(event)) {
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
		assertThat(stillOpen()).isEmpty();
	}

	/** One whole call: IVR, a wait, an answer, a hold, the agent hangs up, wrap-up. */
	private static List<CallEvent> answeredCallWithOneHold() {
		List<CallEvent> events = new ArrayList<>();
		events.add(arrived(CALL, 0));
		events.add(new IvrFinished(CALL, "support", "3", "en", "DE", Map.of(),
				List.of(new IvrFinished.Step("menu", "digit:1"), new IvrFinished.Step("billing", "end")), IvrEnd.ROUTED,
				"billing", Map.of("billing", 2), at(1), at(11)));
		events.add(new CallEvent.CallQueued(CALL, "billing", Optional.of("DE"), Map.of("billing", 2), 0,
				Optional.empty(), at(11)));
		events.add(new AgentReserved(CALL, "1001", at(71), true, at(41)));
		events.add(new AgentRinging(CALL, AGENT_LEG, at(42)));
		events.add(new CallAnswered(CALL, AGENT_LEG, "PJSIP/1001", at(45)));
		events.add(new CallHeld(CALL, at(100)));
		events.add(new CallResumed(CALL, at(130)));
		events.add(new AgentLegEnded(CALL, AGENT_LEG, at(245)));
		events.add(new CallerHungUp(CALL, at(250)));
		events.add(new WrapUpEnded(CALL, "1001", at(275)));
		return events;
	}

	/**
	 * A queued call reserved for 1002, who does not answer, then for 1001, who answers.
	 */
	private static List<CallEvent> ringNoAnswerThenAnswered() {
		String missedLeg = "PJSIP/1002-0000000e";
		List<CallEvent> events = new ArrayList<>();
		events.add(arrived(CALL, 0));
		events.add(new CallEvent.CallQueued(CALL, "billing", Optional.of("DE"), Map.of("billing", 2), 0,
				Optional.empty(), at(11)));
		events.add(new AgentReserved(CALL, "1002", at(50), true, at(20)));
		events.add(new AgentRinging(CALL, missedLeg, at(21)));
		events.add(new AgentLegEnded(CALL, missedLeg, at(36)));
		events.add(new CallEvent.RingNotAnswered(CALL, "1002", Optional.of("billing"), Optional.of("DE"),
				DialStatus.NOANSWER, at(36)));
		events.add(new AgentReserved(CALL, "1001", at(67), true, at(37)));
		events.add(new AgentRinging(CALL, AGENT_LEG, at(38)));
		events.add(new CallAnswered(CALL, AGENT_LEG, "PJSIP/1001", at(41)));
		events.add(new AgentLegEnded(CALL, AGENT_LEG, at(100)));
		events.add(new CallerHungUp(CALL, at(101)));
		events.add(new WrapUpEnded(CALL, "1001", at(110)));
		return events;
	}

	/**
	 * A call that waited in the queue from {@code queuedAt} and hung up at
	 * {@code hungUpAt}.
	 */
	private static List<CallEvent> queuedCall(String callId, int queuedAt, int hungUpAt) {
		return List.of(
				arrived(callId, queuedAt), new CallEvent.CallQueued(callId, "billing", Optional.of("DE"),
						Map.of("billing", 2), 0, Optional.empty(), at(queuedAt)),
				new CallerHungUp(callId, at(hungUpAt)));
	}

	private void ivrOnly(String callId, IvrEnd end) {
		hear(arrived(callId, 0));
		hear(ivrFinished(callId, end));
		hear(new CallerHungUp(callId, at(12)));
	}

	private static IvrFinished ivrFinished(String callId, IvrEnd end) {
		return new IvrFinished(callId, "support", "3", "en", "DE", Map.of(), List.of(), end,
				(end == IvrEnd.ROUTED) ? "billing" : null, (end == IvrEnd.ROUTED) ? Map.of("billing", 1) : Map.of(),
				at(0), at(10));
	}

	/** A caller's call from the carrier, as telephony tells it. */
	private static CallArrived arrived(String callId, int second) {
		return new CallArrived(callId, "8000", Masked.number("+4930123456"), at(second));
	}

	private CallRecord writeAfter(Duration sinceStart) {
		this.clock.set(T0.plus(sinceStart));
		this.recorder.writeFinished();
		assertThat(this.written).hasSize(1);
		return this.written.get(0);
	}

	private void hear(CallEvent event) {
		hear(this.recorder, event);
	}

	/** What Spring's event listener would do. */
	private static void hear(CallRecorder recorder, CallEvent event) {
		recorder.heard(event);
	}

	/** Whether every instance hears it: what telephony makes of AMI. */
	private static boolean fromAsterisk(CallEvent event) {
		return event instanceof CallArrived || event instanceof AgentRinging || event instanceof CallAnswered
				|| event instanceof CallHeld || event instanceof CallResumed || event instanceof AgentLegEnded
				|| event instanceof CallerHungUp;
	}

	/** The calls still to be closed, as any instance would find them days later. */
	private List<String> stillOpen() {
		return this.log.append(List.of(), T0.plus(Duration.ofDays(2)), 1000).calls();
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
