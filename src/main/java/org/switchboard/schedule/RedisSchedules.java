package org.switchboard.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import org.switchboard.redis.Keys;
import org.switchboard.redis.LuaScript;

/**
 * Schedules as JSON documents in Redis, keys under {@code sb:{site}:}:
 * {@code schedule:<CC>} the version in force, {@code schedule:<CC>:version} its number,
 * {@code schedule:<CC>:history} a list of every published version with who, when and
 * what, and the set of countries {@code schedules}. A publish is one Lua script
 * ({@code schedule/publish.lua}) that checks the version, so concurrent edits from any
 * instance cannot both win, and announces the change on channel {@code schedule-changes};
 * every instance turns that into a {@link ScheduleChanged} event. At start, each seed
 * file fills in a country Redis does not have yet, so an edit made later through the API
 * is never overwritten by a restart. A document is parsed once per text and kept until it
 * changes. A call reads its country's schedule twice (the IVR's open check, the routing
 * plan), so the one in force is read from Redis at most once every {@link #FRESH} per
 * country: a publish on any instance is heard at once on the channel and drops the copy,
 * and a message lost while the channel was down is made up for by that age limit and by
 * dropping every copy when the channel is back. While Redis is away the last copy read is
 * used.
 */
@Component
class RedisSchedules implements Schedules, ScheduleVersions, SmartLifecycle {

	private static final Logger audit = LoggerFactory.getLogger("org.switchboard.audit");

	private static final LuaScript PUBLISH = LuaScript.fromClasspath("schedule/publish.lua");

	private final UnifiedJedis redis;

	private final Keys keys;

	private final ScheduleSettings settings;

	private final ScheduleReader stored;

	private final ScheduleReader checked;

	private final Supplier<Set<String>> knownSkills;

	private final ScheduleWriter writer = new ScheduleWriter();

	private final ScheduleEvaluator evaluator;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();

	private final RedisScheduleHistory history;

	private final RedisScheduleChannel channel;

	private final ScheduleSeeds seeds;

	private volatile boolean running;

	/** How long a schedule read from Redis is used before it is read again. */
	static final Duration FRESH = Duration.ofSeconds(1);

	/** A country's schedule as last read (text and schedule null: none), and when. */
	private record Parsed(String text, CountrySchedule schedule, long readAt) {

	}

	RedisSchedules(UnifiedJedis redis, Keys keys, ScheduleSettings settings, Holidays holidays, SkillsInUse inUse,
			ApplicationEventPublisher events, Clock clock) {
		Supplier<Set<String>> knownSkills = ScheduleConfiguration.knownSkills(settings, inUse);
		this.redis = redis;
		this.keys = keys;
		this.settings = settings;
		this.stored = new ScheduleReader(holidays);
		this.checked = new ScheduleReader(holidays, knownSkills);
		this.knownSkills = knownSkills;
		this.evaluator = new ScheduleEvaluator(holidays);
		this.events = events;
		this.clock = clock;
		this.history = new RedisScheduleHistory(redis, keys, this.stored);
		this.channel = new RedisScheduleChannel(redis, keys, events, this.parsed::clear, this.parsed::remove);
		this.seeds = new ScheduleSeeds(settings.seedDir(), this::validate, (country) -> this.redis.exists(key(country)),
				(schedule) -> put(schedule, 0, "seed", Optional.empty()));
	}

	@Override
	public void start() {
		this.seeds.seed();
		this.running = true;
		this.channel.start();
	}

	@Override
	public void stop() {
		this.running = false;
		this.channel.stop();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public Optional<CountrySchedule> find(String country) {
		Parsed cached = this.parsed.get(country);
		if (cached != null && System.nanoTime() - cached.readAt() < FRESH.toNanos()) {
			return Optional.ofNullable(cached.schedule());
		}
		String text;
		try {
			text = this.redis.get(key(country));
		}
		catch (RuntimeException ex) {
			if (cached == null) {
				throw ex;
			}
			return Optional.ofNullable(cached.schedule());
		}
		long now = System.nanoTime();
		if (text == null) {
			this.parsed.put(country, new Parsed(null, null, now));
			return Optional.empty();
		}
		CountrySchedule schedule = (cached != null && text.equals(cached.text())) ? cached.schedule()
				: this.stored.read(text);
		this.parsed.put(country, new Parsed(text, schedule, now));
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

	@Override
	public OpeningHours openingHours(CountrySchedule schedule, Instant from, Instant to) {
		return this.evaluator.openingHours(schedule, from, to);
	}

	@Override
	public CountrySchedule validate(String document) {
		return this.checked.read(document);
	}

	@Override
	public ScheduleChange publish(CountrySchedule schedule, long expectedVersion, String by) {
		return put(schedule, expectedVersion, by, Optional.empty());
	}

	@Override
	public ScheduleChange revert(String country, long version, long expectedVersion, String by) {
		CountrySchedule old = version(country, version)
			.orElseThrow(() -> new NoSuchElementException("no version " + version + " of " + country));
		return put(old, expectedVersion, by, Optional.of(version));
	}

	@Override
	public List<ScheduleChange> history(String country) {
		return this.history.history(country);
	}

	@Override
	public Optional<CountrySchedule> version(String country, long version) {
		return this.history.version(country, version);
	}

	@Override
	public Set<String> knownSkills() {
		return this.knownSkills.get();
	}

	@Override
	public String toJson(CountrySchedule schedule) {
		return this.writer.toJson(schedule);
	}

	private ScheduleChange put(CountrySchedule schedule, long expectedVersion, String by, Optional<Long> revertedTo) {
		long next = expectedVersion + 1;
		CountrySchedule versioned = new CountrySchedule(schedule.country(), schedule.timeZone(), next,
				schedule.holidays(), schedule.specialDays(), schedule.windows(), schedule.quota(), schedule.overflow(),
				schedule.closedAction());
		String document = this.writer.toJson(versioned);
		this.parsed.remove(schedule.country());
		Optional<CountrySchedule> before = find(schedule.country());
		List<String> changed = before.map((old) -> JsonDiff.paths(this.writer.tree(old), this.writer.tree(versioned)))
			.orElse(List.of("everything: first version"));
		List<String> changes = before.map((old) -> ScheduleChanges.between(old, versioned))
			.orElse(List.of(ScheduleChange.FIRST));
		ScheduleChange change = new ScheduleChange(schedule.country(), next, this.clock.instant(), by, changes, changed,
				revertedTo);
		List<?> answer = (List<?>) PUBLISH.run(this.redis, List.of(this.keys.key("schedules")), this.keys.prefix(),
				Map.of("country", schedule.country(), "expectedVersion", Long.toString(expectedVersion), "document",
						document, "entry", RedisScheduleHistory.entry(change, document), "version",
						Long.toString(next)));
		this.parsed.remove(schedule.country());
		if ("stale".equals(answer.get(0))) {
			throw new StaleScheduleException(schedule.country(), expectedVersion,
					Long.parseLong((String) answer.get(1)));
		}
		audit.info("schedule {} version {} published by {}{}: {}", change.country(), change.version(), by,
				revertedTo.map((old) -> " (revert to version " + old + ")").orElse(""),
				changes.isEmpty() ? "no change" : String.join("; ", changes));
		return change;
	}

	private String key(String country) {
		return this.keys.key("schedule", country);
	}

}
