package org.switchboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import java.util.stream.Stream;

import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfiguration;

import org.switchboard.fakeasterisk.EventFilter;
import org.switchboard.fakeasterisk.FakeAsterisk;
import org.switchboard.redis.TestRedis;

/**
 * The whole of Switchboard as it runs in production, on a random HTTP port and a free
 * FastAGI port, wired to a real Redis and to the wire-level fake Asterisk (bean
 * {@code fakeAsterisk}). Every test class carrying it shares one application context; the
 * flows directory is a copy of the shipped examples plus the test flows, so tests may
 * change it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
@ContextConfiguration(initializers = SwitchboardTest.Initializer.class)
public @interface SwitchboardTest {

	String AMI_SECRET = "test-secret-" + UUID.randomUUID();

	/**
	 * The application's clock: it runs, but from a Monday morning in Europe, so the
	 * shipped schedules are open whenever the tests run.
	 */
	java.time.Clock OFFICE_HOURS = java.time.Clock.offset(java.time.Clock.systemUTC(),
			java.time.Duration.between(java.time.Instant.now(), java.time.Instant.parse("2026-11-23T10:00:00Z")));

	/** Starts the fake Asterisk once per JVM and points Switchboard at it. */
	class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		private static FakeAsterisk asterisk;

		static synchronized FakeAsterisk asterisk() {
			if (asterisk == null) {
				asterisk = FakeAsterisk.start("switchboard", AMI_SECRET);
				// as a real Asterisk with the shipped manager.conf: only the events
				// Switchboard uses
				asterisk.ami().eventFilter(EventFilter.shipped());
			}
			return asterisk;
		}

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			FakeAsterisk fake = asterisk();
			org.switchboard.fakeasterisk.AmiEvents.clock(OFFICE_HOURS);
			TestPropertyValues
				.of("switchboard.site=test-" + UUID.randomUUID().toString().substring(0, 8),
						"switchboard.redis.url=" + TestRedis.url(), "switchboard.agi.port=" + freePort(),
						"switchboard.ami.host=127.0.0.1", "switchboard.ami.port=" + fake.ami().port(),
						"switchboard.ami.username=switchboard", "switchboard.ami.secret=" + AMI_SECRET,
						"switchboard.ami.ping-interval=1s", "switchboard.ami.action-timeout=2s",
						"switchboard.ami.reconnect-initial-delay=100ms", "switchboard.ami.reconnect-max-delay=1s",
						"switchboard.callrecord.close-delay=300ms", "switchboard.callrecord.survey-lines=7999,7998",
						// due times the tests set in Redis themselves, as another
						// instance would
						"switchboard.routing.overflow-interval=1s", "switchboard.ivr.flows-dir=" + flowsDir())
				.and(TestUsers.properties())
				.applyTo(context);
			context.getBeanFactory().registerSingleton("fakeAsterisk", fake);
			context.getBeanFactory().registerSingleton("clock", OFFICE_HOURS);
			PublishedEvents events = new PublishedEvents();
			context.addApplicationListener(events);
			context.getBeanFactory().registerSingleton("publishedEvents", events);
		}

		private static Path flowsDir() {
			try {
				Path dir = Files.createTempDirectory("switchboard-flows");
				Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> deleteQuietly(dir)));
				for (Path source : new Path[] { Path.of("config/flows"), Path.of("src/test/resources/flows") }) {
					try (Stream<Path> files = Files.list(source)) {
						for (Path file : files.toList()) {
							Files.copy(file, dir.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
						}
					}
				}
				return dir;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		private static void deleteQuietly(Path dir) {
			try (Stream<Path> files = Files.walk(dir)) {
				files.sorted(java.util.Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
			}
			catch (IOException ex) {
				// a temporary directory left behind is harmless
			}
		}

		public static int freePort() {
			try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
				return socket.getLocalPort();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}
