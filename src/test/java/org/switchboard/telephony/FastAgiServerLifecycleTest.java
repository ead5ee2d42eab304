package org.switchboard.telephony;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.switchboard.call.AgiScript;
import org.switchboard.fakeasterisk.AgiTranscript;
import org.switchboard.fakeasterisk.FakeAgi;
import org.switchboard.fakeasterisk.FakeAgiCall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/** Stopping an instance: no new sessions, running ones finish within the grace period. */
class FastAgiServerLifecycleTest {

	@Test
	void stoppingRefusesNewSessionsAndLetsRunningOnesFinish() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		AgiScript slow = AgiScript.of("slow", (call) -> {
			awaitQuietly(release);
			call.set("SB_NEXT", "hangup");
		});
		int port = org.switchboard.SwitchboardTest.Initializer.freePort();
		FastAgiServer server = new FastAgiServer(settings(port, Duration.ofSeconds(10)), List.of(slow),
				new SimpleMeterRegistry());
		server.start();
		FakeAgiCall running = FakeAgi.call("127.0.0.1", port, "slow").callerId("+4930123456").start();
		await().atMost(Duration.ofSeconds(5)).until(() -> server.activeSessions() == 1);

		CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::stop);
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> connect(port)));
		assertThat(stopping).isNotDone();

		release.countDown();
		AgiTranscript finished = running.awaitEnd(Duration.ofSeconds(5));
		stopping.get(5, TimeUnit.SECONDS);
		assertThat(finished.variable("SB_NEXT")).isEqualTo("hangup");
		assertThat(server.isRunning()).isFalse();
	}

	@Test
	void sessionsStillRunningAfterTheGracePeriodAreClosed() throws Exception {
		AgiScript stuck = AgiScript.of("stuck", (call) -> awaitQuietly(new CountDownLatch(1)));
		int port = org.switchboard.SwitchboardTest.Initializer.freePort();
		FastAgiServer server = new FastAgiServer(settings(port, Duration.ofMillis(300)), List.of(stuck),
				new SimpleMeterRegistry());
		server.start();
		FakeAgiCall running = FakeAgi.call("127.0.0.1", port, "stuck").callerId("+4930123456").start();
		await().atMost(Duration.ofSeconds(5)).until(() -> server.activeSessions() == 1);

		server.stop();

		assertThat(running.awaitEnd(Duration.ofSeconds(5)).closedByScript()).isTrue();
		await().atMost(Duration.ofSeconds(5)).until(() -> server.activeSessions() == 0);
	}

	@Test
	void twoScriptsWithOneNameAreRefusedAtStart() {
		AgiScript first = AgiScript.of("ivr", (call) -> {
		});
		AgiScript second = AgiScript.of("ivr", (call) -> {
		});

		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> new FastAgiServer(settings(4573, Duration.ofSeconds(1)), List.of(first, second),
					new SimpleMeterRegistry()))
			.withMessageContaining("two AGI scripts named 'ivr'");
	}

	private static AgiSettings settings(int port, Duration grace) {
		return new AgiSettings("127.0.0.1", port, List.of("127.0.0.1"), 100, Duration.ofMinutes(1), grace);
	}

	private static void connect(int port) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
		}
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
