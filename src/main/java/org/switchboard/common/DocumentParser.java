package org.switchboard.common;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.Mark;
import com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.MarkedYAMLException;

import org.switchboard.common.Document.Kind;
import org.switchboard.common.Document.Mapping;
import org.switchboard.common.Document.Pair;
import org.switchboard.common.Document.Scalar;
import org.switchboard.common.Document.Sequence;
import org.switchboard.common.Document.Unreadable;

/** Jackson's streaming parser, JSON or YAML, turned into a {@link Document}. */
final class DocumentParser {

	private static final YAMLFactory YAML = YAMLFactory.builder()
		.enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
		.build();

	private static final JsonFactory JSON = JsonFactory.builder().build();

	private final boolean strict;

	private final Map<String, Document> anchors = new HashMap<>();

	private DocumentParser(boolean strict) {
		this.strict = strict;
	}

	static Document parse(String text, boolean json, boolean strict) throws Unreadable {
		try (JsonParser parser = (json ? JSON : YAML).createParser(text)) {
			if (parser.nextToken() == null) {
				return null;
			}
			Document root = new DocumentParser(strict).read(parser);
			if (parser.nextToken() != null) {
				// a second document would otherwise be ignored without a word
				int line = parser.currentTokenLocation().getLineNr();
				throw json ? new Unreadable("more than one value at the top", line)
						: new Unreadable("expected a single document in the stream, but found another document",
								documentStart(text, line));
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
			String message = (!json && ex.getOriginalMessage().startsWith("Expected a field name"))
					? "a key is not a single value" : ex.getOriginalMessage();
			JsonLocation where = ex.getLocation();
			throw new Unreadable(message, (where != null) ? where.getLineNr() : 0);
		}
		catch (IOException ex) {
			throw new Unreadable(ex.getMessage(), 0);
		}
	}

	private Document read(JsonParser parser) throws IOException {
		int line = parser.currentTokenLocation().getLineNr();
		String anchor = null;
		if (parser instanceof YAMLParser yaml) {
			anchor = yaml.getCurrentAnchor();
			if (yaml.isCurrentAlias()) {
				Document anchored = this.anchors.get(parser.getText());
				if (anchored == null) {
					throw new Unreadable("found undefined alias " + parser.getText(), line);
				}
				return anchored;
			}
		}
		Document value = switch (parser.currentToken()) {
			case START_OBJECT -> mapping(parser, line);
			case START_ARRAY -> {
				List<Document> items = new ArrayList<>();
				while (parser.nextToken() != JsonToken.END_ARRAY) {
					items.add(read(parser));
				}
				yield new Sequence(items, line);
			}
			case VALUE_NULL -> new Scalar(parser.getText(), Kind.NULL, line);
			case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new Scalar(parser.getText(), Kind.NUMBER, line);
			case VALUE_TRUE, VALUE_FALSE -> new Scalar(parser.getText(), Kind.FLAG, line);
			default -> new Scalar(parser.getText(), Kind.TEXT, line);
		};
		if (anchor != null) {
			this.anchors.put(anchor, value);
		}
		return value;
	}

	private Mapping mapping(JsonParser parser, int line) throws IOException {
		List<Pair> pairs = new ArrayList<>();
		while (parser.nextToken() == JsonToken.FIELD_NAME) {
			String key = parser.currentName();
			int keyLine = parser.currentTokenLocation().getLineNr();
			if (this.strict && pairs.stream().anyMatch((pair) -> pair.key().equals(key))) {
				throw new Unreadable("Duplicate field '" + key + "'", keyLine);
			}
			parser.nextToken();
			pairs.add(new Pair(key, keyLine, read(parser)));
		}
		return new Mapping(pairs, line);
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
