package org.switchboard.ivr.flow;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One step of an IVR flow. The set is closed: the compiler and the runner switch over it,
 * so a new kind of step is a compile error until both handle it. Fields holding a node id
 * name the step that follows.
 */
public sealed interface Node {

	String id();

	/** Plays prompts in order, then goes on. */
	record Play(String id, List<Prompt> prompts, String next) implements Node {

		public Play {
			prompts = List.copyOf(prompts);
		}

	}

	/**
	 * Plays a prompt the caller may barge into with a digit, and goes where the digit
	 * says. Wrong digits and silence replay it after the invalid / timeout prompt, up to
	 * {@code retries} times, then the call takes {@code failure}.
	 */
	record Menu(String id, Prompt prompt, Map<Character, String> options, Duration timeout, int retries,
			Optional<Prompt> invalidPrompt, Optional<Prompt> timeoutPrompt, String failure) implements Node {

		public Menu {
			options = Map.copyOf(options);
		}

	}

	/**
	 * Reads a number (account, case, date of birth) and stores it as call attribute
	 * {@code attribute}. A sensitive one is masked in every log, trace and record. A
	 * wrong entry replays the prompt after the invalid prompt, silence after the no-input
	 * one (the invalid one when there is none).
	 */
	record Collect(String id, Prompt prompt, int minDigits, int maxDigits, Optional<Character> terminator,
			Duration timeout, int retries, DigitsRule rule, String attribute, boolean sensitive,
			Optional<Prompt> invalidPrompt, Optional<Prompt> noInputPrompt, String next,
			String failure) implements Node {

	}

	/** Lets the caller choose a language by digit; the rest of the call speaks it. */
	record Language(String id, Prompt prompt, Map<Character, String> languages, Duration timeout, int retries,
			String next) implements Node {

		public Language {
			languages = Map.copyOf(languages);
		}

	}

	/**
	 * Goes one way or another on a fact about the call; {@code otherwise} when no case
	 * matches.
	 */
	record Branch(String id, Condition on, Map<String, String> cases, String otherwise) implements Node {

		public Branch {
			cases = Map.copyOf(cases);
		}

	}

	/**
	 * Hands the call to routing: the skills it needs with their minimum levels (1–5), the
	 * queue it counts under and its priority (higher first).
	 */
	record Route(String id, Map<String, Integer> skills, String queue, int priority) implements Node {

		public Route {
			skills = Map.copyOf(skills);
		}

	}

	/** Leaves a message in a mailbox. */
	record Voicemail(String id, Optional<Prompt> prompt, String mailbox) implements Node {

	}

	/** Offers the caller a call back instead of waiting. */
	record Callback(String id, Optional<Prompt> prompt, String queue, Map<String, Integer> skills) implements Node {

		public Callback {
			skills = Map.copyOf(skills);
		}

	}

	/** Ends the call, after an optional goodbye. */
	record Hangup(String id, Optional<Prompt> prompt) implements Node {

	}

	/** Jumps to another node. */
	record Goto(String id, String target) implements Node {

	}

	/** What a {@link Collect} accepts beyond its digit count. */
	sealed interface DigitsRule {

		/** Any digits. */
		record AnyDigits() implements DigitsRule {

		}

		/** Digits matching a regular expression. */
		record Matches(String regex) implements DigitsRule {

		}

		/** A number within bounds, inclusive. */
		record NumberRange(long min, long max) implements DigitsRule {

		}

		/** Digits whose Luhn check digit is right (card and some account numbers). */
		record Luhn() implements DigitsRule {

		}

	}

	/** The fact a {@link Branch} looks at. */
	sealed interface Condition {

		/** {@code open} / {@code closed}: the caller's country schedule now. */
		record ScheduleOpen() implements Condition {

		}

		/** The caller's country, ISO 3166 alpha-2 (e.g. {@code DE}). */
		record CallerCountry() implements Condition {

		}

		/** A call attribute stored by an earlier {@link Collect}. */
		record Attribute(String name) implements Condition {

		}

		/**
		 * Whether now, in the flow's time zone, lies within a window; cases are named
		 * windows like {@code "08:00-12:00"}.
		 */
		record TimeOfDay(String zone) implements Condition {

			/**
			 * Whether {@code time} lies in a {@code HH:mm-HH:mm} window; a window may
			 * pass midnight.
			 */
			public static boolean within(String window, LocalTime time) {
				String[] ends = window.split("-");
				LocalTime from = LocalTime.parse(ends[0].strip());
				LocalTime to = LocalTime.parse(ends[1].strip());
				return from.isBefore(to) ? !time.isBefore(from) && time.isBefore(to)
						: !time.isBefore(from) || time.isBefore(to);
			}

		}

	}

}
