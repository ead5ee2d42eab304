package org.switchboard.routing;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.HdrHistogram.Histogram;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Protocol;

import org.switchboard.redis.LuaScript;
import org.switchboard.redis.TestRedis;

/**
 * A claim alone against the bare {@code EVALSHA} round trip, timed interleaved in one
 * run: one round trip of a script that does nothing, then one claim, then the claimed
 * agent's release (not timed), over and over, so both see the same noise of the machine.
 * The site is {@link ClaimBenchmark}'s: 10,000 ready agents with 20 skills, 64 calls'
 * needs of one skill and 64 of two, all used before measuring; the claims are for the
 * two-skill calls in turn. Then the Redis calls a claim makes inside its script are
 * counted with {@code INFO commandstats}, with the time Redis spent in the script, for
 * these calls and for new calls with a country quota. Arguments: rounds (5), pairs a
 * round (20,000), claims counted (256). Run it as docs/performance.md says.
 */
public final class ClaimAgainstRoundTrip {

	private static final int GROUPS = 64;

	private final LuaScript trivial = new LuaScript("trivial", "return ARGV[1]");

	private final JedisPooled redis;

	private final TestSite site;

	private final List<CallNeeds> twoSkills = new ArrayList<>();

	private int next;

	private final RedisLiveCalls calls;

	private CallNeeds newCall;

	private ClaimAgainstRoundTrip(JedisPooled redis) {
		this.redis = redis;
		this.site = new TestSite(redis, "claim-round-trip");
		this.calls = new RedisLiveCalls(redis, this.site.keys);
		// the same site and draws as ClaimBenchmark, so the same groups of needs
		ClaimBenchmark.seed(this.site, new ArrayList<>(), this.twoSkills);
	}

	public static void main(String[] args) {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 5;
		int pairs = (args.length > 1) ? Integer.parseInt(args[1]) : 20_000;
		int counted = (args.length > 2) ? Integer.parseInt(args[2]) : 256;
		try (JedisPooled redis = new JedisPooled(URI.create(TestRedis.url()), 30_000)) {
			ClaimAgainstRoundTrip run = new ClaimAgainstRoundTrip(redis);
			try {
				run.round(pairs / 2, null);
				for (int round = 1; round <= rounds; round++) {
					run.round(pairs, "round " + round);
				}
				run.count(counted, "the benchmark's calls, each claimed again, no quota", () -> {
				}, run::claim);
				run.count(counted, "new calls with a country quota", run::openNewCallWithQuota, run::claimNewCall);
			}
			finally {
				redis.keys(run.site.keys.prefix() + "*").forEach(redis::del);
			}
		}
	}

	/** One round of pairs; printed unless it is the warm-up (no name). */
	private void round(int pairs, String name) {
		Histogram baseline = new Histogram(3);
		Histogram claim = new Histogram(3);
		for (int i = 0; i < pairs; i++) {
			long start = System.nanoTime();
			baseline();
			long between = System.nanoTime();
			String agent = claim();
			long end = System.nanoTime();
			baseline.recordValue(between - start);
			claim.recordValue(end - between);
			release(agent);
		}
		if (name != null) {
			System.out.printf("%s, %d pairs%n", name, pairs);
			System.out.printf("  EVALSHA    %s%n", percentiles(baseline));
			System.out.printf("  claim      %s%n", percentiles(claim));
			System.out.printf("  ratio      p50 %.2fx  p90 %.2fx  p99 %.2fx  p99.9 %.2fx%n", ratio(claim, baseline, 50),
					ratio(claim, baseline, 90), ratio(claim, baseline, 99), ratio(claim, baseline, 99.9));
		}
	}

