package org.switchboard.ivr.flow;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.switchboard.common.Fields;
import org.switchboard.common.Fields.Entry;

/** Reads the {@code validate} rule of a collect node: luhn, a regex or a number range. */
final class DigitsRuleReader {

	private static final String RULES = "luhn, {regex: ...} or {range: [min, max]}";

	private DigitsRuleReader() {
	}

	/**
	 * The rule under {@code validate}; any digits when there is none or it has a problem.
	 */
	static Node.DigitsRule read(Fields fields) {
		Optional<Entry> entry = fields.get("validate");
		if (entry.isEmpty()) {
			return new Node.DigitsRule.AnyDigits();
		}
		if (entry.get().isScalar()) {
			Optional<String> name = fields.text(entry.get());
			if (name.isPresent() && name.get().equals("luhn")) {
				return new Node.DigitsRule.Luhn();
			}
			name.ifPresent(
					(unknown) -> fields.problem(entry.get(), "unknown rule '" + unknown + "', expected " + RULES));
			return new Node.DigitsRule.AnyDigits();
		}
		Optional<Fields> rules = fields.map(entry.get(), "rule");
		if (rules.isEmpty()) {
			return new Node.DigitsRule.AnyDigits();
		}
		List<Entry> written = List.copyOf(rules.get().entries());
		if (written.size() != 1) {
			fields.problem(entry.get(),
					"expected one rule of " + RULES + ", got " + written.stream().map(Entry::key).toList());
			return new Node.DigitsRule.AnyDigits();
		}
		Entry rule = written.get(0);
		return switch (rule.key()) {
			case "regex" -> regex(rules.get(), rule);
			case "range" -> range(rules.get(), rule);
			default -> {
				rules.get().problem(rule, "unknown rule '" + rule.key() + "', expected " + RULES);
				yield new Node.DigitsRule.AnyDigits();
			}
		};
	}

	private static Node.DigitsRule regex(Fields rules, Entry rule) {
		Optional<String> regex = rules.text(rule);
		if (regex.isEmpty()) {
			return new Node.DigitsRule.AnyDigits();
		}
		try {
			Pattern.compile(regex.get());
			return new Node.DigitsRule.Matches(regex.get());
		}
		catch (PatternSyntaxException ex) {
			rules.problem(rule,
					"invalid regex '" + regex.get() + "': " + ex.getDescription() + " at index " + ex.getIndex());
			return new Node.DigitsRule.AnyDigits();
		}
	}

	private static Node.DigitsRule range(Fields rules, Entry rule) {
		List<Entry> bounds = rules.items(rule);
		if (bounds.size() != 2) {
			rules.problem(rule,
					"expected [min, max], got " + bounds.size() + ((bounds.size() == 1) ? " value" : " values"));
			return new Node.DigitsRule.AnyDigits();
		}
		OptionalLong min = rules.wholeNumber(bounds.get(0));
		OptionalLong max = rules.wholeNumber(bounds.get(1));
		if (min.isEmpty() || max.isEmpty()) {
			return new Node.DigitsRule.AnyDigits();
		}
		if (min.getAsLong() > max.getAsLong()) {
			rules.problem(rule, "range min > max: " + min.getAsLong() + " > " + max.getAsLong());
		}
		return new Node.DigitsRule.NumberRange(min.getAsLong(), max.getAsLong());
	}

}
