package org.switchboard.ivr.flow;

import java.util.List;
import java.util.Map;

/**
 * A validated IVR flow: the lines it answers, the languages it speaks and its nodes.
 *
 * @param name the flow's name (its file name without extension)
 * @param lines dialled numbers it answers; a trailing {@code *} matches any rest
 * @param languages the languages every prompt must exist in
 * @param fallbackLanguage what callers in other languages hear
 * @param start the first node
 * @param nodes every node by id
 * @param prompts the named prompts, so that a test call can say which one it plays
 * @param source where it was read from, for messages
 * @param version a hash of its content, so a call can tell which version it ran
 */
public record Flow(String name, List<String> lines, List<String> languages, String fallbackLanguage, String start,
		Map<String, Node> nodes, Map<String, Prompt> prompts, String source, String version) {

	public Flow {
		lines = List.copyOf(lines);
		languages = List.copyOf(languages);
		nodes = Map.copyOf(nodes);
		prompts = Map.copyOf(prompts);
	}

	public Node node(String id) {
		Node node = this.nodes.get(id);
		if (node == null) {
			throw new IllegalArgumentException("flow " + this.name + " has no node '" + id + "'");
		}
		return node;
	}

	/** Whether this flow answers the dialled number. */
	public boolean answers(String dialled) {
		return this.lines.stream()
			.anyMatch((line) -> line.endsWith("*") ? dialled.startsWith(line.substring(0, line.length() - 1))
					: line.equals(dialled));
	}

}
