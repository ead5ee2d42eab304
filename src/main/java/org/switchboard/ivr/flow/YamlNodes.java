package org.switchboard.ivr.flow;

import java.io.StringReader;
import java.util.Optional;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import org.switchboard.ivr.flow.YamlMap.Entry;

/**
 * SnakeYAML's node graph without the field-by-field checks: composing a text into nodes,
 * and what a node says about itself (its line, whether it is null, its kind in words).
 */
final class YamlNodes {

	private YamlNodes() {
	}

	/**
	 * The top-level map of a YAML text as nodes; a text that is not YAML, or not a map,
	 * is a problem thrown at once since nothing else can be read.
	 */
	static MappingNode compose(String text, Problems problems) {
		Node document = null;
		try {
			document = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(text));
		}
		catch (MarkedYAMLException ex) {
			Mark mark = (ex.getProblemMark() != null) ? ex.getProblemMark() : ex.getContextMark();
			String context = (ex.getContext() != null) ? ex.getContext() + ", " : "";
			problems.add(null, null, (mark != null) ? mark.getLine() + 1 : 0,
					"not valid YAML: " + context + ex.getProblem());
		}
		catch (YAMLException ex) {
			problems.add(null, null, 0, "not valid YAML: " + ex.getMessage());
		}
		if (document == null && problems.count() == 0) {
			problems.add(null, null, 0, "empty: a flow needs at least lines, languages, start and nodes");
		}
		else if (document != null && !(document instanceof MappingNode)) {
			problems.add(null, null, lineOf(document), "expected a map of flow fields, got " + describe(document));
		}
		problems.throwIfAny();
		return (MappingNode) document;
	}

	/** The text of a field inside the entry's map, without any checks or problems. */
	static Optional<String> peek(Entry entry, String key) {
		if (entry.value() instanceof MappingNode map) {
			for (NodeTuple tuple : map.getValue()) {
				if (tuple.getKeyNode() instanceof ScalarNode name && name.getValue().equals(key)
						&& tuple.getValueNode() instanceof ScalarNode value) {
					return Optional.of(value.getValue().strip());
				}
			}
		}
		return Optional.empty();
	}

	static boolean isNull(Node value) {
		return value instanceof ScalarNode && Tag.NULL.equals(value.getTag());
	}

	static int lineOf(Node node) {
		return (node.getStartMark() != null) ? node.getStartMark().getLine() + 1 : 0;
	}

	static String describe(Node value) {
		return switch (value) {
			case MappingNode map -> "a map";
			case SequenceNode sequence -> "a list";
			case ScalarNode scalar -> isNull(scalar) ? "nothing" : "'" + scalar.getValue() + "'";
			default -> "'" + value + "'";
		};
	}

}
