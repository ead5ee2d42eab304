package org.switchboard.ivr.flow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;

import org.switchboard.common.DidYouMean;
import org.switchboard.ivr.flow.YamlTree.Mapping;
import org.switchboard.ivr.flow.YamlTree.Pair;
import org.switchboard.ivr.flow.YamlTree.Scalar;
import org.switchboard.ivr.flow.YamlTree.Sequence;

/**
 * A YAML map read field by field from a {@link YamlTree}, which keeps line numbers and
 * the duplicate keys a plain load silently drops. Each missing or malformed value becomes
 * a problem and the getters return empty or a stand-in, so reading goes on to find the
 * rest.
 */
final class YamlMap {

	/**
	 * One key of a map or one item of a list.
	 *
	 * @param key the key, or the index of a list item
	 * @param field the dotted name problems use, e.g. {@code options.7} or
	 * {@code lines[0]}
	 * @param line where it is, counted from 1
	 * @param value its YAML value
	 */
	record Entry(String key, String field, int line, YamlTree value) {

		boolean isScalar() {
			return this.value instanceof Scalar;
		}

	}

	private final Problems problems;

	private final String node;

	private final String path;

	private final int line;

	private final Map<String, Entry> entries = new LinkedHashMap<>();

	private final Set<String> asked = new LinkedHashSet<>();

	private YamlMap(Problems problems, String node, String path, int line, Mapping map, String keyNoun) {
		this.problems = problems;
		this.node = node;
		this.path = path;
		this.line = line;
		for (Pair pair : map.pairs()) {
			int keyLine = pair.line();
			Entry entry = new Entry(pair.key(), join(path, pair.key()), keyLine, pair.value());
			Entry first = this.entries.putIfAbsent(entry.key(), entry);
			if (first != null) {
				problems.add(node, entry.field(), keyLine,
						keyNoun + " '" + entry.key() + "' used twice, first at line " + first.line());
			}
		}
	}

	/**
	 * The top-level map of a YAML text; a text that is not YAML, or not a map, is a
	 * problem thrown at once since nothing else can be read.
	 */
	static YamlMap parse(String text, Problems problems) {
		YamlTree document = null;
		try {
			document = YamlTree.parse(text);
		}
		catch (YamlTree.Unreadable ex) {
			problems.add(null, null, ex.line(), "not valid YAML: " + ex.getMessage());
		}
		if (document == null && problems.count() == 0) {
			problems.add(null, null, 0, "empty: a flow needs at least lines, languages, start and nodes");
		}
		else if (document != null && !(document instanceof Mapping)) {
			problems.add(null, null, document.line(), "expected a map of flow fields, got " + describe(document));
		}
		problems.throwIfAny();
		return new YamlMap(problems, null, "", 0, (Mapping) document, "field");
	}

	int line() {
		return this.line;
	}

	/** The entry's value as the fields of flow node {@code id}. */
	Optional<YamlMap> nodeFields(String id, Entry entry) {
		if (entry.value() instanceof Mapping map) {
			return Optional.of(new YamlMap(this.problems, id, "", entry.line(), map, "field"));
		}
		this.problems.add(id, null, entry.line(),
				"expected a map of fields like {type: hangup}, got " + describe(entry.value()));
		return Optional.empty();
	}

	/** The entry's value as a map whose keys are {@code keyNoun}s, e.g. digits. */
	Optional<YamlMap> map(Entry entry, String keyNoun) {
		if (entry.value() instanceof Mapping map) {
			return Optional.of(new YamlMap(this.problems, this.node, entry.field(), entry.line(), map, keyNoun));
		}
		problem(entry, "expected a map, got " + describe(entry.value()));
		return Optional.empty();
	}

	/** Every entry of this map, once per key, in file order. */
	Collection<Entry> entries() {
		this.asked.addAll(this.entries.keySet());
		return this.entries.values();
	}

	/** The field, unless absent or null. */
	Optional<Entry> get(String key) {
		this.asked.add(key);
		Entry entry = this.entries.get(key);
		return (entry == null || isNull(entry.value())) ? Optional.empty() : Optional.of(entry);
	}

	/** The field, or empty after reporting it missing. */
	Optional<Entry> require(String key) {
		Optional<Entry> entry = get(key);
		if (entry.isEmpty()) {
			problem(key, "required but missing");
		}
		return entry;
	}

	/** The entry's value as text: a single, non-blank value. */
	Optional<String> text(Entry entry) {
		if (!(entry.value() instanceof Scalar scalar)) {
			problem(entry, "expected a single value, got " + describe(entry.value()));
			return Optional.empty();
		}
		if (scalar.isNull() || scalar.text().isBlank()) {
			problem(entry, "is empty");
			return Optional.empty();
		}
		return Optional.of(scalar.text().strip());
	}

