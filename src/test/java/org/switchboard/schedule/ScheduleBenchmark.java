package org.switchboard.schedule;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import redis.clients.jedis.JedisPooled;

import org.switchboard.redis.Keys;
import org.switchboard.redis.LuaScript;
import org.switchboard.redis.TestRedis;

/**
 * What deciding "open or closed, and why" costs for the shipped schedules
 * (config/schedules), at instants spread over a year so holidays, special days, overnight
 * windows and DST changes all come up; against, in the same run, the bare round trip of a
 * trivial Redis script and a trivial in-memory call. Run it as docs/performance.md says.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ScheduleBenchmark {

	/** Instants per schedule, one every 61 hours and 7 minutes from the start of 2026. */
	private static final int INSTANTS = 144;

	private final LuaScript trivial = new LuaScript("trivial", "return ARGV[1]");

	private final Keys keys = new Keys("schedule-benchmark");

	private final List<CountrySchedule> schedules = new ArrayList<>();

	private final List<Instant> instants = new ArrayList<>();

	private ScheduleEvaluator evaluator;

	private JedisPooled redis;

	private int next;

	@Setup
	public void setUp() throws IOException {
		Holidays holidays = new JollydayHolidays();
		ScheduleReader reader = new ScheduleReader(holidays);
		try (Stream<Path> files = Files.list(Path.of("config", "schedules"))) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".yml")).sorted().toList()) {
				this.schedules.add(reader.read(Files.readString(file)));
			}
		}
		Instant start = Instant.parse("2026-01-01T00:00:00Z");
		for (int i = 0; i < INSTANTS; i++) {
			this.instants.add(start.plusSeconds(i * (61L * 3600 + 7 * 60)));
		}
		this.evaluator = new ScheduleEvaluator(holidays);
		this.redis = new JedisPooled(URI.create(TestRedis.url()));
	}

	@TearDown
	public void tearDown() {
		this.redis.close();
	}

	/** One decision with its trace, for the next shipped schedule at the next instant. */
	@Benchmark
	public Object evaluateShippedSchedule() {
		int n = this.next++;
		CountrySchedule schedule = this.schedules.get(n % this.schedules.size());
		return this.evaluator.evaluate(schedule, this.instants.get((n / this.schedules.size()) % INSTANTS));
	}

	/** The Redis baseline: one EVALSHA of a script that does nothing, over loopback. */
	@Benchmark
	public Object redisEvalshaRoundTrip() {
		return this.trivial.run(this.redis, List.of(this.keys.key("x")), List.of("1"));
	}

	/**
	 * The trivial baseline: picking the arguments, as the evaluation does, and no more.
	 */
	@Benchmark
	public Object trivialPick() {
		int n = this.next++;
		return this.schedules.get(n % this.schedules.size()).country()
				+ this.instants.get((n / this.schedules.size()) % INSTANTS).getEpochSecond();
	}

}
