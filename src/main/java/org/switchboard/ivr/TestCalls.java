package org.switchboard.ivr;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import org.switchboard.call.CallRequest;
import org.switchboard.call.ChannelGoneException;

/**
 * Test calls: a flow author's calls to a line, from the web page or from
 * {@code simulate}, that walk the real flow and are routed as a dry run. They change
 * nothing: no agent is reserved, no waiting line joined, no callback booked, no record or
 * KPI counts them. A call over FastAGI is one when its first AGI argument is
 * {@value #AGI_ARGUMENT} (its second, if any, the moment it plays in, ISO 8601 with an
 * offset). The page's calls are held here, each on a virtual thread that waits for its
 * author's keys; at most {@code max-test-calls} at once, each forgotten after
 * {@code test-call-idle-timeout} untouched.
 */
@Component
public class TestCalls {

	/** The first AGI argument that makes a call a test call. */
	public static final String AGI_ARGUMENT = "test";

	private static final Logger log = LoggerFactory.getLogger(TestCalls.class);

	/** How long a request waits for the IVR to listen again before it answers BUSY. */
	private static final Duration REPLY_WAIT = Duration.ofSeconds(5);

	/** Keys sent and not yet taken, at most: more is a stuck key, not a caller. */
	private static final int MOST_PENDING_KEYS = 64;

	/** Events of one call, at most; a flow loops at most {@link IvrRunner#MAX_STEPS}. */
	private static final int MOST_EVENTS = 2_000;

	private final IvrScript script;

	private final FlowRegistry flows;

	private final IvrSettings settings;

	private final Clock clock;

	private final Map<String, Held> calls = new ConcurrentHashMap<>();

	TestCalls(IvrScript script, FlowRegistry flows, IvrSettings settings, Clock clock) {
		this.script = script;
		this.flows = flows;
		this.settings = settings;
		this.clock = clock;
	}

	/** Whether a FastAGI call is a test call. */
	static boolean marked(CallRequest request) {
		return request.argument(0, "").equals(AGI_ARGUMENT);
	}

	/** The moment a FastAGI test call plays in, when it names a valid one. */
	static Optional<Instant> moment(CallRequest request) {
		String text = request.argument(1, "");
		try {
			return text.isBlank() ? Optional.empty() : Optional.of(OffsetDateTime.parse(text).toInstant());
		}
		catch (DateTimeParseException ex) {
			log.warn("Test call {} names no moment ISO 8601 with an offset: '{}'; it plays now", request.uniqueId(),
					text);
			return Optional.empty();
		}
	}

	/** The name of the flow that answers a line, if one does. */
	public Optional<String> flowFor(String line) {
		return this.flows.forLine(line).map((machine) -> machine.flow().name());
	}

	/**
	 * Places a test call and answers it as soon as its first prompt listens (or it is
	 * over); empty when as many test calls are held as allowed.
	 * @param at the moment it plays in; empty for now
	 * @param zone the zone the author thinks in, for how {@code at} is shown
	 */
	public Optional<TestCall> place(String owner, String line, String callerId, Optional<Instant> at, ZoneId zone) {
		forgetIdle();
		String id = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		CallRequest request = new CallRequest("ivr", "Test/" + id, "test-call." + id, callerId, "Test call", line, line,
				"switchboard-inbound", "en", List.of(AGI_ARGUMENT));
		Held call = new Held(id, owner, request, at.orElseGet(this.clock::instant), zone);
		synchronized (this.calls) {
			if (this.calls.size() >= this.settings.maxTestCalls()) {
				return Optional.empty();
			}
			this.calls.put(id, call);
		}
		Thread.ofVirtual().name("test-call-" + id).start(call::run);
		return Optional.of(call.reply());
	}

	/** A test call of this author's, as it stands. */
	public Optional<TestCall> find(String id, String owner) {
		return held(id, owner).map(Held::view);
	}

	/**
	 * The author presses keys ({@code 0-9 * #}): answers once the IVR took them and
	 * listens again, or the call is over. Empty when there is no such call.
	 * @throws IllegalStateException when the call is over, or too many keys wait
	 */
	public Optional<TestCall> press(String id, String owner, String keys) {
		return held(id, owner).map((call) -> {
			if (!call.channel.press(keys)) {
				throw refused(call);
			}
			return call.reply();
		});
	}

