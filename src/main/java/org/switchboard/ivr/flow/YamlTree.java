package org.switchboard.ivr.flow;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.Mark;
import com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A YAML document as a tree that keeps the line of every key and value, and every
 * duplicate key, read with Jackson's YAML parser: a tree of {@code JsonNode}s would drop
 * both. An alias stands for the value of its anchor, as in YAML itself.
 */
sealed interface YamlTree {

	/** Where the value starts, counted from 1. */
	int line();

	/**
	 * A single value as written; {@code isNull} for {@code ~}, {@code null} or nothing.
	 */
	record Scalar(String text, boolean isNull, int line) implements YamlTree {

	}

	/** A map, every key kept in file order, twice if written twice. */
	record Mapping(List<Pair> pairs, int line) implements YamlTree {

	}

	/** One key of a map with its value. */
	record Pair(String key, int line, YamlTree value) {

	}

	/** A list. */
	record Sequence(List<YamlTree> items, int line) implements YamlTree {

	}

	/**
	 * YAML that cannot be read, with the line where the parser gave up (0 if unknown).
	 */
	final class Unreadable extends IOException {

		private final int line;

		Unreadable(String message, int line) {
			super(message);
			this.line = line;
		}

		int line() {
			return this.line;
		}

	}

	YAMLFactory FACTORY = YAMLFactory.builder().build();

	/** The document's root, or {@code null} for a text without any value. */
	static YamlTree parse(String text) throws Unreadable {
		try (JsonParser parser = FACTORY.createParser(text)) {
			if (parser.nextToken() == null) {
				return null;
			}
			YamlTree root = read((YAMLParser) parser, new HashMap<>());
			if (parser.nextToken() != null) {
				// a second document would otherwise be ignored without a word
				throw new Unreadable("expected a single document in the stream, but found another document",
						documentStart(text, parser.currentTokenLocation().getLineNr()));
			}
			return root;
		}
		catch (Unreadable ex) {
			throw ex;
		}
		catch (MarkedYAMLException ex) {
			Mark mark = (ex.getProblemMark() != null) ? ex.getProblemMark() : ex.getContextMark();
			String context = (ex.getContext() != null) ? ex.getContext() + ", " : "";
			throw new Unreadable(context + ex.getProblem(), (mark != null) ? mark.getLine() + 1 : 0);
		}
		catch (JsonProcessingException ex) {
			// the parser's own refusals, like a key that is a list or a map
			String message = ex.getOriginalMessage().startsWith("Expected a field name") ? "a key is not a single value"
					: ex.getOriginalMessage();
			JsonLocation where = ex.getLocation();
			throw new Unreadable(message, (where != null) ? where.getLineNr() : 0);
		}
		catch (IOException ex) {
			throw new Unreadable(ex.getMessage(), 0);
		}
	}

	private static YamlTree read(YAMLParser parser, Map<String, YamlTree> anchors) throws IOException {
		int line = parser.currentTokenLocation().getLineNr();
		String anchor = parser.getCurrentAnchor();
		if (parser.isCurrentAlias()) {
			YamlTree anchored = anchors.get(parser.getText());
			if (anchored == null) {
				throw new Unreadable("found undefined alias " + parser.getText(), line);
			}
			return anchored;
		}
		YamlTree value = switch (parser.currentToken()) {
			case START_OBJECT -> {
				List<Pair> pairs = new ArrayList<>();
				while (parser.nextToken() == JsonToken.FIELD_NAME) {
					String key = parser.currentName();
					int keyLine = parser.currentTokenLocation().getLineNr();
					parser.nextToken();
					pairs.add(new Pair(key, keyLine, read(parser, anchors)));
				}
				yield new Mapping(pairs, line);
			}
			case START_ARRAY -> {
				List<YamlTree> items = new ArrayList<>();
				while (parser.nextToken() != JsonToken.END_ARRAY) {
					items.add(read(parser, anchors));
				}
				yield new Sequence(items, line);
			}
			case VALUE_NULL -> new Scalar(parser.getText(), true, line);
			default -> new Scalar(parser.getText(), false, line);
		};
		if (anchor != null) {
			anchors.put(anchor, value);
		}
		return value;
	}

	/**
	 * The line of the {@code ---} that starts the document whose first value is at
	 * {@code valueLine}: the parser passes over document markers without a location.
	 */
	private static int documentStart(String text, int valueLine) {
		List<String> lines = text.lines().toList();
		for (int i = Math.min(valueLine, lines.size()) - 1; i >= 0; i--) {
			if (lines.get(i).startsWith("---")) {
				return i + 1;
			}
		}
		return valueLine;
	}

}
