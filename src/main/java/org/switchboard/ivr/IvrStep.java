package org.switchboard.ivr;

import java.time.Duration;

/**
 * One node the caller passed through.
 *
 * @param node the node id
 * @param input what the caller typed there, masked when the node is sensitive; empty if
 * nothing
 * @param outcome the event that left the node ({@code digit:1}, {@code failure}...) or
 * the end
 * @param tries how many times the node prompted
 * @param took how long the caller spent there
 */
public record IvrStep(String node, String input, String outcome, int tries, Duration took) {

}