	/**
	 * The author lets the prompt that listens time out.
	 * @throws IllegalStateException when the call is over, or too many keys wait
	 */
	public Optional<TestCall> staySilent(String id, String owner) {
		return held(id, owner).map((call) -> {
			if (!call.channel.silence()) {
				throw refused(call);
			}
			return call.reply();
		});
	}

	private static IllegalStateException refused(Held call) {
		return new IllegalStateException(
				call.channel.ended() || call.channel.gone() ? "test call " + call.id + " is over: it takes no more keys"
						: "test call " + call.id + " has " + MOST_PENDING_KEYS + " keys waiting already");
	}

	/** Hangs up a test call and forgets it; false when there was none. */
	public boolean hangUp(String id, String owner) {
		Optional<Held> call = held(id, owner);
		call.ifPresent((held) -> {
			this.calls.remove(id);
			held.channel.hangUp();
		});
		return call.isPresent();
	}

	/** Hangs up and forgets the test calls nobody touched for the idle timeout. */
	@Scheduled(fixedDelay = 10, timeUnit = TimeUnit.SECONDS)
	void forgetIdle() {
		forgetIdle(Instant.now());
	}

	/** As {@link #forgetIdle()}, as if it were {@code now}. */
	void forgetIdle(Instant now) {
		Instant before = now.minus(this.settings.testCallIdleTimeout());
		for (Held call : List.copyOf(this.calls.values())) {
			if (call.lastUsed.isBefore(before)) {
				this.calls.remove(call.id);
				call.channel.hangUp();
				log.info("Test call {} idle since {}: hung up and forgotten", call.id, call.lastUsed);
			}
		}
	}

	@PreDestroy
	void hangUpAll() {
		this.calls.values().forEach((call) -> call.channel.hangUp());
		this.calls.clear();
	}

	private Optional<Held> held(String id, String owner) {
		return Optional.ofNullable(this.calls.get(id)).filter((call) -> call.owner.equals(owner));
	}

	/** One test call held for its author. */
	private final class Held {

		private final String id;

		private final String owner;

		private final Instant at;

		private final ZoneId zone;

		private final KeypadCall channel;

		private final List<TestCallEvent> events = new ArrayList<>();

		private volatile Instant lastUsed = Instant.now();

		Held(String id, String owner, CallRequest request, Instant at, ZoneId zone) {
			this.id = id;
			this.owner = owner;
			this.at = at;
			this.zone = zone;
			this.channel = new KeypadCall(request, MOST_PENDING_KEYS);
		}

		void run() {
			try {
				TestCalls.this.script.tryCall(this.channel, this.at, this::heard);
			}
			catch (ChannelGoneException ex) {
				heard(new TestCallEvent.Note("hung up"));
			}
			catch (RuntimeException ex) {
				log.warn("Test call {} failed", this.id, ex);
				heard(new TestCallEvent.Note("the test call failed: " + ex.getMessage()));
			}
			finally {
				this.channel.end();
			}
		}

		private void heard(TestCallEvent event) {
			synchronized (this.events) {
				if (this.events.size() >= MOST_EVENTS) {
					this.channel.hangUp();
					return;
				}
				this.events.add(event);
			}
		}

		/** The call once the IVR listens again or is done, or after a few seconds. */
		TestCall reply() {
			this.lastUsed = Instant.now();
			try {
				this.channel.awaitListening(REPLY_WAIT);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return view();
		}

		TestCall view() {
			TestCall.State state = this.channel.ended() ? TestCall.State.ENDED
					: this.channel.listening() ? TestCall.State.LISTENING : TestCall.State.BUSY;
			List<TestCallEvent> heard;
			synchronized (this.events) {
				heard = List.copyOf(this.events);
			}
			CallRequest request = this.channel.request();
			return new TestCall(this.id, request.dialled(), request.callerId(),
					this.at.atZone(this.zone).toOffsetDateTime(), this.zone, state, heard);
		}

	}

}
