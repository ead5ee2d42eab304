package org.switchboard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The packaged jar started as a user would, {@code java -jar}, with a Java older than
 * Switchboard needs: the Java 17 that some machines have as their default.
 */
class JarOnOldJavaIT {

	@Test
	void onJava17TheJarSaysWhichJavaItNeedsInsteadOfAStackTrace() throws Exception {
		Optional<Path> java = olderJava();
		assumeTrue(java.isPresent(), "no Java 17 to 20 under /usr/lib/jvm to run the jar with");
		Process started = new ProcessBuilder(java.get().toString(), "-jar", jar().toString()).redirectErrorStream(true)
			.start();
		String said = new String(started.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

		assertThat(started.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(started.exitValue()).isEqualTo(1);
		assertThat(said).contains("Switchboard needs Java 21 or newer, but this is Java ")
			.contains("/bin/java -jar")
			.doesNotContain("UnsupportedClassVersionError")
			.doesNotContain("\tat ");
	}

	/** The jar {@code package} built, not the plain one the Boot plugin keeps aside. */
	private static Path jar() throws IOException {
		try (Stream<Path> files = Files.list(Path.of("target"))) {
			List<Path> jars = files.filter((file) -> file.getFileName().toString().matches("switchboard-.*\\.jar"))
				.toList();
			assertThat(jars).as("the packaged jar in target/").hasSize(1);
			return jars.get(0);
		}
	}

	/** A JDK or JRE of major version 17 to 20, by the release file of each. */
	private static Optional<Path> olderJava() throws IOException {
		Path jvms = Path.of("/usr/lib/jvm");
		if (!Files.isDirectory(jvms)) {
			return Optional.empty();
		}
		try (Stream<Path> homes = Files.list(jvms)) {
			return homes.filter((home) -> Files.isExecutable(home.resolve("bin/java")))
				.filter((home) -> major(home.resolve("release")).filter((major) -> major >= 17 && major < 21)
					.isPresent())
				.map((home) -> home.resolve("bin/java"))
				.findFirst();
		}
	}

	private static Optional<Integer> major(Path release) {
		try {
			return Files.readAllLines(release)
				.stream()
				.filter((line) -> line.startsWith("JAVA_VERSION="))
				.map((line) -> line.substring("JAVA_VERSION=".length()).replace("\"", ""))
				.map((version) -> Integer.parseInt(version.split("[.+-]")[0]))
				.findFirst();
		}
		catch (IOException | NumberFormatException ex) {
			return Optional.empty();
		}
	}

}
