package org.switchboard.ivr;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.switchboard.ivr.flow.Flow;
import org.switchboard.call.AgiCall;
import org.switchboard.call.CallRequest;
import org.switchboard.call.DigitInput;

/**
 * A test call's channel as its author sees it: each prompt (by the flow's name for it,
 * with its language), each key or silence and what is said go to {@code heard} as they
 * happen, and the {@code SB_*} variables set are kept for the decision. Every command
 * still goes to the channel underneath.
 */
final class TranscribedCall implements AgiCall {

	private final AgiCall channel;

	private final Flow flow;

	private final Consumer<TestCallEvent> heard;

	/** The flow's named prompts by their sounds. */
	private final Map<String, TestCallEvent.Prompt> named = new HashMap<>();

	private final Map<String, String> variables = new TreeMap<>();

	TranscribedCall(AgiCall channel, Flow flow, Consumer<TestCallEvent> heard) {
		this.channel = channel;
		this.flow = flow;
		this.heard = heard;
		flow.prompts()
			.forEach((name, prompt) -> prompt.soundByLanguage()
				.forEach((language, sound) -> this.named.putIfAbsent(sound,
						new TestCallEvent.Prompt(name, language, sound))));
	}

	/** The {@code SB_*} variables set so far. */
	Map<String, String> variables() {
		return Map.copyOf(this.variables);
	}

	@Override
	public CallRequest request() {
		return this.channel.request();
	}

	@Override
	public void answer() {
		this.channel.answer();
	}

	@Override
	public Optional<Character> play(String sound, String escapeDigits) {
		this.heard.accept(prompt(sound));
		Optional<Character> key = this.channel.play(sound, escapeDigits);
		key.ifPresent((pressed) -> this.heard.accept(new TestCallEvent.Keys(String.valueOf(pressed))));
		return key;
	}

	@Override
	public DigitInput read(String sound, Duration timeout, int maxDigits) {
		this.heard.accept(prompt(sound));
		DigitInput input = this.channel.read(sound, timeout, maxDigits);
		this.heard
			.accept(input.digits().isEmpty() ? new TestCallEvent.Silence() : new TestCallEvent.Keys(input.digits()));
		return input;
	}

	@Override
	public Optional<Character> waitForDigit(Duration timeout) {
		Optional<Character> key = this.channel.waitForDigit(timeout);
		this.heard.accept(key.<TestCallEvent>map((pressed) -> new TestCallEvent.Keys(String.valueOf(pressed)))
			.orElseGet(TestCallEvent.Silence::new));
		return key;
	}

	@Override
	public void sayDateTime(Instant when, ZoneId zone) {
		this.heard.accept(new TestCallEvent.Said(when.atZone(zone).toOffsetDateTime(), zone));
		this.channel.sayDateTime(when, zone);
	}

	@Override
	public void set(String variable, String value) {
		if (variable.startsWith("SB_")) {
			this.variables.put(variable, value);
		}
		this.channel.set(variable, value);
	}

	@Override
	public Optional<String> get(String variable) {
		return this.channel.get(variable);
	}

	@Override
	public void exec(String application, String arguments) {
		this.heard.accept(new TestCallEvent.Note("runs " + application + " " + arguments));
		this.channel.exec(application, arguments);
	}

	@Override
	public void verbose(String message) {
		this.channel.verbose(message);
	}

	@Override
	public void hangup() {
		this.channel.hangup();
	}

	@Override
	public boolean gone() {
		return this.channel.gone();
	}

	/**
	 * The prompt of a sound: the flow's name for it, else the sound itself, in the
	 * language its path names ({@code custom/de/closed-until}), else in every language.
	 */
	private TestCallEvent.Prompt prompt(String sound) {
		TestCallEvent.Prompt prompt = this.named.get(sound);
		if (prompt != null) {
			return prompt;
		}
		String language = Arrays.stream(sound.split("/"))
			.filter(this.flow.languages()::contains)
			.findFirst()
			.orElse(org.switchboard.ivr.flow.Prompt.ANY_LANGUAGE);
		return new TestCallEvent.Prompt(sound, language, sound);
	}

}
