package org.switchboard.ivr;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What a test call shows its author, in order: each prompt with its name and language,
 * each input, what is said, and the decision with its trace. {@link #lines()} are the
 * lines {@code simulate} prints, so the page and the command tell the same.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({ @JsonSubTypes.Type(value = TestCallEvent.Prompt.class, name = "prompt"),
		@JsonSubTypes.Type(value = TestCallEvent.Keys.class, name = "keys"),
		@JsonSubTypes.Type(value = TestCallEvent.Silence.class, name = "silence"),
		@JsonSubTypes.Type(value = TestCallEvent.Said.class, name = "said"),
		@JsonSubTypes.Type(value = TestCallEvent.Note.class, name = "note"),
		@JsonSubTypes.Type(value = TestCallEvent.Decision.class, name = "decision") })
public sealed interface TestCallEvent {

	/** The event in one line of words. */
	@JsonProperty("text")
	String text();

	/** The event as {@code simulate} prints it, one entry a line. */
	default List<String> lines() {
		return List.of(text());
	}

	/**
	 * A prompt played to the caller.
	 *
	 * @param name the flow's name for it; the sound itself when the flow gives it none
	 * @param language the language of the sound; {@code *} when one sound serves every
	 * language
	 * @param sound the Asterisk sound played
	 */
	record Prompt(String name, String language, String sound) implements TestCallEvent {

		@Override
		public String text() {
			return "prompt " + this.name + " (" + (this.language.equals("*") ? "every language" : this.language) + ")"
					+ (this.name.equals(this.sound) ? "" : ": " + this.sound);
		}

	}

	/** Keys the caller pressed at one prompt, as the IVR took them. */
	record Keys(String keys) implements TestCallEvent {

		@Override
		public String text() {
			return ((this.keys.length() == 1) ? "caller presses " : "caller types ") + this.keys;
		}

	}

	/** The caller let a prompt that listens time out. */
	record Silence() implements TestCallEvent {

		@Override
		public String text() {
			return "caller stays silent";
		}

	}

	/** A date and time said to the caller (when a closed line opens). */
	record Said(OffsetDateTime at, ZoneId zone) implements TestCallEvent {

		private static final DateTimeFormatter SPOKEN = DateTimeFormatter.ofPattern("EEEE d MMMM uuuu, HH:mm",
				Locale.ENGLISH);

		@Override
		public String text() {
			return "says " + spoken(this.at.toInstant(), this.zone);
		}

		/** An instant as a caller hears it said, with the zone named. */
		static String spoken(Instant at, ZoneId zone) {
			return SPOKEN.format(at.atZone(zone)) + " (" + zone + ")";
		}

	}

	/**
	 * Anything else worth knowing: a dialplan application run, a line no flow answers.
	 */
	record Note(String text) implements TestCallEvent {

	}

	/**
	 * Where the call would go when the IVR is done, and why.
	 *
	 * @param next the dialplan's next step ({@code SB_NEXT}); empty when the dialplan's
	 * fallback route would take the call
	 * @param summary the decision in words
	 * @param agent the agent a claim would choose now, when the call would be put through
	 * (not reserved: a test call reserves nobody)
	 * @param variables every {@code SB_*} channel variable the IVR set
	 * @param trace the routing rules, in the order tried
	 */
	record Decision(String next, String summary, String agent, Map<String, String> variables,
			List<String> trace) implements TestCallEvent {

		public Decision {
			variables = Collections.unmodifiableMap(new TreeMap<>(variables));
			trace = List.copyOf(trace);
		}

		@Override
		public String text() {
			return "decision: " + this.summary;
		}

		@Override
		public List<String> lines() {
			return Stream.concat(Stream.of(text()), this.trace.stream().map((rule) -> "  trace: " + rule)).toList();
		}

	}

}
