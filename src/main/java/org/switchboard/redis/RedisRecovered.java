package org.switchboard.redis;

import java.time.Duration;
import java.time.Instant;

/**
 * Redis answers again after it did not: what was changed meanwhile (an agent's hang-up, a
 * caller leaving the line) may not have been stored, so the state is worth healing.
 *
 * @param at when it answered again
 * @param down how long it had not answered, as far as the watch saw
 */
public record RedisRecovered(Instant at, Duration down) {

}
