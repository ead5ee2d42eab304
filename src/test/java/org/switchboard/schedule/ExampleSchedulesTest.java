package org.switchboard.schedule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The schedules shipped in config/schedules read without problems and fit together. */
class ExampleSchedulesTest {

	private static final Path SCHEDULES = Path.of("config", "schedules");

	private static final Holidays holidays = new JollydayHolidays();

	private static final Map<String, CountrySchedule> schedules = new LinkedHashMap<>();

	@BeforeAll
	static void readEveryExample() throws IOException {
		ScheduleReader reader = new ScheduleReader(holidays);
		List<Path> files;
		try (Stream<Path> listed = Files.list(SCHEDULES)) {
			files = listed.filter((file) -> file.toString().endsWith(".yml")).sorted().toList();
		}
		for (Path file : files) {
			try {
				schedules.put(file.getFileName().toString(), reader.read(Files.readString(file)));
			}
			catch (InvalidScheduleException ex) {
				throw new AssertionError(file.getFileName() + ": " + ex.getMessage(), ex);
			}
		}
	}

	@Test
	void everyExampleScheduleReadsAndIsNamedAfterItsCountry() {
		assertThat(schedules).containsOnlyKeys("DE.yml", "FR.yml", "IN.yml", "PL.yml", "SA.yml", "US.yml");
		schedules.forEach((file, schedule) -> assertThat(file).isEqualTo(schedule.country() + ".yml"));
	}

	@Test
	void everyOverflowCountryHasASchedule() {
		for (CountrySchedule schedule : schedules.values()) {
			for (OverflowStep step : schedule.overflow()) {
				if (step instanceof OverflowStep.OtherCountry other) {
					assertThat(schedules).as(schedule.country() + " overflows to " + other.country())
						.containsKey(other.country() + ".yml");
				}
			}
		}
	}

	@Test
	void followingTheSunFromIndiaReachesSaudiArabiaWhileItIsOpen() {
		Instant mondayNoonInIndia = Instant.parse("2026-04-13T06:30:00Z");
		ScheduleEvaluator evaluator = new ScheduleEvaluator(holidays);

		assertThat(evaluator.evaluate(schedules.get("IN.yml"), mondayNoonInIndia).isOpen()).isTrue();
		assertThat(evaluator.evaluate(schedules.get("SA.yml"), mondayNoonInIndia).isOpen()).isTrue();
		assertThat(evaluator.evaluate(schedules.get("US.yml"), mondayNoonInIndia).isOpen()).isFalse();
	}

	@Test
	void everyExampleReadsBackTheSameAfterWriting() {
		ScheduleReader reader = new ScheduleReader(holidays);
		ScheduleWriter writer = new ScheduleWriter();

		schedules.values().forEach((schedule) -> assertThat(reader.read(writer.toJson(schedule))).isEqualTo(schedule));
	}

}