	Optional<String> text(String key) {
		return get(key).flatMap(this::text);
	}

	Optional<String> requiredText(String key) {
		return require(key).flatMap(this::text);
	}

	/** The entry as a list: its items, or itself when it is a single value. */
	List<Entry> items(Entry entry) {
		if (entry.value() instanceof Sequence sequence) {
			List<Entry> items = new ArrayList<>();
			List<YamlTree> values = sequence.items();
			for (int i = 0; i < values.size(); i++) {
				YamlTree value = values.get(i);
				items.add(new Entry(String.valueOf(i), entry.field() + "[" + i + "]", value.line(), value));
			}
			return items;
		}
		if (entry.value() instanceof Mapping) {
			problem(entry, "expected one value or a list, got a map");
			return List.of();
		}
		return List.of(entry);
	}

	OptionalLong wholeNumber(Entry entry) {
		Optional<String> text = text(entry);
		return text.isPresent() ? YamlScalars.wholeNumber(text.get(), complaint(entry)) : OptionalLong.empty();
	}

	/** The entry as a whole number within bounds, or empty after reporting it. */
	Optional<Integer> number(Entry entry, int min, int max) {
		return text(entry).flatMap((text) -> YamlScalars.number(text, min, max, complaint(entry)));
	}

	int number(String key, int fallback, int min, int max) {
		return get(key).flatMap((entry) -> number(entry, min, max)).orElse(fallback);
	}

	/** A number that must be there; {@code max} stands in when it is not. */
	int requiredNumber(String key, int min, int max) {
		return require(key).flatMap((entry) -> number(entry, min, max)).orElse(max);
	}

	/** A duration written like {@code 5s} or {@code 500ms}, within bounds. */
	Duration duration(String key, Duration fallback, Duration min, Duration max) {
		return get(key)
			.flatMap((entry) -> text(entry).flatMap((text) -> YamlScalars.duration(text, min, max, complaint(entry))))
			.orElse(fallback);
	}

	boolean flag(String key, boolean fallback) {
		return get(key).flatMap((entry) -> text(entry).flatMap((text) -> YamlScalars.flag(text, complaint(entry))))
			.orElse(fallback);
	}

	/**
	 * The single values under a field, without any checks or problems: for guessing where
	 * a node of an unknown type leads.
	 */
	List<String> peek(String key) {
		this.asked.add(key);
		Entry entry = this.entries.get(key);
		if (entry == null) {
			return List.of();
		}
		List<YamlTree> values = switch (entry.value()) {
			case Mapping map -> map.pairs().stream().map(Pair::value).toList();
			case Sequence sequence -> sequence.items();
			case Scalar scalar -> List.of(scalar);
		};
		return values.stream()
			.filter(Scalar.class::isInstance)
			.map((value) -> ((Scalar) value).text().strip())
			.toList();
	}

	/** The text of a field inside the entry's map, without any checks or problems. */
	static Optional<String> peek(Entry entry, String key) {
		if (entry.value() instanceof Mapping map) {
			for (Pair pair : map.pairs()) {
				if (pair.key().equals(key) && pair.value() instanceof Scalar value) {
					return Optional.of(value.text().strip());
				}
			}
		}
		return Optional.empty();
	}

	/**
	 * Reports every field nobody asked for, with the nearest known one if it looks like a
	 * typo.
	 */
	void reportUnknownFields() {
		for (Entry entry : this.entries.values()) {
			if (!this.asked.contains(entry.key())) {
				problem(entry, "unknown field" + nearest(entry.key()).map((known) -> ", did you mean '" + known + "'?")
					.orElse(", expected one of " + String.join(", ", this.asked)));
			}
		}
	}

	void problem(Entry entry, String message) {
		this.problems.add(this.node, entry.field(), entry.line(), message);
	}

	void problem(String key, String message) {
		Entry entry = this.entries.get(key);
		this.problems.add(this.node, join(this.path, key), (entry != null) ? entry.line() : this.line, message);
	}

	/** Reports a malformed value of the entry, in the words of {@link YamlScalars}. */
	private Consumer<String> complaint(Entry entry) {
		return (message) -> problem(entry, message);
	}

	private Optional<String> nearest(String unknown) {
		return DidYouMean.nearest(unknown, this.asked);
	}

	private static boolean isNull(YamlTree value) {
		return value instanceof Scalar scalar && scalar.isNull();
	}

	private static String join(String path, String key) {
		return path.isEmpty() ? key : path + "." + key;
	}

	private static String describe(YamlTree value) {
		return switch (value) {
			case Mapping map -> "a map";
			case Sequence sequence -> "a list";
			case Scalar scalar -> scalar.isNull() ? "nothing" : "'" + scalar.text() + "'";
		};
	}

}
