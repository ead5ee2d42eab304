package org.switchboard.telephony;

import java.time.Duration;
import java.util.List;
import java.util.Random;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;

import org.switchboard.call.AsteriskEvent;
import org.switchboard.call.ContactStatus;
import org.switchboard.PublishedEvents;
import org.switchboard.SwitchboardTest;
import org.switchboard.fakeasterisk.AmiEvent;
import org.switchboard.fakeasterisk.AmiEvents;
import org.switchboard.fakeasterisk.EventFilter;
import org.switchboard.fakeasterisk.FakeAsterisk;
import org.switchboard.fakeasterisk.FakeChannel;
import org.switchboard.call.AsteriskEvent.PhoneChannelEnded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Malformed AMI events (missing, empty, junk and oversized fields, unknown names) on the
 * live link: no listener fails, the link is not reset, and a proper event pushed after
 * them still arrives. Bridge events are left out: Asterisk-Java's own reader dies on
 * malformed ones (see the second test), which Switchboard survives by reconnecting. The
 * channels and devices are the fuzz's own, so no other test's calls or agents are
 * touched. Seeded; {@code -Dswitchboard.fuzz.seed=n} tries others.
 */
@SwitchboardTest
class AmiFuzzTest {

	private static final long SEED = Long.getLong("switchboard.fuzz.seed", 7_2026L);

	private static final int EVENTS = 3_000;

	private static final int BURST = 100;

	private static final String[] NAMES = { "Hangup", "HangupRequest", "SoftHangupRequest", "DialBegin", "DialEnd",
			"DialState", "Newchannel", "Newstate", "VarSet", "Hold", "Unhold", "DeviceStateChange", "ContactStatus",
			"OriginateResponse", "MusicOnHoldStart", "FullyBooted", "NoSuchEvent", "" };

	private static final String[] FIELDS = { "Channel", "Uniqueid", "Linkedid", "DestChannel", "DestUniqueid",
			"DestLinkedid", "DialStatus", "DialString", "Cause", "Cause-txt", "Device", "State", "BridgeUniqueid",
			"BridgeNumChannels", "Variable", "Value", "EndpointName", "AOR", "URI", "ContactStatus", "ActionID",
			"Reason", "Timestamp", "CallerIDNum", "Context", "Exten", "ChannelState", "Privilege", "X-Junk" };

	@Autowired
	FakeAsterisk asterisk;

	@Autowired
	AmiLink link;

	@Autowired
	PublishedEvents events;

	private final ListAppender<ILoggingEvent> errors = new ListAppender<>();

	@BeforeEach
	void listenForListenerFailures() {
		// every event reaches Switchboard, as from an Asterisk without the shipped
		// eventfilter
		this.asterisk.ami().eventFilter(EventFilter.NONE);
		await().atMost(Duration.ofSeconds(10)).until(this.link::connected);
		this.errors.start();
		((Logger) LoggerFactory.getLogger(AmiLink.class)).addAppender(this.errors);
	}

	@AfterEach
	void stopListening() {
		this.asterisk.ami().eventFilter(EventFilter.shipped());
		((Logger) LoggerFactory.getLogger(AmiLink.class)).detachAppender(this.errors);
	}

	@Test
	void malformedEventsNeitherBreakTheLinkNorAnyListener() {
		Random random = new Random(SEED);
		int logins = this.asterisk.ami().loginCount();

		for (int i = 0; i < EVENTS; i++) {
			this.asterisk.ami().push(event(random, i));
			if (i % BURST == BURST - 1) {
				// bursts, not a flood: a flood delays the ping's answer past the action
				// timeout, and the link is reset as dead (healed by the resync)
				FakeChannel mark = FakeChannel.of("PJSIP/fz-mark-" + i, "+4930123456", "Mark");
				this.asterisk.ami().push(AmiEvents.hangup(mark, 16, "Normal Clearing"));
				this.events.await(PhoneChannelEnded.class, (ended) -> mark.name().equals(ended.channel()),
						Duration.ofSeconds(10));
			}
		}

		assertThat(this.link.connected()).isTrue();
		assertThat(this.asterisk.ami().loginCount()).as("logins, seed %d", SEED).isEqualTo(logins);
		List<String> failures = this.errors.list.stream()
			.filter((logged) -> logged.getLevel().isGreaterOrEqual(Level.ERROR))
			.map((logged) -> logged.getFormattedMessage()
					+ (logged.getThrowableProxy() == null ? "" : ": " + logged.getThrowableProxy().getMessage()))
			.toList();
		assertThat(failures).as("seed %d", SEED).isEmpty();
	}

	/**
	 * A limit of Asterisk-Java, not of Switchboard: the link's reader thread dies on a
	 * BridgeCreate without BridgeUniqueid (real Asterisk always sends it). Switchboard
	 * sees the link drop, logs in again and reads the channels and endpoints anew.
	 */
	@Test
	void aBridgeEventWithoutItsIdResetsTheLinkWhichComesBackAndReadsTheStateAgain() {
		int logins = this.asterisk.ami().loginCount();
		this.events.clear();

		this.asterisk.ami().push(AmiEvent.of("BridgeCreate").with("BridgeType", "basic"));

		await().atMost(Duration.ofSeconds(5)).until(() -> this.asterisk.ami().loginCount() > logins);
		this.events.await(AsteriskEvent.AsteriskResynced.class, (resynced) -> true, Duration.ofSeconds(5));
		await().atMost(Duration.ofSeconds(5)).until(this.link::connected);
	}

	private static AmiEvent event(Random random, int number) {
		String name = pick(random, NAMES);
		AmiEvent event = AmiEvent.of(name);
		int fields = random.nextInt(12);
		for (int i = 0; i < fields; i++) {
			event = event.with(pick(random, FIELDS), value(random, number));
		}
		return event;
	}

	private static String value(Random random, int number) {
		return switch (random.nextInt(16)) {
			case 0 -> "";
			case 1 -> "<unknown>";
			case 2 -> junk(random);
			case 3 -> "x".repeat(1 + random.nextInt(5_000));
			case 4 -> String.valueOf(random.nextLong());
			case 5 -> pick(random, "-1", "0", "1.5", "NaN", "1e400", "99999999999999999999");
			case 6 -> pick(random, "ANSWER", "NOANSWER", "BUSY", "CANCEL", "CHANUNAVAIL", "CONGESTION", "Failure");
			case 7 -> pick(random, "NOT_INUSE", "INUSE", "RINGING", "UNAVAILABLE", "INVALID", "ONHOLD", "junk");
			case 8 -> pick(random, "Reachable", "Unreachable", "Created", "Removed", "Updated", "??");
			case 9 -> "PJSIP/fz-" + random.nextInt(50);
			case 10 -> "PJSIP/fz-" + random.nextInt(50) + "-" + Integer.toHexString(number);
			case 11 -> "fz." + random.nextInt(100);
			case 12 -> String.valueOf(System.currentTimeMillis() / 1000.0 + random.nextInt(1000) - 500);
			default -> String.valueOf(random.nextInt(128));
		};
	}

	/** Printable and unprintable junk without line breaks, which would end the event. */
	private static String junk(Random random) {
		StringBuilder junk = new StringBuilder();
		for (int i = 1 + random.nextInt(100); i > 0; i--) {
			char next = (char) (1 + random.nextInt(0x2FFF));
			if (next != '\n' && next != '\r' && !Character.isSurrogate(next)) {
				junk.append(next);
			}
		}
		return junk.toString();
	}

	@SafeVarargs
	private static <T> T pick(Random random, T... choices) {
		return choices[random.nextInt(choices.length)];
	}

}
