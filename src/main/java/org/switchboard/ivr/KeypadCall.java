package org.switchboard.ivr;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.switchboard.call.AgiCall;
import org.switchboard.call.CallRequest;
import org.switchboard.call.ChannelGoneException;
import org.switchboard.call.DigitInput;

/**
 * The channel of a test call placed from the web page: its author's keys come from the
 * page, prompts play in no time, and a prompt that listens waits for the next key, or for
 * the author to stay silent, however long they think, until the call is hung up. No
 * audio, no Asterisk.
 */
final class KeypadCall implements AgiCall {

	/** What the author sends to let a listening prompt time out. */
	private static final char SILENCE = '-';

	private final CallRequest request;

	private final int mostPending;

	private final Deque<Character> input = new ArrayDeque<>();

	private final Map<String, String> variables = new HashMap<>();

	private boolean listening;

	private boolean gone;

	private boolean ended;

	KeypadCall(CallRequest request, int mostPending) {
		this.request = request;
		this.mostPending = mostPending;
	}

	/**
	 * Keys pressed on the page, taken by the prompts that listen, in order. Refused
	 * (false) once the call is over or when more would be waiting than allowed.
	 */
	synchronized boolean press(String keys) {
		if (this.gone || this.ended || this.input.size() + keys.length() > this.mostPending) {
			return false;
		}
		keys.chars().forEach((key) -> this.input.add((char) key));
		notifyAll();
		return true;
	}

	/** The author lets the next prompt that listens time out. */
	synchronized boolean silence() {
		return press(String.valueOf(SILENCE));
	}

	/** The author hangs up. */
	synchronized void hangUp() {
		this.gone = true;
		notifyAll();
	}

	/** The IVR is done with the call. */
	synchronized void end() {
		this.ended = true;
		notifyAll();
	}

	synchronized boolean ended() {
		return this.ended;
	}

	/** Whether the IVR waits for the author: it took every key sent and listens. */
	synchronized boolean listening() {
		return this.listening && this.input.isEmpty() && !this.gone && !this.ended;
	}

	/**
	 * Waits until the IVR took every key sent and listens again, or the call is over, for
	 * at most {@code most}.
	 */
	synchronized void awaitListening(Duration most) throws InterruptedException {
		long deadline = System.nanoTime() + most.toNanos();
		while (!listening() && !this.gone && !this.ended) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return;
			}
			wait(Math.max(1, left / 1_000_000));
		}
	}

	@Override
	public CallRequest request() {
		return this.request;
	}

	@Override
	public synchronized void answer() {
		live("ANSWER");
	}

	@Override
	public synchronized Optional<Character> play(String sound, String escapeDigits) {
		live("STREAM FILE");
		Character pending = this.input.peek();
		if (pending != null && pending != SILENCE && escapeDigits.indexOf(pending) >= 0) {
			return Optional.of(this.input.poll());
		}
		return Optional.empty();
	}

	@Override
	public synchronized DigitInput read(String sound, Duration timeout, int maxDigits) {
		StringBuilder digits = new StringBuilder();
		while (digits.length() < maxDigits) {
			char key = next("GET DATA");
			if (key == SILENCE) {
				return new DigitInput(digits.toString(), true);
			}
			if (key == '#') {
				break;
			}
			digits.append(key);
		}
		return new DigitInput(digits.toString(), false);
	}

	@Override
	public synchronized Optional<Character> waitForDigit(Duration timeout) {
		char key = next("WAIT FOR DIGIT");
		return (key == SILENCE) ? Optional.empty() : Optional.of(key);
	}

	@Override
	public synchronized void sayDateTime(Instant when, ZoneId zone) {
		live("SAY DATETIME");
	}

	@Override
	public synchronized void set(String variable, String value) {
		this.variables.put(variable, value);
	}

	@Override
	public synchronized Optional<String> get(String variable) {
		return Optional.ofNullable(this.variables.get(variable));
	}

	@Override
	public synchronized void exec(String application, String arguments) {
		live("EXEC " + application);
	}

	@Override
	public void verbose(String message) {
	}

	@Override
	public synchronized void hangup() {
		this.gone = true;
		notifyAll();
	}

	@Override
	public synchronized boolean gone() {
		return this.gone;
	}

	/** The next key sent, waiting for the author as long as the call lasts. */
	private char next(String command) {
		live(command);
		while (this.input.isEmpty()) {
			this.listening = true;
			notifyAll();
			try {
				wait();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.gone = true;
			}
			live(command);
		}
		this.listening = false;
		return this.input.poll();
	}

	private void live(String command) {
		if (this.gone) {
			throw new ChannelGoneException(command);
		}
	}

}
