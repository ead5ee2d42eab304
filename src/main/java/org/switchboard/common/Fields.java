package org.switchboard.common;

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

import org.switchboard.common.Document.Mapping;
import org.switchboard.common.Document.Pair;
import org.switchboard.common.Document.Scalar;
import org.switchboard.common.Document.Sequence;
import org.switchboard.common.Document.Words;

/**
 * The fields of one map of a {@link Document}, read one by one. Each missing or malformed
 * value becomes a {@link FieldProblem} named by its path and line, and the getters return
 * empty or a stand-in, so reading goes on to find the rest; a key written twice and the
 * fields nobody asked for are problems too.
 */
public final class Fields {

	/**
	 * One key of a map or one item of a list.
	 *
	 * @param key the key, or the index of a list item
	 * @param field the path problems name, e.g. {@code options.7} or {@code lines[0]}
	 * @param line where it is, counted from 1
	 * @param value its value
	 */
	public record Entry(String key, String field, int line, Document value) {

		public boolean isScalar() {
			return this.value instanceof Scalar;
		}

		public boolean isList() {
			return this.value instanceof Sequence;
		}

		/**
		 * The whole of a document, named by the empty path; a field missing from it has
		 * no line.
		 */
		public static Entry root(Document document) {
			return new Entry("", "", 0, document);
		}

	}

	private final Consumer<FieldProblem> problems;

	private final Words words;

	private final String path;

	private final int line;

	private final Map<String, Entry> entries = new LinkedHashMap<>();

	private final Set<String> asked = new LinkedHashSet<>();

	private Fields(Consumer<FieldProblem> problems, Words words, Entry of, Mapping map, String keyNoun) {
		this.problems = problems;
		this.words = words;
		this.path = of.field();
		this.line = of.line();
		for (Pair pair : map.pairs()) {
			Entry entry = new Entry(pair.key(), join(this.path, pair.key()), pair.line(), pair.value());
			Entry first = this.entries.putIfAbsent(entry.key(), entry);
			if (first != null) {
				problem(entry, keyNoun + " '" + entry.key() + "' used twice, first at line " + first.line());
			}
		}
	}

	/**
	 * The entry's value as a map's fields, or empty after reporting {@code expected, got
	 * ...}; problems go to {@code problems}.
	 */
	public static Optional<Fields> of(Entry entry, String expected, Words words, Consumer<FieldProblem> problems) {
		if (entry.value() instanceof Mapping map) {
			return Optional.of(new Fields(problems, words, entry, map, "field"));
		}
		problems.accept(new FieldProblem(entry.field(), entry.line(),
				"expected " + expected + ", got " + words.describe(entry.value())));
		return Optional.empty();
	}

	/** Where this map is, counted from 1. */
	public int line() {
		return this.line;
	}

	/** Whether the map has no key at all. */
	public boolean isEmpty() {
		return this.entries.isEmpty();
	}

	/** The entry's value as a map whose keys are {@code keyNoun}s, e.g. digits. */
	public Optional<Fields> map(Entry entry, String keyNoun) {
		if (entry.value() instanceof Mapping map) {
			return Optional.of(new Fields(this.problems, this.words, entry, map, keyNoun));
		}
		problem(entry, "expected " + this.words.map() + ", got " + describe(entry.value()));
		return Optional.empty();
	}

	/** Every entry of this map, once per key, in the order written. */
	public Collection<Entry> entries() {
		this.asked.addAll(this.entries.keySet());
		return this.entries.values();
	}

	/** The field, unless absent or null. */
	public Optional<Entry> get(String key) {
		this.asked.add(key);
		Entry entry = this.entries.get(key);
		return (entry == null || isNull(entry.value())) ? Optional.empty() : Optional.of(entry);
	}

	public boolean has(String key) {
		return get(key).isPresent();
	}

	/** The field, or empty after reporting it missing. */
	public Optional<Entry> require(String key) {
		Optional<Entry> entry = get(key);
		if (entry.isEmpty()) {
			problem(key, "required but missing");
		}
		return entry;
	}

