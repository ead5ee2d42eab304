package org.switchboard.schedule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import org.switchboard.redis.Keys;

/**
 * Schedules as JSON documents in Redis: {@code sb:{site}:schedule:<CC>}, and the set of
 * countries {@code sb:{site}:schedules}. At start, each seed file fills in a country
 * Redis does not have yet (SET NX), so an edit made later through the API is never
 * overwritten by a restart. A document is parsed once per text and kept until it changes.
 */
@Component
class RedisSchedules implements Schedules, SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(RedisSchedules.class);

	private final UnifiedJedis redis;

	private final Keys keys;

	private final ScheduleSettings settings;

	private final ScheduleReader reader;

	private final ScheduleWriter writer = new ScheduleWriter();

	private final ScheduleEvaluator evaluator;

	private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();

	private volatile boolean running;

	private record Parsed(String text, CountrySchedule schedule) {

	}

	RedisSchedules(UnifiedJedis redis, Keys keys, ScheduleSettings settings, Holidays holidays) {
		this.redis = redis;
		this.keys = keys;
		this.settings = settings;
		this.reader = new ScheduleReader(holidays);
		this.evaluator = new ScheduleEvaluator(holidays);
	}

	@Override
	public void start() {
		seed();
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public Optional<CountrySchedule> find(String country) {
		String text = this.redis.get(key(country));
		if (text == null) {
			return Optional.empty();
		}
		Parsed cached = this.parsed.get(country);
		if (cached != null && cached.text().equals(text)) {
			return Optional.of(cached.schedule());
		}
		CountrySchedule schedule = this.reader.read(text);
		this.parsed.put(country, new Parsed(text, schedule));
		return Optional.of(schedule);
	}

	@Override
	public List<CountrySchedule> all() {
		return this.redis.smembers(this.keys.key("schedules"))
			.stream()
			.sorted()
			.map(this::find)
			.flatMap(Optional::stream)
			.toList();
	}

	@Override
	public Optional<ScheduleDecision> decide(String country, Instant at) {
		return find(country).map((schedule) -> decide(schedule, at));
	}

	@Override
	public ScheduleDecision decide(CountrySchedule schedule, Instant at) {
		return this.evaluator.evaluate(schedule, at);
	}

	private void seed() {
		Path dir = this.settings.seedDir();
		if (!Files.isDirectory(dir)) {
			log.warn("No schedule seeds at {}", dir.toAbsolutePath().normalize());
			return;
		}
		try (Stream<Path> files = Files.list(dir)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".yml")).sorted().toList()) {
				seed(file);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot list " + dir, ex);
		}
	}

	private void seed(Path file) throws IOException {
		CountrySchedule schedule;
		try {
			schedule = this.reader.read(Files.readString(file));
		}
		catch (InvalidScheduleException ex) {
			log.error("Schedule seed {} is invalid and was not loaded: {}", file.getFileName(), ex.problems());
			return;
		}
		boolean added = "OK"
			.equals(this.redis.set(key(schedule.country()), this.writer.toJson(schedule), SetParams.setParams().nx()));
		this.redis.sadd(this.keys.key("schedules"), schedule.country());
		if (added) {
			log.info("Schedule of {} seeded from {}", schedule.country(), file.getFileName());
		}
	}

	private String key(String country) {
		return this.keys.key("schedule", country);
	}

}
