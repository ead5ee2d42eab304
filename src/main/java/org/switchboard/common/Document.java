package org.switchboard.common;

import java.io.IOException;
import java.util.List;

/**
 * A JSON or YAML document as a tree that keeps the line of every key and value, and every
 * duplicate key: a tree of Jackson's {@code JsonNode}s would drop both. An alias stands
 * for the value of its anchor, as in YAML itself. {@link Fields} reads it field by field.
 */
public sealed interface Document {

	/** Where the value starts, counted from 1. */
	int line();

	/** What a single value was written as. */
	enum Kind {

		/** Text, quoted or not. */
		TEXT,
		/** A number without quotes. */
		NUMBER,
		/** {@code true} or {@code false} without quotes. */
		FLAG,
		/** {@code ~}, {@code null} or nothing. */
		NULL

	}

	/** How problems name a map, and what a list stands for where a map is not wanted. */
	enum Words {

		/** Flows: a map, and one value or a list. */
		MAP("a map", "one value or a list"),
		/** Documents that are JSON at heart: an object, and a list. */
		OBJECT("an object", "a list");

		private final String map;

		private final String list;

		Words(String map, String list) {
			this.map = map;
			this.list = list;
		}

		String map() {
			return this.map;
		}

		String list() {
			return this.list;
		}

		/**
		 * How a value is shown in a problem: {@code a map}, {@code a list},
		 * {@code 'text'}.
		 */
		public String describe(Document value) {
			return switch (value) {
				case Mapping map -> this.map;
				case Sequence sequence -> "a list";
				case Scalar scalar -> scalar.isNull() ? "nothing" : "'" + scalar.text() + "'";
			};
		}

	}

	/** A single value as written. */
	record Scalar(String text, Kind kind, int line) implements Document {

		public boolean isNull() {
			return this.kind == Kind.NULL;
		}

	}

	/** A map, every key kept in the order written, twice if written twice. */
	record Mapping(List<Pair> pairs, int line) implements Document {

	}

	/** One key of a map with its value. */
	record Pair(String key, int line, Document value) {

	}

	/** A list. */
	record Sequence(List<Document> items, int line) implements Document {

	}

	/**
	 * A text that cannot be read, with the line where the parser gave up (0 if unknown).
	 */
	final class Unreadable extends IOException {

		private final int line;

		Unreadable(String message, int line) {
			super(message);
			this.line = line;
		}

		public int line() {
			return this.line;
		}

	}

	/**
	 * The root of a YAML text, or {@code null} for a text without any value; YAML's
	 * yes/no/on/off stay text.
	 * @param strict whether a key written twice makes the text unreadable, rather than
	 * being kept twice for {@link Fields} to report
	 */
	static Document yaml(String text, boolean strict) throws Unreadable {
		return DocumentParser.parse(text, false, strict);
	}

	/** The root of a JSON text, or {@code null} for a text without any value. */
	static Document json(String text, boolean strict) throws Unreadable {
		return DocumentParser.parse(text, true, strict);
	}

}
