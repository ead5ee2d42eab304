package org.switchboard.schedule;

import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JollydayHolidaysTest {

	@Test
	void holidaysAreKnownOnAThreadWhoseContextClassLoaderCannotSeeTheApplication() throws Exception {
		CompletableFuture<Boolean> christmas = new CompletableFuture<>();
		Thread thread = Thread.ofPlatform().unstarted(() -> {
			try {
				christmas.complete(new JollydayHolidays()
					.on(new HolidayRule("DE", Optional.of("BE"), true), LocalDate.of(2026, 12, 25))
					.isPresent());
			}
			catch (RuntimeException ex) {
				christmas.completeExceptionally(ex);
			}
		});
		// as on a thread a library started: its context class loader sees only the JDK
		thread.setContextClassLoader(ClassLoader.getPlatformClassLoader());
		thread.start();

		assertThat(christmas.get(30, TimeUnit.SECONDS)).isTrue();
	}

}
