package org.switchboard.ivr;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.switchboard.call.AgiCall;
import org.switchboard.ivr.flow.Flow;
import org.switchboard.ivr.flow.Prompt;

/**
 * The state of one caller's walk through a flow: their language, what they typed, and the
 * path of steps with the input and outcome of each.
 */
final class IvrSession {

	private final Flow flow;

	private final AgiCall call;

	private final CallFacts facts;

	private final Clock clock;

	private final Instant startedAt;

	private final Map<String, String> attributes = new LinkedHashMap<>();

	private final Map<String, String> maskedAttributes = new LinkedHashMap<>();

	private final List<IvrStep> path = new ArrayList<>();

	private String language;

	private String country;

	private boolean countryLooked;

	private String stepNode;

	private Instant stepStarted;

	private StringBuilder stepInput;

	private int stepTries;

	private String stepShownOutcome;

	IvrSession(Flow flow, AgiCall call, CallFacts facts, Clock clock) {
		this.flow = flow;
		this.call = call;
		this.facts = facts;
		this.clock = clock;
		this.startedAt = clock.instant();
		String channelLanguage = call.request().language();
		this.language = flow.languages().contains(channelLanguage) ? channelLanguage : flow.fallbackLanguage();
	}

	Flow flow() {
		return this.flow;
	}

	AgiCall call() {
		return this.call;
	}

	Instant startedAt() {
		return this.startedAt;
	}

	String language() {
		return this.language;
	}

	/** The caller's country if a branch looked it up, else null. */
	String knownCountry() {
		return this.country;
	}

	/** What the caller typed into collect nodes, by attribute. */
	Map<String, String> attributes() {
		return this.attributes;
	}

	/** The same, with sensitive entries starred out. */
	Map<String, String> maskedAttributes() {
		return this.maskedAttributes;
	}

	List<IvrStep> path() {
		return this.path;
	}

	String sound(Prompt prompt) {
		return prompt.sound(this.language, this.flow.fallbackLanguage());
	}

	void speak(String language) {
		this.language = language;
		this.call.set("CHANNEL(language)", language);
	}

	Optional<String> country() {
		if (!this.countryLooked) {
			this.country = this.facts.country(this.call.request()).orElse(null);
			this.countryLooked = true;
		}
		return Optional.ofNullable(this.country);
	}

	void openStep(String node) {
		this.stepNode = node;
		this.stepStarted = this.clock.instant();
		this.stepInput = new StringBuilder();
		this.stepTries = 0;
		this.stepShownOutcome = null;
	}

	/**
	 * What the path shows instead of the real event, when that would reveal a sensitive
	 * entry.
	 */
	void showOutcomeAs(String outcome) {
		this.stepShownOutcome = outcome;
	}

	void tried() {
		this.stepTries++;
	}

	void input(String input) {
		if (!this.stepInput.isEmpty()) {
			this.stepInput.append(',');
		}
		this.stepInput.append(input);
	}

	void closeStep(String outcome) {
		if (this.stepNode == null) {
			return;
		}
		String shown = (this.stepShownOutcome != null) ? this.stepShownOutcome : outcome;
		this.path.add(new IvrStep(this.stepNode, this.stepInput.toString(), shown, this.stepTries,
				Duration.between(this.stepStarted, this.clock.instant())));
		this.stepNode = null;
	}

}