	/**
	 * The Redis calls of {@code claims} claims made by {@code claim} (releases not
	 * counted, nor {@code before}, run ahead of each), per claim and by command.
	 */
	private void count(int claims, String what, Runnable before, Supplier<String> claim) {
		Map<String, Long> calls = new TreeMap<>();
		Histogram scriptTime = new Histogram(3);
		Histogram roundTrip = new Histogram(3);
		for (int i = 0; i < claims; i++) {
			before.run();
			this.redis.sendCommand(Protocol.Command.CONFIG, "RESETSTAT");
			long start = System.nanoTime();
			String agent = claim.get();
			roundTrip.recordValue((System.nanoTime() - start) / 1000);
			for (String line : this.redis.info("commandstats").split("\r?\n")) {
				if (!line.startsWith("cmdstat_")) {
					continue;
				}
				String command = line.substring("cmdstat_".length(), line.indexOf(':'));
				long count = Long.parseLong(line.replaceAll("^[^:]*:calls=(\\d+),.*", "$1"));
				calls.merge(command, count, Long::sum);
				if (command.equals("evalsha")) {
					scriptTime.recordValue(Long.parseLong(line.replaceAll("^[^:]*:calls=\\d+,usec=(\\d+),.*", "$1")));
				}
			}
			release(agent);
		}
		calls.remove("config|resetstat");
		calls.remove("info");
		long scripts = calls.getOrDefault("evalsha", 0L) + calls.getOrDefault("eval", 0L);
		calls.remove("evalsha");
		calls.remove("eval");
		long inside = calls.values().stream().mapToLong(Long::longValue).sum();
		System.out.printf("%d claims, %s: %.2f scripts and %.2f Redis calls inside them a claim%n", claims, what,
				(double) scripts / claims, (double) inside / claims);
		System.out.printf("  Redis's own time in the script: p50 %d µs  p90 %d µs  p99 %d µs%n",
				scriptTime.getValueAtPercentile(50), scriptTime.getValueAtPercentile(90),
				scriptTime.getValueAtPercentile(99));
		System.out.printf("  the whole claim, timed here:        p50 %d µs  p90 %d µs  p99 %d µs%n",
				roundTrip.getValueAtPercentile(50), roundTrip.getValueAtPercentile(90),
				roundTrip.getValueAtPercentile(99));
		calls.forEach((command, count) -> System.out.printf("  %-10s %.2f%n", command, (double) count / claims));
	}

	/**
	 * A call never seen before, with a country quota (as most calls in production have)
	 * that never holds it, opened as routing opens every call before its claim.
	 */
	private void openNewCallWithQuota() {
		CallNeeds needs = this.twoSkills.get(this.next++ % GROUPS);
		this.newCall = new CallNeeds("new-" + this.next, needs.queue(), needs.skills(), List.of(), 0,
				this.site.clock.instant(), Optional.of(new CallQuota("DE", OptionalInt.of(1_000_000), "w1",
						OptionalInt.of(1_000_000), this.site.clock.instant().plusSeconds(3600))));
		this.calls.opened(this.newCall, "PJSIP/trunk-" + this.next, Optional.of("DE"), needs.skills());
	}

	/** The claim of the call {@link #openNewCallWithQuota} opened. */
	private String claimNewCall() {
		this.site.events.clear();
		return this.site.claims.claim(this.newCall).orElse(null);
	}

	private Object baseline() {
		return this.trivial.run(this.redis, List.of(this.site.keys.key("x")), List.of("1"));
	}

	private String claim() {
		this.site.events.clear();
		return this.site.claims.claim(this.twoSkills.get(this.next++ % GROUPS)).orElse(null);
	}

	private void release(String agent) {
		if (agent != null) {
			this.site.agents.release(agent);
		}
	}

	private static String percentiles(Histogram histogram) {
		return String.format("p50 %6.1f µs  p90 %6.1f µs  p99 %6.1f µs  p99.9 %7.1f µs", us(histogram, 50),
				us(histogram, 90), us(histogram, 99), us(histogram, 99.9));
	}

	private static double ratio(Histogram claim, Histogram baseline, double percentile) {
		return (double) claim.getValueAtPercentile(percentile) / baseline.getValueAtPercentile(percentile);
	}

	private static double us(Histogram histogram, double percentile) {
		return histogram.getValueAtPercentile(percentile) / 1000.0;
	}

}
