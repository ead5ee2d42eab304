package org.switchboard.schedule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills in, at start, each country of the seed directory that Redis does not have yet, so
 * that an edit made later through the API is never overwritten by a restart.
 */
class ScheduleSeeds {

	private static final Logger log = LoggerFactory.getLogger(RedisSchedules.class);

	private final Path dir;

	private final Function<String, CountrySchedule> validate;

	private final Predicate<String> stored;

	private final Consumer<CountrySchedule> publishFirst;

	/**
	 * Seeds from {@code dir}, each file validated, skipped if its country is stored, else
	 * published as the first version (which throws StaleScheduleException if another
	 * instance was first).
	 */
	ScheduleSeeds(Path dir, Function<String, CountrySchedule> validate, Predicate<String> stored,
			Consumer<CountrySchedule> publishFirst) {
		this.dir = dir;
		this.validate = validate;
		this.stored = stored;
		this.publishFirst = publishFirst;
	}

	void seed() {
		if (!Files.isDirectory(this.dir)) {
			log.warn("No schedule seeds at {}", this.dir.toAbsolutePath().normalize());
			return;
		}
		try (Stream<Path> files = Files.list(this.dir)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".yml")).sorted().toList()) {
				seed(file);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot list " + this.dir, ex);
		}
	}

	private void seed(Path file) throws IOException {
		CountrySchedule schedule;
		try {
			schedule = this.validate.apply(Files.readString(file));
		}
		catch (InvalidScheduleException ex) {
			log.error("Schedule seed {} is invalid and was not loaded: {}", file.getFileName(), ex.problems());
			return;
		}
		if (this.stored.test(schedule.country())) {
			return;
		}
		try {
			this.publishFirst.accept(schedule);
			log.info("Schedule of {} seeded from {}", schedule.country(), file.getFileName());
		}
		catch (StaleScheduleException ex) {
			// another instance seeded it first
		}
	}

}
