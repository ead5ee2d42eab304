package org.switchboard.ivr;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A caller left the IVR. Attribute values of sensitive nodes are already masked here.
 *
 * @param callId the caller channel's Uniqueid
 * @param flow the flow's name
 * @param flowVersion the version the call ran (a reload mid-call does not change it)
 * @param language the language the caller ended in
 * @param country the caller's country, when known
 * @param attributes what the caller entered, by attribute name
 * @param path every node passed, in order
 * @param outcome how the caller left
 */
public record IvrCompleted(String callId, String flow, String flowVersion, String language, String country,
		Map<String, String> attributes, List<IvrStep> path, IvrOutcome outcome, Instant startedAt, Instant endedAt) {

	public IvrCompleted {
		attributes = Map.copyOf(attributes);
		path = List.copyOf(path);
	}

}
