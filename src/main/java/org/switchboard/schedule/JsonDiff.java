package org.switchboard.schedule;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The JSON paths where two schedule documents differ, for the history's "what changed".
 * The version is left out: it always changes.
 */
final class JsonDiff {

	private static final int MOST = 20;

	private JsonDiff() {
	}

	static List<String> paths(JsonNode before, JsonNode after) {
		List<String> paths = new ArrayList<>();
		diff("", before, after, paths);
		paths.remove("version");
		if (paths.size() > MOST) {
			int more = paths.size() - MOST;
			paths = new ArrayList<>(paths.subList(0, MOST));
			paths.add("and " + more + " more");
		}
		return paths.isEmpty() ? List.of("nothing") : paths;
	}

	private static void diff(String path, JsonNode before, JsonNode after, List<String> paths) {
		if (before == null || after == null || before.getNodeType() != after.getNodeType()) {
			paths.add(path);
		}
		else if (before.isObject()) {
			Set<String> names = new LinkedHashSet<>();
			before.fieldNames().forEachRemaining(names::add);
			after.fieldNames().forEachRemaining(names::add);
			for (String name : names) {
				diff(path.isEmpty() ? name : path + "." + name, before.get(name), after.get(name), paths);
			}
		}
		else if (before.isArray()) {
			if (before.size() != after.size()) {
				paths.add(path);
				return;
			}
			for (int i = 0; i < before.size(); i++) {
				diff(path + "[" + i + "]", before.get(i), after.get(i), paths);
			}
		}
		else if (!before.equals(after)) {
			paths.add(path);
		}
	}

}
