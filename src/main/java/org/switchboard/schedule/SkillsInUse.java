package org.switchboard.schedule;

import java.util.Set;

/**
 * The skills and languages people on the line have, which a schedule may require besides
 * {@code switchboard.schedule.skills}. The feature that keeps them provides it, so the
 * schedule does not depend on who that is.
 */
@FunctionalInterface
public interface SkillsInUse {

	/** Every skill or language name in use now, read afresh on each call. */
	Set<String> skills();

}
