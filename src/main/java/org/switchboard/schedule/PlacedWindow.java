package org.switchboard.schedule;

/** A window read in place, with the path that names it in problems. */
record PlacedWindow(String path, Window window) {

}
