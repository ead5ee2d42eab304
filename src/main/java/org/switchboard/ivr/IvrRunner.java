package org.switchboard.ivr;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.switchboard.ivr.flow.Node;
import org.switchboard.ivr.flow.Node.Condition;
import org.switchboard.ivr.flow.Node.DigitsRule;
import org.switchboard.ivr.flow.Prompt;
import org.switchboard.call.AgiCall;
import org.switchboard.call.ChannelGoneException;
import org.switchboard.call.DigitInput;

/**
 * Drives one caller through a flow: each node becomes AGI commands, the caller's answer
 * becomes the event that moves the call's state machine on. Wrong keys and silence are
 * re-prompted up to a node's retries; a caller who keeps a call busy with endless input
 * is stopped after {@link #MAX_STEPS} nodes.
 */
final class IvrRunner {

	/**
	 * Enough for any honest path through a flow; more means a caller (or a robot) is
	 * looping.
	 */
	static final int MAX_STEPS = 100;

	/** Every key interrupts a menu prompt, so a wrong key is answered at once. */
	private static final String ALL_KEYS = "0123456789*#";

	private final CallFacts facts;

	private final Clock clock;

	IvrRunner(CallFacts facts, Clock clock) {
		this.facts = facts;
		this.clock = clock;
	}

	/** What happened to one caller. */
	record Result(IvrOutcome outcome, String language, String country, Map<String, String> attributes,
			Map<String, String> maskedAttributes, List<IvrStep> path, Instant startedAt, Instant endedAt) {

	}

	Result run(FlowMachine compiled, AgiCall call, List<Prompt> announcements) {
		IvrSession session = new IvrSession(compiled.flow(), call, this.facts, this.clock);
		FlowMachine.Run machine = compiled.start();
		IvrOutcome outcome;
		try {
			for (Prompt announcement : announcements) {
				call.play(session.sound(announcement), "");
			}
			outcome = walk(machine, session);
		}
		catch (ChannelGoneException ex) {
			session.closeStep("hangup");
			outcome = new IvrOutcome.Abandoned(machine.current());
		}
		finally {
			machine.stop();
		}
		return new Result(outcome, session.language(), session.knownCountry(), Map.copyOf(session.attributes()),
				Map.copyOf(session.maskedAttributes()), List.copyOf(session.path()), session.startedAt(),
				this.clock.instant());
	}

	private IvrOutcome walk(FlowMachine.Run machine, IvrSession session) {
		for (int steps = 0; steps < MAX_STEPS; steps++) {
			Node node = session.flow().node(machine.current());
			session.openStep(node.id());
			Optional<IvrOutcome> end = terminal(node, session);
			if (end.isPresent()) {
				session.closeStep("end");
				return end.get();
			}
			String event = step(node, session);
			session.closeStep(event);
			machine.fire(event);
		}
		return new IvrOutcome.Failed(machine.current(), "more than " + MAX_STEPS + " steps");
	}

	private Optional<IvrOutcome> terminal(Node node, IvrSession session) {
		return Optional.ofNullable(switch (node) {
			case Node.Route route -> new IvrOutcome.Routed(route.skills(), route.queue(), route.priority());
			case Node.Voicemail voicemail -> {
				voicemail.prompt().ifPresent((prompt) -> session.call().play(session.sound(prompt), ""));
				yield new IvrOutcome.ToVoicemail(voicemail.mailbox());
			}
			case Node.Callback callback -> {
				callback.prompt().ifPresent((prompt) -> session.call().play(session.sound(prompt), ""));
				yield new IvrOutcome.CallbackRequested(callback.skills(), callback.queue());
			}
			case Node.Hangup hangup -> {
				hangup.prompt().ifPresent((prompt) -> session.call().play(session.sound(prompt), ""));
				yield new IvrOutcome.SelfServed();
			}
			default -> null;
		});
	}

	/** Runs a non-terminal node and returns the event it ends with. */
	private String step(Node node, IvrSession session) {
		return switch (node) {
			case Node.Play play -> {
				for (Prompt prompt : play.prompts()) {
					session.call().play(session.sound(prompt), "");
				}
				yield FlowMachine.NEXT;
			}
			case Node.Goto jump -> FlowMachine.NEXT;
			case Node.Menu menu -> menu(menu, session);
			case Node.Collect collect -> collect(collect, session);
			case Node.Language language -> language(language, session);
			case Node.Branch branch -> branch(branch, session);
			case Node.Route route -> throw new IllegalStateException("terminal node " + route.id());
			case Node.Voicemail voicemail -> throw new IllegalStateException("terminal node " + voicemail.id());
			case Node.Callback callback -> throw new IllegalStateException("terminal node " + callback.id());
			case Node.Hangup hangup -> throw new IllegalStateException("terminal node " + hangup.id());
		};
	}

