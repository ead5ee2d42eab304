package org.switchboard;

/**
 * The jar's entry point: on a Java older than Switchboard needs it says so plainly, which
 * Java runs and how to start another, where Java would fail with a bare
 * UnsupportedClassVersionError. It alone is compiled for Java 17, the oldest that Spring
 * Boot's own launcher runs on.
 */
public final class Launcher {

	static final int JAVA_NEEDED = 21;

	private Launcher() {
	}

	public static void main(String[] args) {
		if (Runtime.version().feature() < JAVA_NEEDED) {
			System.err.printf(
					"Switchboard needs Java %d or newer, but this is Java %s at %s.%n"
							+ "Start it with a Java %d or newer: /path/to/jdk-%d/bin/java -jar <this jar>, "
							+ "or put that Java first on the PATH.%n",
					JAVA_NEEDED, Runtime.version(), System.getProperty("java.home"), JAVA_NEEDED, JAVA_NEEDED);
			System.exit(1);
		}
		SwitchboardApplication.main(args);
	}

}
