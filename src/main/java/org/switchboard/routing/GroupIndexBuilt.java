package org.switchboard.routing;

/**
 * The ready index of a group of needs ({@code billing=2,de=3}) is built: its waiting
 * calls may take the agents who were ready while it was built.
 */
record GroupIndexBuilt(String group) {

}
