package org.switchboard.common;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Work run when it is due: after a nudge, at the time a run asked for, at the safety
 * interval, and not otherwise.
 */
class DueWorkTest {

	/**
	 * A safety interval far longer than any wait here: a run well before it was due to
	 * what the test did, not to the interval.
	 */
	private static final Duration SAFETY = Duration.ofSeconds(30);

	private final Clock clock = Clock.systemUTC();

	private final List<Instant> runs = new CopyOnWriteArrayList<>();

	@Test
	void withNothingDueItRunsOnceAtStartAndThenNotAtAll() throws InterruptedException {
		try (DueWork work = new DueWork("test", Duration.ofMillis(50), null, this::nothingDue, this.clock).start()) {
			await().atMost(Duration.ofSeconds(5)).until(() -> this.runs.size() == 1);
			Thread.sleep(500);

			assertThat(this.runs).hasSize(1);
			assertThat(work.next()).isEmpty();
		}
	}

	@Test
	void aNudgeRunsItWithinTheBatchingDelayOnceForManyNudges() throws InterruptedException {
		try (DueWork work = new DueWork("test", Duration.ofMillis(200), SAFETY, this::nothingDue, this.clock).start()) {
			await().atMost(Duration.ofSeconds(5)).until(() -> this.runs.size() == 1);
			Instant nudged = this.clock.instant();
			for (int i = 0; i < 20; i++) {
				work.nudge();
			}
			await().atMost(Duration.ofSeconds(5)).until(() -> this.runs.size() == 2);
			Thread.sleep(400);

			assertThat(this.runs).hasSize(2);
			assertThat(this.runs.get(1)).isAfterOrEqualTo(nudged.plusMillis(200))
				.isBefore(nudged.plus(SAFETY).minusSeconds(20));
		}
	}

	@Test
	void aRunThatAnswersWhenTheNextIsDueIsRunAgainThenAndNotBefore() {
		Instant first = this.clock.instant();
		Instant asked = first.plusMillis(300);
		try (DueWork work = new DueWork("test", Duration.ofMillis(50), SAFETY,
				(now) -> run(now, this.runs.isEmpty() ? Optional.of(asked) : Optional.empty()), this.clock)
			.start()) {
			await().atMost(Duration.ofSeconds(5)).until(() -> this.runs.size() == 2);

			assertThat(this.runs.get(1)).isAfterOrEqualTo(asked).isBefore(first.plus(SAFETY).minusSeconds(20));
		}
	}

	@Test
	void workAlwaysDueRunsABatchAtATimeNotOverAndOver() {
		try (DueWork work = new DueWork("test", Duration.ofMillis(100), null, (now) -> run(now, Optional.of(now)),
				this.clock)
			.start()) {
			await().atMost(Duration.ofSeconds(5)).until(() -> this.runs.size() >= 4);

			for (int i = 1; i < 4; i++) {
				assertThat(Duration.between(this.runs.get(i - 1), this.runs.get(i)))
					.isGreaterThanOrEqualTo(Duration.ofMillis(100));
			}
		}
	}

	@Test
	void theSafetyIntervalRunsItWithNothingKnownDue() {
		try (DueWork work = new DueWork("test", Duration.ofMillis(50), Duration.ofMillis(200), this::nothingDue,
				this.clock)
			.start()) {
			await().atMost(Duration.ofSeconds(5)).until(() -> this.runs.size() >= 3);

			assertThat(Duration.between(this.runs.get(1), this.runs.get(2)))
				.isGreaterThanOrEqualTo(Duration.ofMillis(200))
				.isLessThan(Duration.ofSeconds(3));
		}
	}

	@Test
	void aFailedRunIsTriedAgainAndClosingStopsIt() throws InterruptedException {
		DueWork work = new DueWork("test", Duration.ofMillis(50), Duration.ofMillis(100), (now) -> {
			this.runs.add(now);
			throw new IllegalStateException("Redis away");
		}, this.clock).start();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.runs.size() >= 2);
		work.close();
		int after = this.runs.size();
		Thread.sleep(300);

		assertThat(this.runs).hasSize(after);
	}

	private Optional<Instant> nothingDue(Instant now) {
		return run(now, Optional.empty());
	}

	private Optional<Instant> run(Instant now, Optional<Instant> next) {
		this.runs.add(now);
		return next;
	}

}
