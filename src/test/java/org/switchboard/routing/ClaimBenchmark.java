package org.switchboard.routing;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import redis.clients.jedis.JedisPooled;

import org.switchboard.redis.LuaScript;
import org.switchboard.redis.TestRedis;

/**
 * What a claim costs at 10,000 ready agents with 20 skills (each agent has 4 to 8 of them
 * at random levels), against the bare Redis round trip of a trivial script measured in
 * the same run. Run it as docs/performance.md says.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ClaimBenchmark {

	private static final int AGENTS = 10_000;

	private static final int SKILLS = 20;

	/** Groups of needs of each kind, all active (indexed) before measuring. */
	private static final int GROUPS = 64;

	private final LuaScript trivial = new LuaScript("trivial", "return ARGV[1]");

	private JedisPooled redis;

	private TestSite site;

	private final List<CallNeeds> oneSkill = new ArrayList<>();

	private final List<CallNeeds> twoSkills = new ArrayList<>();

	private int next;

	@Setup
	public void setUp() {
		// making the 128 groups used reads every agent once per group; on a busy machine
		// one
		// can take longer than the default 2 s timeout
		this.redis = new JedisPooled(URI.create(TestRedis.url()), 30_000);
		this.site = new TestSite(this.redis, "claim-benchmark");
		seed(this.site, this.oneSkill, this.twoSkills);
	}

	/**
	 * Fills a site as this benchmark measures it: 10,000 ready agents, each with 4 to 8
	 * of 20 skills at random levels, and 64 calls' needs of one skill and 64 of two,
	 * every group of needs used (indexed). The same draws every time, so the same groups.
	 */
	static void seed(TestSite site, List<CallNeeds> oneSkill, List<CallNeeds> twoSkills) {
		Random dice = new Random(1);
		for (int i = 0; i < AGENTS; i++) {
			Map<String, Integer> levels = new HashMap<>();
			int count = 4 + dice.nextInt(5);
			while (levels.size() < count) {
				levels.put("skill" + dice.nextInt(SKILLS), 1 + dice.nextInt(5));
			}
			site.readyAgent("agent-" + i, levels);
		}
		site.events.clear();
		// a site's calls come in a limited number of groups of needs (flows x windows x
		// overflow steps); each is indexed once, when a call first needs it
		for (int i = 0; i < GROUPS; i++) {
			oneSkill.add(site.call("one-" + i, "q", 0, Map.of("skill" + dice.nextInt(SKILLS), 1 + dice.nextInt(3))));
			Map<String, Integer> two = new HashMap<>();
			while (two.size() < 2) {
				two.put("skill" + dice.nextInt(SKILLS), 1 + dice.nextInt(3));
			}
			twoSkills.add(site.call("two-" + i, "q", 0, two));
		}
		oneSkill.forEach(site.claims::best);
		twoSkills.forEach(site.claims::best);
		site.events.clear();
	}

	@TearDown
	public void tearDown() {
		this.redis.keys(this.site.keys.prefix() + "*").forEach(this.redis::del);
		this.redis.close();
	}

	/** The baseline: one EVALSHA of a script that does nothing, over loopback. */
	@Benchmark
	public Object redisEvalshaRoundTrip() {
		return this.trivial.run(this.redis, List.of(this.site.keys.key("x")), List.of("1"));
	}

	/** The claim's choice for a call needing one skill, changing nothing. */
	@Benchmark
	public Object chooseForOneSkill() {
		return this.site.claims.best(this.oneSkill.get(this.next++ % GROUPS));
	}

	/** The claim's choice for a call needing two skills, changing nothing. */
	@Benchmark
	public Object chooseForTwoSkills() {
		return this.site.claims.best(this.twoSkills.get(this.next++ % GROUPS));
	}

	/**
	 * A whole claim alone (the agent reserved), one script; the agent is released after
	 * each claim, outside the measured time, so the claims run under the same churn as
	 * {@link #claimAndRelease()}.
	 */
	@Benchmark
	public Object claimAlone(Released released) {
		this.site.events.clear();
		CallNeeds call = this.twoSkills.get(this.next++ % GROUPS);
		released.agent = this.site.claims.claim(call).orElse(null);
		return released.agent;
	}

	/**
	 * A whole claim (the agent reserved) and the agent's release, which offers them the
	 * waiting calls in the same script: two scripts.
	 */
	@Benchmark
	public Object claimAndRelease() {
		// the test site keeps every event published; keep that list from growing
		this.site.events.clear();
		CallNeeds call = this.twoSkills.get(this.next++ % GROUPS);
		return this.site.claims.claim(call).map(this.site.agents::release);
	}

	/** The agent {@link #claimAlone} reserved, released once the claim has been timed. */
	@State(Scope.Thread)
	public static class Released {

		String agent;

		@TearDown(Level.Invocation)
		public void release(ClaimBenchmark benchmark) {
			if (this.agent != null) {
				benchmark.site.agents.release(this.agent);
				this.agent = null;
			}
		}

	}

}
