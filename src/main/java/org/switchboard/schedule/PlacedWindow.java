package org.switchboard.schedule;

/** A window read in place, with the path and line that name it in problems. */
record PlacedWindow(String field, int line, Window window) {

}
