package org.switchboard.schedule;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.switchboard.common.DidYouMean;

/**
 * The fields of one JSON object in a schedule document, read one by one. Each missing or
 * malformed value becomes a problem named by its JSON path and the getters return empty,
 * so reading goes on to find the rest; fields nobody asked for are reported as unknown.
 */
final class Fields {

	/** A value and the JSON path that names it in problems. */
	record Value(String path, JsonNode node) {

	}

	private static final Pattern WHOLE_NUMBER = Pattern.compile("-?[0-9]{1,18}");

	private final String path;

	private final JsonNode object;

	private final List<ScheduleProblem> problems;

	private final Set<String> asked = new LinkedHashSet<>();

	private Fields(String path, JsonNode object, List<ScheduleProblem> problems) {
		this.path = path;
		this.object = object;
		this.problems = problems;
	}

	/** The value as an object's fields, or empty after reporting it is not an object. */
	static Optional<Fields> of(Value value, String noun, List<ScheduleProblem> problems) {
		if (value.node().isObject()) {
			return Optional.of(new Fields(value.path(), value.node(), problems));
		}
		problems.add(new ScheduleProblem(value.path(), "expected " + noun + ", got " + describe(value.node())));
		return Optional.empty();
	}

	String path() {
		return this.path;
	}

	/** The field, unless absent or null. */
	Optional<Value> get(String key) {
		this.asked.add(key);
		JsonNode node = this.object.get(key);
		return (node == null || node.isNull()) ? Optional.empty() : Optional.of(new Value(path(key), node));
	}

	/** The field, or empty after reporting it missing. */
	Optional<Value> require(String key) {
		Optional<Value> value = get(key);
		if (value.isEmpty()) {
			problem(path(key), "required but missing");
		}
		return value;
	}

	boolean has(String key) {
		return get(key).isPresent();
	}

	Optional<String> text(String key) {
		return get(key).flatMap(this::text);
	}

	Optional<String> requiredText(String key) {
		return require(key).flatMap(this::text);
	}

	/** The value as text: a single, non-blank value. */
	Optional<String> text(Value value) {
		JsonNode node = value.node();
		if (!node.isValueNode()) {
			problem(value.path(), "expected a single value, got " + describe(node));
			return Optional.empty();
		}
		if (node.asText().isBlank()) {
			problem(value.path(), "is empty");
			return Optional.empty();
		}
		return Optional.of(node.asText().strip());
	}

	/** The value as a list: its items, or itself when it is a single value. */
	List<Value> items(Value value) {
		if (value.node().isArray()) {
			List<Value> items = new ArrayList<>();
			for (int i = 0; i < value.node().size(); i++) {
				items.add(new Value(value.path() + "[" + i + "]", value.node().get(i)));
			}
			return items;
		}
		if (value.node().isObject()) {
			problem(value.path(), "expected a list, got an object");
			return List.of();
		}
		return List.of(value);
	}

	/** The items of a list field; empty when the field is absent. */
	List<Value> items(String key) {
		return get(key).map(this::items).orElse(List.of());
	}

	/** The entries of an object field, each named by its key. */
	List<Map.Entry<String, Value>> entries(Value value) {
		if (!value.node().isObject()) {
			problem(value.path(), "expected an object, got " + describe(value.node()));
			return List.of();
		}
		List<Map.Entry<String, Value>> entries = new ArrayList<>();
		value.node()
			.properties()
			.forEach((entry) -> entries
				.add(Map.entry(entry.getKey(), new Value(value.path() + "." + entry.getKey(), entry.getValue()))));
		return entries;
	}

	/** The value as a whole number within bounds, or empty after reporting it. */
	Optional<Integer> number(Value value, long min, long max) {
		OptionalLong number = wholeNumber(value);
		if (number.isEmpty()) {
			return Optional.empty();
		}
		if (number.getAsLong() < min || number.getAsLong() > max) {
			problem(value.path(), "not within " + min + ".." + max + ": " + number.getAsLong());
			return Optional.empty();
		}
		return Optional.of((int) number.getAsLong());
	}

	OptionalLong wholeNumber(Value value) {
		JsonNode node = value.node();
		if (node.isIntegralNumber() && node.canConvertToLong()) {
			return OptionalLong.of(node.asLong());
		}
		Optional<String> text = text(value);
		if (text.isPresent() && !node.isNumber() && WHOLE_NUMBER.matcher(text.get()).matches()) {
			return OptionalLong.of(Long.parseLong(text.get()));
		}
		text.ifPresent((shown) -> problem(value.path(), "not a whole number: '" + shown + "'"));
		return OptionalLong.empty();
	}

	/** A true or false field, {@code fallback} when absent. */
	boolean flag(String key, boolean fallback) {
		Optional<Value> value = get(key);
		if (value.isEmpty()) {
			return fallback;
		}
		if (value.get().node().isBoolean()) {
			return value.get().node().booleanValue();
		}
		Optional<String> text = text(value.get());
		return switch (text.map((shown) -> shown.toLowerCase(Locale.ROOT)).orElse("")) {
			case "true" -> true;
			case "false" -> false;
			default -> {
				text.ifPresent((shown) -> problem(value.get().path(), "not true or false: '" + shown + "'"));
				yield fallback;
			}
		};
	}

	/**
	 * Reports every field nobody asked for, with the nearest known one if it looks like a
	 * typo.
	 */
	void reportUnknownFields() {
		this.object.fieldNames().forEachRemaining((key) -> {
			if (!this.asked.contains(key)) {
				problem(path(key), "unknown field" + nearest(key).map((known) -> ", did you mean '" + known + "'?")
					.orElse(", expected one of " + String.join(", ", this.asked)));
			}
		});
	}

	void problem(String path, String message) {
		this.problems.add(new ScheduleProblem(path, message));
	}

	String path(String key) {
		return this.path.isEmpty() ? key : this.path + "." + key;
	}

	static String describe(JsonNode node) {
		if (node.isObject()) {
			return "an object";
		}
		if (node.isArray()) {
			return "a list";
		}
		return node.isNull() ? "nothing" : "'" + node.asText() + "'";
	}

	private Optional<String> nearest(String unknown) {
		return DidYouMean.nearest(unknown, this.asked);
	}

}
