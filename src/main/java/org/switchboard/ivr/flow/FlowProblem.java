package org.switchboard.ivr.flow;

/**
 * One mistake in a flow file, placed as precisely as the reader could: the file, the node
 * and field it is in, and the line.
 *
 * @param file the file the flow was read from
 * @param node the node's id, or {@code null} for the flow's own fields
 * @param field the field, dotted for nested ones like {@code options.7}, or {@code null}
 * @param line the line, counted from 1, or 0 if unknown
 * @param message what is wrong, with the offending value
 */
public record FlowProblem(String file, String node, String field, int line, String message) {

	/**
	 * Reads like
	 * {@code support.yml:42: node 'main', field 'options.7': unknown target 'billingg'}.
	 */
	@Override
	public String toString() {
		StringBuilder text = new StringBuilder(this.file);
		if (this.line > 0) {
			text.append(':').append(this.line);
		}
		text.append(": ");
		if (this.node != null) {
			text.append("node '").append(this.node).append("'");
		}
		if (this.field != null) {
			text.append((this.node != null) ? ", " : "").append("field '").append(this.field).append("'");
		}
		if (this.node != null || this.field != null) {
			text.append(": ");
		}
		return text.append(this.message).toString();
	}

}
