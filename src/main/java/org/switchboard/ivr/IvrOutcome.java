package org.switchboard.ivr;

import java.util.Map;

/** How a caller left the IVR. */
public sealed interface IvrOutcome {

	/** Wants an agent with these skills (name → minimum level 1–5). */
	record Routed(Map<String, Integer> skills, String queue, int priority) implements IvrOutcome {

		public Routed {
			skills = Map.copyOf(skills);
		}

	}

	/** Leaves a message. */
	record ToVoicemail(String mailbox) implements IvrOutcome {

	}

	/** Asked to be called back. */
	record CallbackRequested(Map<String, Integer> skills, String queue) implements IvrOutcome {

		public CallbackRequested {
			skills = Map.copyOf(skills);
		}

	}

	/** Served by the IVR alone (self-service) and said goodbye. */
	record SelfServed() implements IvrOutcome {

	}

	/** Hung up (or was moved away) while still in the IVR, at this node. */
	record Abandoned(String node) implements IvrOutcome {

	}

	/** The IVR could not go on (endless input, a broken flow, no flow for the line). */
	record Failed(String node, String reason) implements IvrOutcome {

	}

}
