package org.switchboard.schedule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPubSub;
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

	private static final Logger log = LoggerFactory.getLogger(RedisSchedules.class);

	private static final Logger audit = LoggerFactory.getLogger("org.switchboard.audit");

	private static final LuaScript PUBLISH = LuaScript.fromClasspath("schedule/publish.lua");

	private static final ObjectMapper JSON = new ObjectMapper();

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

	private volatile boolean running;

	private volatile JedisPubSub subscription;

	private final java.util.concurrent.CountDownLatch subscribed = new java.util.concurrent.CountDownLatch(1);

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
	}

	@Override
	public void start() {
		seed();
		this.running = true;
		subscribe();
		// changes published before the subscription stands would go unheard
		try {
			if (!this.subscribed.await(5, java.util.concurrent.TimeUnit.SECONDS)) {
				log.warn("Schedule change channel not subscribed after 5s; listening goes on trying");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void stop() {
		this.running = false;
		JedisPubSub listening = this.subscription;
		if (listening != null && listening.isSubscribed()) {
			listening.unsubscribe();
		}
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

	/**
	 * Every version with its changes in words, worked out from the documents of each two
	 * versions in a row, so versions published before the words existed get them too.
	 */
	@Override
	public List<ScheduleChange> history(String country) {
		List<ScheduleChange> changes = new ArrayList<>();
		Optional<CountrySchedule> before = Optional.empty();
		for (JsonNode entry : entries(country)) {
			Optional<CountrySchedule> document = readable(country, entry);
			List<String> changed = paths(entry);
			List<String> words = changes.isEmpty() ? List.of(ScheduleChange.FIRST)
					: before.isPresent() && document.isPresent() ? ScheduleChanges.between(before.get(), document.get())
							: changed;
			changes.add(change(country, entry, words, changed));
			before = document;
		}
		Collections.reverse(changes);
		return changes;
	}

	@Override
	public Optional<CountrySchedule> version(String country, long version) {
		return entries(country).stream()
			.filter((entry) -> entry.path("version").asLong() == version)
			.findFirst()
			.map((entry) -> this.stored.read(entry.path("document").asText()));
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
						document, "entry", entry(change, document), "version", Long.toString(next)));
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

	private List<JsonNode> entries(String country) {
		return this.redis.lrange(key(country) + ":history", 0, -1).stream().map(RedisSchedules::tree).toList();
	}

	private static String entry(ScheduleChange change, String document) {
		ObjectNode entry = JSON.createObjectNode();
		entry.put("version", change.version());
		entry.put("at", change.at().toString());
		entry.put("by", change.by());
		change.changed().forEach(entry.putArray("changed")::add);
		change.revertedTo().ifPresent((old) -> entry.put("revertedTo", old));
		entry.put("document", document);
		return entry.toString();
	}

	private static ScheduleChange change(String country, JsonNode entry, List<String> changes, List<String> changed) {
		return new ScheduleChange(country, entry.path("version").asLong(), Instant.parse(entry.path("at").asText()),
				entry.path("by").asText(), changes, changed,
				entry.has("revertedTo") ? Optional.of(entry.get("revertedTo").asLong()) : Optional.empty());
	}

	private static List<String> paths(JsonNode entry) {
		List<String> changed = new ArrayList<>();
		entry.path("changed").forEach((path) -> changed.add(path.asText()));
		return changed;
	}

	/**
	 * The document of a history entry; empty, with a warning, if today's reader refuses
	 * it (a holiday calendar since dropped), so the history still shows its JSON paths.
	 */
	private Optional<CountrySchedule> readable(String country, JsonNode entry) {
		try {
			return Optional.of(this.stored.read(entry.path("document").asText()));
		}
		catch (InvalidScheduleException ex) {
			log.warn("Version {} of {}'s schedule is no longer readable: {}", entry.path("version").asLong(), country,
					ex.problems());
			return Optional.empty();
		}
	}

	private static JsonNode tree(String text) {
		try {
			return JSON.readTree(text);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("unreadable schedule history entry in Redis", ex);
		}
	}

	/**
	 * Hears every instance's publishes on a thread of its own and says so in-process;
	 * reconnects when the link drops.
	 */
	private void subscribe() {
		String channel = this.keys.prefix() + "schedule-changes";
		Thread.ofVirtual().name("schedule-changes").start(() -> {
			while (true) {
				JedisPubSub listener = new RedisChangeListener();
				this.subscription = listener;
				try {
					this.redis.subscribe(listener, channel);
				}
				catch (RuntimeException ex) {
					log.warn("Schedule change channel lost, listening again in 1s: {}", ex.toString());
				}
				if (!this.running && this.subscription == listener && !listener.isSubscribed()) {
					return;
				}
				sleep(Duration.ofSeconds(1));
			}
		});
	}

	/** Turns {@code <CC> <version>} messages into {@link ScheduleChanged} events. */
	private final class RedisChangeListener extends JedisPubSub {

		@Override
		public void onSubscribe(String channel, int subscribedChannels) {
			// what was published while the channel was down went unheard
			RedisSchedules.this.parsed.clear();
			RedisSchedules.this.subscribed.countDown();
		}

		@Override
		public void onMessage(String channel, String message) {
			String[] parts = message.split(" ", 2);
			RedisSchedules.this.parsed.remove(parts[0]);
			RedisSchedules.this.events.publishEvent(new ScheduleChanged(parts[0], Long.parseLong(parts[1])));
		}

	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
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
			schedule = this.checked.read(Files.readString(file));
		}
		catch (InvalidScheduleException ex) {
			log.error("Schedule seed {} is invalid and was not loaded: {}", file.getFileName(), ex.problems());
			return;
		}
		if (this.redis.exists(key(schedule.country()))) {
			return;
		}
		try {
			put(schedule, 0, "seed", Optional.empty());
			log.info("Schedule of {} seeded from {}", schedule.country(), file.getFileName());
		}
		catch (StaleScheduleException ex) {
			// another instance seeded it first
		}
	}

	private String key(String country) {
		return this.keys.key("schedule", country);
	}

}
