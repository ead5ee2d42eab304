package org.switchboard.telephony;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.switchboard.call.AsteriskEvent;
import org.switchboard.fakeasterisk.AmiAction;
import org.switchboard.fakeasterisk.AmiEvent;
import org.switchboard.fakeasterisk.AmiEvents;
import org.switchboard.fakeasterisk.AmiField;
import org.switchboard.fakeasterisk.DeviceState;
import org.switchboard.fakeasterisk.EventFilter;
import org.switchboard.fakeasterisk.FakeAmiServer;
import org.switchboard.fakeasterisk.FakeAsterisk;
import org.switchboard.fakeasterisk.FakeChannel;
import org.switchboard.fakeasterisk.OriginateOutcome;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped manager.conf's {@code eventfilter} and the events Switchboard translates
 * agree: every event of a call, in Asterisk 20's layout, goes over the wire to
 * Asterisk-Java unfiltered; the filter must let through exactly those Switchboard turns
 * into an {@link AsteriskEvent} (and the link's own FullyBooted and Shutdown), so that a
 * new event learned in code without a filter line, or a filter that drops one in use,
 * fails here.
 */
class ShippedEventFilterTest {

	private static final String SECRET = "filter-test";

	private final BlockingQueue<ManagerEvent> received = new LinkedBlockingQueue<>();

	private FakeAsterisk asterisk;

	private FakeAmiServer ami;

	private ManagerConnection manager;

	@BeforeEach
	void connect() throws Exception {
		this.asterisk = FakeAsterisk.start("switchboard", SECRET);
		this.ami = this.asterisk.ami();
		this.manager = new ManagerConnectionFactory("127.0.0.1", this.ami.port(), "switchboard", SECRET)
			.createManagerConnection();
		this.manager.addEventListener(this.received::add);
		AmiUserEvents.registerOn(this.manager);
		this.manager.login();
		this.received.clear();
	}

	@AfterEach
	void close() {
		this.manager.logoff();
		this.asterisk.close();
	}

	@Test
	void theFilterLetsThroughExactlyTheEventsSwitchboardUses() throws Exception {
		EventFilter shipped = EventFilter.shipped();
		Map<String, Boolean> passed = new LinkedHashMap<>();
		Map<String, Boolean> used = new LinkedHashMap<>();
		for (AmiEvent event : oneOfEach()) {
			List<ManagerEvent> parsed = overTheWire(event);
			String name = event.name().equals("UserEvent") ? "UserEvent " + event.get("UserEvent") : event.name();
			passed.put(name, shipped.passes(event));
			used.put(name,
					parsed.stream().anyMatch((bean) -> AmiEventTranslator.translate(bean, Instant.now()).isPresent())
							|| List.of("FullyBooted", "BridgeCreate", "BridgeDestroy").contains(name));
		}

		assertThat(passed).isEqualTo(used);
		// the flood of a real call stays out
		assertThat(passed).containsEntry("VarSet", false)
			.containsEntry("Newexten", false)
			.containsEntry("Newstate", false)
			.containsEntry("HangupHandlerRun", false)
			.containsEntry("Hangup", true)
			.containsEntry("HangupRequest", true)
			.containsEntry("SoftHangupRequest", true)
			.containsEntry("UserEvent SwitchboardFallback", true)
			.containsEntry("UserEvent SwitchboardVoicemail", true)
			.containsEntry("UserEvent SomebodyElses", false)
			.containsEntry("Shutdown", true);
	}

	@Test
	void aBridgedCallThroughTheFilterMakesAsteriskJavaLogNoError() throws Exception {
		this.ami.eventFilter(EventFilter.shipped());
		ListAppender<ILoggingEvent> logged = new ListAppender<>();
		logged.start();
		Logger asteriskJava = (Logger) LoggerFactory.getLogger("org.asteriskjava");
		asteriskJava.addAppender(logged);
		try {
			this.asterisk.phoneRegisters("1001", "sip:1001@127.0.0.1:5091");
			FakeChannel caller = FakeChannel.of("PJSIP/caller-00000003", "+4930123456", "Caller");

			// the fake's dialplan sends what a real Asterisk 20 does for a bridged call
			this.asterisk.dial(caller, "PJSIP/1001").answer().agentHangsUp();
			List<ManagerEvent> heard = drained();

			assertThat(heard).extracting((event) -> event.getClass().getSimpleName())
				.containsSubsequence("DialEndEvent", "BridgeEnterEvent", "BridgeLeaveEvent", "HangupEvent");
		}
		finally {
			asteriskJava.detachAppender(logged);
		}

		assertThat(logged.list).filteredOn((line) -> line.getLevel().isGreaterOrEqual(Level.WARN))
			.extracting(ILoggingEvent::getFormattedMessage)
			.isEmpty();
	}

	/**
	 * What Asterisk-Java made of the event read from the wire: nothing, one bean, or more
	 * (a DialBegin gives a legacy DialEvent and a DialBeginEvent).
	 */
	private List<ManagerEvent> overTheWire(AmiEvent event) throws InterruptedException {
		this.ami.push(event);
		return drained();
	}

	/** What Asterisk-Java read of the events pushed so far. */
	private List<ManagerEvent> drained() throws InterruptedException {
		FakeChannel marker = FakeChannel.of("PJSIP/marker-" + System.nanoTime(), "100", "Marker");
		this.ami.push(AmiEvents.hangup(marker, 16, "Normal Clearing"));
		List<ManagerEvent> before = new ArrayList<>();
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (System.nanoTime() < deadline) {
			ManagerEvent next = this.received.poll(100, TimeUnit.MILLISECONDS);
			if (next instanceof HangupEvent hangup && marker.name().equals(hangup.getChannel())) {
				return before;
			}
			if (next != null) {
				before.add(next);
			}
		}
		throw new AssertionError("the marker after the events pushed never arrived");
	}

	private static List<AmiEvent> oneOfEach() {
		FakeChannel caller = FakeChannel.of("PJSIP/caller-00000001", "+4930123456", "Caller");
		FakeChannel agent = FakeChannel.of("PJSIP/1001-00000002", "1001", "Agent");
		AmiAction originate = new AmiAction("Originate",
				List.of(new AmiField("ActionID", "4711_3#cb-1"), new AmiField("Channel", "PJSIP/1001"),
						new AmiField("Context", "switchboard-callback"), new AmiField("Exten", "s")));
		return List.of(AmiEvents.newchannel(caller), AmiEvents.newstate(caller),
				AmiEvents.newexten(caller, "AGI", "agi://127.0.0.1:4573/ivr"),
				AmiEvents.varSet(caller, "SB_NEXT", "wait"), AmiEvents.musicOnHoldStart(caller),
				AmiEvents.musicOnHoldStop(caller), AmiEvents.dialBegin(caller, agent, "1001"),
				AmiEvents.dialState(caller, agent, "RINGING"), AmiEvents.dialEnd(caller, agent, "ANSWER"),
				AmiEvents.bridgeCreate("b-1"), AmiEvents.bridgeEnter("b-1", 1, caller),
				AmiEvents.bridgeLeave("b-1", 0, caller), AmiEvents.bridgeDestroy("b-1"), AmiEvents.hold(agent),
				AmiEvents.unhold(agent), AmiEvents.dtmfEnd(caller, '1', 120), AmiEvents.hangupRequest(caller, 16),
				// Asterisk stopping now ends each channel with the shutdown reason (4)
				AmiEvents.softHangupRequest(caller, 4),
				AmiEvent.of("HangupHandlerRun")
					.with("Privilege", "dialplan,all")
					.with("Channel", caller.name())
					.with("Uniqueid", caller.uniqueid())
					.with("Handler", "hdlr,s,1"),
				AmiEvents.hangup(caller, 16, "Normal Clearing"),
				AmiEvents.deviceStateChange("PJSIP/1001", DeviceState.INUSE),
				AmiEvents.contactStatus("sip:1001@10.0.0.9:5060", "Reachable", "1001", "1001", 1200),
				AmiEvents.peerStatus("PJSIP/1001", "Reachable"),
				AmiEvents.originateResponse(originate, new OriginateOutcome.Answered(agent)), AmiEvents.fullyBooted(),
				AmiEvents.userEvent(caller, "SwitchboardFallback", "AgiStatus", "FAILURE"),
				AmiEvents.userEvent(caller, "SwitchboardVoicemail", "Status", "SUCCESS"),
				AmiEvents.userEvent(caller, "SomebodyElses", "Key", "value"), AmiEvents.shutdown(false));
	}

}
