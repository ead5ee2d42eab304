package org.switchboard.ivr.flow;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a flow file declares, for checking what its nodes refer to.
 *
 * @param nodes every node id in the file
 * @param languages the flow's languages
 * @param prompts the named prompts that read without problems
 * @param promptNames every named prompt, including those with problems
 * @param attributes the call attributes the file's collect nodes store
 */
record Declarations(Set<String> nodes, List<String> languages, Map<String, Prompt> prompts, Set<String> promptNames,
		Set<String> attributes) {

}