	private String menu(Node.Menu menu, IvrSession session) {
		for (int attempt = 0; attempt <= menu.retries(); attempt++) {
			session.tried();
			Optional<Character> key = session.call()
				.play(session.sound(menu.prompt()), ALL_KEYS)
				.or(() -> session.call().waitForDigit(menu.timeout()));
			if (key.isEmpty()) {
				session.input("(none)");
				menu.timeoutPrompt().ifPresent((prompt) -> session.call().play(session.sound(prompt), ""));
				continue;
			}
			session.input(String.valueOf(key.get()));
			if (menu.options().containsKey(key.get())) {
				return FlowMachine.digit(key.get());
			}
			menu.invalidPrompt().ifPresent((prompt) -> session.call().play(session.sound(prompt), ""));
		}
		return FlowMachine.FAILURE;
	}

	private String collect(Node.Collect collect, IvrSession session) {
		for (int attempt = 0; attempt <= collect.retries(); attempt++) {
			session.tried();
			// one digit more than allowed, so an over-long entry is seen as wrong, not
			// cut short
			DigitInput input = session.call()
				.read(session.sound(collect.prompt()), collect.timeout(), collect.maxDigits() + 1);
			String digits = input.digits();
			session.input(collect.sensitive() ? "*".repeat(digits.length()) : digits);
			if (acceptable(collect, digits)) {
				session.attributes().put(collect.attribute(), digits);
				session.maskedAttributes()
					.put(collect.attribute(), collect.sensitive() ? "*".repeat(digits.length()) : digits);
				return FlowMachine.NEXT;
			}
			collect.noInputPrompt()
				.filter((prompt) -> digits.isEmpty())
				.or(collect::invalidPrompt)
				.ifPresent((prompt) -> session.call().play(session.sound(prompt), ""));
		}
		return FlowMachine.FAILURE;
	}

	static boolean acceptable(Node.Collect collect, String digits) {
		if (digits.length() < collect.minDigits() || digits.length() > collect.maxDigits()
				|| !digits.chars().allMatch(Character::isDigit)) {
			return false;
		}
		return switch (collect.rule()) {
			case DigitsRule.AnyDigits any -> true;
			case DigitsRule.Matches matches -> digits.matches(matches.regex());
			case DigitsRule.NumberRange range -> {
				long value = Long.parseLong(digits);
				yield value >= range.min() && value <= range.max();
			}
			case DigitsRule.Luhn luhn -> luhn(digits);
		};
	}

	static boolean luhn(String digits) {
		int sum = 0;
		boolean twice = false;
		for (int i = digits.length() - 1; i >= 0; i--) {
			int digit = digits.charAt(i) - '0';
			if (twice) {
				digit *= 2;
				if (digit > 9) {
					digit -= 9;
				}
			}
			sum += digit;
			twice = !twice;
		}
		return sum % 10 == 0;
	}

	private String language(Node.Language node, IvrSession session) {
		for (int attempt = 0; attempt <= node.retries(); attempt++) {
			session.tried();
			Optional<Character> key = session.call()
				.play(session.sound(node.prompt()), ALL_KEYS)
				.or(() -> session.call().waitForDigit(node.timeout()));
			session.input(key.map(String::valueOf).orElse("(none)"));
			if (key.isPresent() && node.languages().containsKey(key.get())) {
				session.speak(node.languages().get(key.get()));
				return FlowMachine.NEXT;
			}
		}
		// no choice: the caller goes on in the language they started with
		return FlowMachine.NEXT;
	}

	private String branch(Node.Branch branch, IvrSession session) {
		String value = switch (branch.on()) {
			case Condition.ScheduleOpen open -> session.country()
				.map((country) -> this.facts.open(country, this.clock.instant()) ? "open" : "closed")
				.orElse(null);
			case Condition.CallerCountry country -> session.country().orElse(null);
			case Condition.Attribute attribute -> session.attributes().get(attribute.name());
			case Condition.TimeOfDay time -> {
				LocalTime now = LocalTime.ofInstant(this.clock.instant(), ZoneId.of(time.zone()));
				yield branch.cases()
					.keySet()
					.stream()
					.filter((window) -> Condition.TimeOfDay.within(window, now))
					.findFirst()
					.orElse(null);
			}
		};
		// a branch on a sensitive attribute must not leak it into the path
		String shown = (branch.on() instanceof Condition.Attribute attribute)
				? session.maskedAttributes().get(attribute.name()) : value;
		session.input(shown == null ? "(none)" : shown);
		if (value != null && branch.cases().containsKey(value)) {
			session.showOutcomeAs(FlowMachine.branchCase(shown));
			return FlowMachine.branchCase(value);
		}
		return FlowMachine.OTHERWISE;
	}

}
