package org.switchboard.ivr;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.switchboard.call.AgiCall;
import org.switchboard.call.CallRequest;
import org.switchboard.call.ChannelGoneException;
import org.switchboard.call.DigitInput;

/**
 * An in-memory {@link AgiCall} for runner tests: the caller's keys are consumed by each
 * command that listens, like the wire-level fake does, and the caller can hang up at the
 * n-th prompt.
 */
final class ScriptedCall implements AgiCall {

	private final CallRequest request;

	private final Deque<String> keys = new ArrayDeque<>();

	private final List<String> prompts = new ArrayList<>();

	private final Map<String, String> variables = new LinkedHashMap<>();

	private int hangUpAtPrompt = -1;

	private boolean gone;

	ScriptedCall(String callerId, String dialled, String language) {
		this.request = new CallRequest("ivr", "PJSIP/carrier-00000001", "1795335526.0", callerId, "Test Caller",
				dialled, dialled, "switchboard-inbound", language, List.of());
	}

	/**
	 * Keys typed at the next listening commands, one entry per command; {@code -} is
	 * silence.
	 */
	ScriptedCall keys(String... entries) {
		this.keys.addAll(List.of(entries));
		return this;
	}

	/** The caller hangs up while the n-th prompt (1-based) plays. */
	ScriptedCall hangsUpAtPrompt(int n) {
		this.hangUpAtPrompt = n;
		return this;
	}

	List<String> prompts() {
		return this.prompts;
	}

	Map<String, String> variables() {
		return this.variables;
	}

	@Override
	public CallRequest request() {
		return this.request;
	}

	@Override
	public void answer() {
		live();
	}

	@Override
	public Optional<Character> play(String sound, String escapeDigits) {
		prompt(sound);
		String pending = this.keys.peek();
		if (pending != null && !pending.isEmpty() && !pending.equals("-")
				&& escapeDigits.indexOf(pending.charAt(0)) >= 0) {
			return Optional.of(take());
		}
		return Optional.empty();
	}

	@Override
	public DigitInput read(String sound, Duration timeout, int maxDigits) {
		prompt(sound);
		String pending = this.keys.poll();
		if (pending == null || pending.equals("-")) {
			return new DigitInput("", true);
		}
		int hash = pending.indexOf('#');
		String typed = hash >= 0 ? pending.substring(0, hash) : pending;
		String digits = typed.length() > maxDigits ? typed.substring(0, maxDigits) : typed;
		return new DigitInput(digits, hash < 0 && digits.length() < maxDigits);
	}

	@Override
	public Optional<Character> waitForDigit(Duration timeout) {
		live();
		String pending = this.keys.peek();
		if (pending == null || pending.equals("-")) {
			this.keys.poll();
			return Optional.empty();
		}
		return Optional.of(take());
	}

	@Override
	public void sayDateTime(java.time.Instant when, java.time.ZoneId zone) {
		prompt("say-datetime:" + when.getEpochSecond() + "@" + zone.getId());
	}

	@Override
	public void set(String variable, String value) {
		this.variables.put(variable, value);
	}

	@Override
	public Optional<String> get(String variable) {
		return Optional.ofNullable(this.variables.get(variable));
	}

	@Override
	public void exec(String application, String arguments) {
		live();
	}

	@Override
	public void verbose(String message) {
	}

	@Override
	public void hangup() {
		this.gone = true;
	}

	@Override
	public boolean gone() {
		return this.gone;
	}

	private void prompt(String sound) {
		live();
		this.prompts.add(sound);
		if (this.prompts.size() == this.hangUpAtPrompt) {
			this.gone = true;
			throw new ChannelGoneException("STREAM FILE");
		}
	}

	private char take() {
		String pending = this.keys.poll();
		if (pending.length() > 1) {
			this.keys.push(pending.substring(1));
		}
		return pending.charAt(0);
	}

	private void live() {
		if (this.gone) {
			throw new ChannelGoneException("command");
		}
	}

}