	/** The entry's value as text: a single, non-blank value. */
	public Optional<String> text(Entry entry) {
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

	public Optional<String> text(String key) {
		return get(key).flatMap(this::text);
	}

	public Optional<String> requiredText(String key) {
		return require(key).flatMap(this::text);
	}

	/** The entry as a list: its items, or itself when it is a single value. */
	public List<Entry> items(Entry entry) {
		if (entry.value() instanceof Sequence sequence) {
			List<Entry> items = new ArrayList<>();
			List<Document> values = sequence.items();
			for (int i = 0; i < values.size(); i++) {
				Document value = values.get(i);
				items.add(new Entry(String.valueOf(i), entry.field() + "[" + i + "]", value.line(), value));
			}
			return items;
		}
		if (entry.value() instanceof Mapping) {
			problem(entry, "expected " + this.words.list() + ", got " + this.words.map());
			return List.of();
		}
		return List.of(entry);
	}

	/** The items of a list field; empty when the field is absent. */
	public List<Entry> items(String key) {
		return get(key).map(this::items).orElse(List.of());
	}

	public OptionalLong wholeNumber(Entry entry) {
		return text(entry).map((text) -> Scalars.wholeNumber(text, complaint(entry))).orElse(OptionalLong.empty());
	}

	/** The entry as a whole number within bounds, or empty after reporting it. */
	public Optional<Integer> number(Entry entry, long min, long max) {
		return text(entry).flatMap((text) -> Scalars.number(text, min, max, complaint(entry)));
	}

	public int number(String key, int fallback, int min, int max) {
		return get(key).flatMap((entry) -> number(entry, min, max)).orElse(fallback);
	}

	/** A number that must be there; {@code max} stands in when it is not. */
	public int requiredNumber(String key, int min, int max) {
		return require(key).flatMap((entry) -> number(entry, min, max)).orElse(max);
	}

	/** A duration written like {@code 5s} or {@code 500ms}, within bounds. */
	public Duration duration(String key, Duration fallback, Duration min, Duration max) {
		return get(key)
			.flatMap((entry) -> text(entry).flatMap((text) -> Scalars.duration(text, min, max, complaint(entry))))
			.orElse(fallback);
	}

	/** {@code true} or {@code false} in any case, {@code fallback} when absent. */
	public boolean flag(String key, boolean fallback) {
		return get(key).flatMap((entry) -> text(entry).flatMap((text) -> Scalars.flag(text, complaint(entry))))
			.orElse(fallback);
	}

	/**
	 * The single values under a field, without any checks or problems: for guessing where
	 * something unknown leads.
	 */
	public List<String> peek(String key) {
		this.asked.add(key);
		Entry entry = this.entries.get(key);
		if (entry == null) {
			return List.of();
		}
		List<Document> values = switch (entry.value()) {
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
	public static Optional<String> peek(Entry entry, String key) {
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
	public void reportUnknownFields() {
		for (Entry entry : this.entries.values()) {
			if (!this.asked.contains(entry.key())) {
				problem(entry,
						"unknown field" + DidYouMean.nearest(entry.key(), this.asked)
							.map((known) -> ", did you mean '" + known + "'?")
							.orElse(", expected one of " + String.join(", ", this.asked)));
			}
		}
	}

	/** A problem of the entry, at its line. */
	public void problem(Entry entry, String message) {
		this.problems.accept(new FieldProblem(entry.field(), entry.line(), message));
	}

	/** A problem of a field of this map, at its line, or this map's when it is absent. */
	public void problem(String key, String message) {
		Entry entry = this.entries.get(key);
		this.problems
			.accept(new FieldProblem(join(this.path, key), (entry != null) ? entry.line() : this.line, message));
	}

	/**
	 * How a value is shown in a problem: {@code a map}, {@code a list}, {@code 'text'}.
	 */
	public String describe(Document value) {
		return this.words.describe(value);
	}

	private Consumer<String> complaint(Entry entry) {
		return (message) -> problem(entry, message);
	}

	private static boolean isNull(Document value) {
		return value instanceof Scalar scalar && scalar.isNull();
	}

	private static String join(String path, String key) {
		return path.isEmpty() ? key : path + "." + key;
	}

}
