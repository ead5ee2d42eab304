package org.switchboard.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import redis.clients.jedis.JedisPooled;

import org.switchboard.SwitchboardTest;
import org.switchboard.agent.Agent;
import org.switchboard.agent.Agents;
import org.switchboard.agent.TestAgents;
import org.switchboard.fakeasterisk.AgiTranscript;
import org.switchboard.fakeasterisk.AmiEvents;
import org.switchboard.fakeasterisk.Caller;
import org.switchboard.fakeasterisk.EventFilter;
import org.switchboard.fakeasterisk.FakeAsterisk;
import org.switchboard.fakeasterisk.FakeChannel;
import org.switchboard.redis.Keys;
import org.switchboard.redis.TestRedis;
import org.switchboard.routing.CallNeeds;
import org.switchboard.routing.ClaimProbe;

/**
 * Many simulated calls at once against a whole Switchboard in a JVM of its own, on a real
 * Redis: this JVM runs the fake Asterisk (AMI server and FastAGI callers) and the claim
 * probe. Each call goes through the IVR (a prompt and a menu), routing, the waiting line
 * when its agents are busy (parked in MusicOnHold and moved by AMI Redirect), connect,
 * the agent's answer and hang-up, dial-result and the caller's hang-up, which closes its
 * record. With {@code fault=redis} or {@code fault=ami} it stops Redis (a child of its
 * own) or the fake AMI server for a while under that load and reports what the calls got
 * and whether every record was written (docs/reliability.md). Run as docs/performance.md
 * says; not part of the test run.
 */
public final class LoadHarness {

	private static final int SKILLS = 20;

	private static final String SECRET = "load-" + UUID.randomUUID();

	private static final Duration AGI_TIMEOUT = Duration.ofSeconds(30);

	private final Map<String, String> options;

	private final int rate;

	private final int seconds;

	private final int agentCount;

	private final Duration talk;

	private final Duration patience;

	private final Keys keys = new Keys("load-" + UUID.randomUUID().toString().substring(0, 8));

	private final Map<String, CompletableFuture<FakeChannel>> redirected = new ConcurrentHashMap<>();

	private final Latencies turnarounds = new Latencies();

	private final Latencies ivrTimes = new Latencies();

	private final Latencies waits = new Latencies();

	private final AtomicInteger live = new AtomicInteger();

	private final AtomicInteger started = new AtomicInteger();

	private final AtomicInteger routed = new AtomicInteger();

	private final AtomicInteger connectedAtOnce = new AtomicInteger();

	private final AtomicInteger waited = new AtomicInteger();

	private final AtomicInteger answered = new AtomicInteger();

	private final AtomicInteger abandoned = new AtomicInteger();

	private final AtomicInteger completed = new AtomicInteger();

	private final AtomicInteger failed = new AtomicInteger();

	private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();

	/**
	 * Scripts that ended with {@code SB_NEXT} empty, by script: the dialplan fallback.
	 */
	private final Map<String, AtomicInteger> fallbacks = new ConcurrentHashMap<>();

	/** AGI sessions that did not end by the script within the AGI timeout. */
	private final AtomicInteger deadAir = new AtomicInteger();

	/** The unique ids of every call started, whose records are counted at the end. */
	private final Set<String> callIds = ConcurrentHashMap.newKeySet();

	/** Callers waiting in line now, by channel. */
	private final Set<String> waitingNow = ConcurrentHashMap.newKeySet();

	/** What became of each caller who waited: moved (to an agent) or abandoned. */
	private final Map<String, String> waitFates = new ConcurrentHashMap<>();

	/**
	 * Agents' legs while they live, which the fake AMI server lists, so a resync sees the
	 * agents on call.
	 */
	private final Map<String, FakeChannel> liveLegs = new ConcurrentHashMap<>();

	private final Fault fault;

	private final Outage outage = new Outage();

	private ChildRedis childRedis;

	/** With count=redis: Switchboard's Redis commands over the measured window. */
	private RedisCommandCount redisCount;

	private final AtomicLong agentLegs = new AtomicLong();

	private volatile boolean measuring;

	private final boolean dialplanTraffic;

	private FakeAsterisk asterisk;

	private int agiPort;

	private LoadHarness(Map<String, String> options) {
		this.options = options;
		this.rate = Integer.parseInt(options.getOrDefault("rate", "200"));
		this.seconds = Integer.parseInt(options.getOrDefault("seconds", "30"));
		this.agentCount = Integer.parseInt(options.getOrDefault("agents", "10000"));
		this.talk = Duration.ofSeconds(Long.parseLong(options.getOrDefault("talk", "8")));
		this.patience = Duration.ofSeconds(Long.parseLong(options.getOrDefault("patience", "20")));
		this.dialplanTraffic = !"minimal".equals(options.get("traffic"));
		this.fault = Fault.valueOf(options.getOrDefault("fault", "none").toUpperCase(java.util.Locale.ROOT));
	}

	/**
	 * Options as key=value: rate (new calls/s), seconds, ramp (s of the warm-up over
	 * which the rate grows from 0; 0 by default), warmup (s not measured, a fifth of
	 * seconds unless given), agents, talk (s), patience (s), groups (probe groups of each
	 * kind), scarce (the fifth line's needs), heap, jvm (more options for Switchboard's
	 * JVM), eventfilter (none: the fake Asterisk sends every event instead of applying
	 * the shipped manager.conf's filter), traffic (minimal: without the ~100 dialplan
	 * events a real Asterisk raises per call), fault (none, redis or ami), fault-at (s
	 * after the load starts), outage (s), count (redis: Switchboard's Redis commands and
	 * round trips per call, counted with MONITOR) and any switchboard.* setting.
	 */
	public static void main(String[] args) throws Exception {
		Map<String, String> options = new LinkedHashMap<>();
		for (String arg : args) {
			String[] pair = arg.replaceFirst("^--", "").split("=", 2);
			options.put(pair[0], (pair.length > 1) ? pair[1] : "true");
		}
		new LoadHarness(options).run();
		System.exit(0);
	}

	private void run() throws Exception {
		Path work = Files.createDirectories(Path.of("target", "load"));
		// a Redis the harness may stop: its own child, never the shared one
		ChildRedis child = (this.fault == Fault.REDIS) ? ChildRedis.start(work) : null;
		this.childRedis = child;
		String redisUrl = (child != null) ? child.url() : TestRedis.url();
		if ("redis".equals(this.options.get("count"))) {
			this.redisCount = RedisCommandCount.start(URI.create(redisUrl));
		}
		if (child != null) {
			System.out.printf("Redis of the harness's own at %s (%s)%n", redisUrl, child.kind());
		}
		JedisPooled redis = new JedisPooled(URI.create(redisUrl));
		Path flows = Files.createTempDirectory(work, "flows");
		Random dice = new Random(1);
		List<Map<String, Integer>> levels = seedAgents(redis, dice);
		List<String> lines = writeFlows(flows);
		this.asterisk = FakeAsterisk.start("switchboard", SECRET);
		// the shipped manager.conf's eventfilter, as a real Asterisk applies it
		// (eventfilter=none: every event)
		if (!"none".equals(this.options.get("eventfilter"))) {
			this.asterisk.ami().eventFilter(EventFilter.shipped());
		}
		this.asterisk.onTurnaround(this::turnaround);
		this.asterisk.onRedirect((channel, context, exten) -> {
			if (context.equals("switchboard-connect")) {
				this.redirected.computeIfAbsent(channel.name(), (name) -> new CompletableFuture<>()).complete(channel);
			}
		});
		this.agiPort = SwitchboardTest.Initializer.freePort();
		int httpPort = SwitchboardTest.Initializer.freePort();
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("switchboard.site", this.keys.prefix().replaceAll("^sb:\\{|}:$", ""));
		settings.put("switchboard.redis.url", redisUrl);
		settings.put("switchboard.ami.port", String.valueOf(this.asterisk.ami().port()));
		settings.put("switchboard.ami.secret", SECRET);
		settings.put("switchboard.ivr.flows-dir", flows.toAbsolutePath().toString());
		settings.put("switchboard.ivr.watch", "false");
		settings.put("switchboard.agent.wrap-up", "1s");
		settings.put("switchboard.agent.reaper-interval", "500ms");
		settings.put("switchboard.callrecord.close-delay", "1s");
		settings.put("switchboard.routing.callbacks.offer-after", "0s");
		this.options.forEach((key, value) -> {
			if (key.startsWith("switchboard.")) {
				settings.put(key, value);
			}
		});
		List<String> jvm = new ArrayList<>(List.of("-Xmx" + this.options.getOrDefault("heap", "512m")));
		if (this.options.containsKey("jvm")) {
			jvm.addAll(List.of(this.options.get("jvm").split(" ")));
		}
		System.out.printf("Switchboard: %s, site %s, %d agents, lines %s%n", jvm, settings.get("switchboard.site"),
				this.agentCount, lines);
		ClaimProbe probe = new ClaimProbe(redis, this.keys);
		List<CallNeeds> probeCalls = probeCalls(probe, dice);
		try (SwitchboardProcess switchboard = SwitchboardProcess.start(jvm, settings, httpPort, this.agiPort,
				work.resolve("switchboard.log"))) {
			if (this.options.containsKey("idle")) {
				idle(switchboard, Duration.ofSeconds(Long.parseLong(this.options.get("idle"))));
				return;
			}
			System.out.printf("Switchboard is up (pid %d); load: %d calls/s for %d s, talk %s, patience %s%n",
					switchboard.pid(), this.rate, this.seconds, this.talk, this.patience);
			load(switchboard, probe, probeCalls, lines, redis);
		}
		finally {
			this.asterisk.close();
			redis.keys(this.keys.prefix() + "*").forEach(redis::del);
			redis.close();
			if (child != null) {
				child.close();
			}
		}
	}

	/**
	 * What Switchboard costs with no calls: its CPU over the time given, after 10 s to
	 * settle, with Prometheus's scrape every 15 s as a server would have it.
	 */
	private void idle(SwitchboardProcess switchboard, Duration measured) throws IOException, InterruptedException {
		System.out.printf("Switchboard is up (pid %d); settling, then measured for %d s%n", switchboard.pid(),
				measured.toSeconds());
		Thread.sleep(Long.parseLong(this.options.getOrDefault("settle", "10")) * 1000);
		long before = switchboard.cpuNanos();
		ThreadCpu threadsBefore = ThreadCpu.of(switchboard.pid());
		boolean profile = Boolean.parseBoolean(this.options.getOrDefault("profile", "false"));
		Path recording = Path
			.of("target",
					"idle-" + System.currentTimeMillis()
							+ (System.getProperty("profiler") != null ? ".collapsed" : ".jfr"))
			.toAbsolutePath();
		if (profile) {
			switchboard.startRecording(recording);
		}
		long begin = System.nanoTime();
		long end = begin + measured.toNanos();
		int scrapes = 0;
		while (System.nanoTime() < end) {
			switchboard.get("/actuator/prometheus");
			scrapes++;
			Thread.sleep(Math.max(0, Math.min(15_000, (end - System.nanoTime()) / 1_000_000)));
		}
		long used = switchboard.cpuNanos() - before;
		double seconds = (System.nanoTime() - begin) / 1e9;
		if (profile) {
			switchboard.stopRecording();
			System.out.println("profile of the idle window: " + recording);
		}
		System.out.printf(
				"idle: %d agents, %.0f s, %d scrapes: Switchboard %.2f %% of one core (%.1f ms CPU a second)%n",
				this.agentCount, seconds, scrapes, 100.0 * used / 1e9 / seconds, used / 1e6 / seconds);
		System.out.println("by thread, per second: "
				+ ThreadCpu.of(switchboard.pid()).minus(threadsBefore, used).perCall(Math.round(seconds)));
	}

	/**
	 * 10,000 agents (by default) with 4 to 8 of 20 skills at random levels, as
	 * ClaimBenchmark has them, saved, logged in and ready before Switchboard starts.
	 */
	private List<Map<String, Integer>> seedAgents(JedisPooled redis, Random dice) throws Exception {
		List<Map<String, Integer>> all = new ArrayList<>();
		for (int i = 0; i < this.agentCount; i++) {
			Map<String, Integer> levels = new HashMap<>();
			int count = 4 + dice.nextInt(5);
			while (levels.size() < count) {
				levels.put("skill" + dice.nextInt(SKILLS), 1 + dice.nextInt(5));
			}
			all.add(levels);
		}
		Agents agents = TestAgents.inRedis(redis, this.keys, java.time.Clock.systemUTC(), (event) -> {
		});
		long begin = System.nanoTime();
		try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
			for (int i = 0; i < all.size(); i++) {
				int n = i;
				pool.submit(() -> {
					String id = "agent-" + n;
					agents.save(new Agent(id, "Agent " + n, "PJSIP/" + id, all.get(n), Set.of("en"), "load"));
					agents.reachable(id, true);
					agents.login(id);
					agents.ready(id);
				});
			}
		}
		System.out.printf("Seeded %d ready agents in %.1f s%n", all.size(), (System.nanoTime() - begin) / 1e9);
		return all;
	}

	/**
	 * Five lines: four whose calls need one common skill at level 1, one whose calls need
	 * two skills at high levels, few agents have them, so its callers wait in line.
	 */
	private List<String> writeFlows(Path dir) throws IOException {
		List<String> needs = List.of("{skill0: 1}", "{skill1: 1}", "{skill2: 1}", "{skill3: 1}",
				this.options.getOrDefault("scarce", "{skill4: 5, skill5: 3}"));
		List<String> lines = new ArrayList<>();
		for (int i = 0; i < needs.size(); i++) {
			String line = String.valueOf(5000 + i);
			lines.add(line);
			Files.writeString(dir.resolve("load-" + line + ".yml"),
					"""
							name: load-%s
							lines: ["%s"]
							languages: [en]
							start: welcome
							nodes:
							  welcome: {type: play, prompts: [custom/en/welcome], next: main}
							  main: {type: menu, prompt: custom/en/main-menu, options: {"1": agent, "9": bye}, timeout: 3s, retries: 1, failure: bye}
							  agent: {type: route, skills: %s, queue: load%d, priority: 0}
							  bye: {type: hangup}
							"""
						.formatted(line, line, needs.get(i), i));
		}
		return lines;
	}

	/**
	 * ClaimBenchmark's 64 groups of one skill and 64 of two, made active before the run.
	 */
	private List<CallNeeds> probeCalls(ClaimProbe probe, Random dice) {
		int groups = Integer.parseInt(this.options.getOrDefault("groups", "64"));
		List<CallNeeds> calls = new ArrayList<>();
		for (int i = 0; i < groups; i++) {
			calls.add(probe.needs("probe-one-" + i, Map.of("skill" + dice.nextInt(SKILLS), 1 + dice.nextInt(3))));
			Map<String, Integer> two = new HashMap<>();
			while (two.size() < 2) {
				two.put("skill" + dice.nextInt(SKILLS), 1 + dice.nextInt(3));
			}
			calls.add(probe.needs("probe-two-" + i, two));
		}
		calls.forEach(probe::choose);
		return calls;
	}

	private void turnaround(long nanos) {
		if (this.measuring) {
			this.turnarounds.add(nanos);
		}
	}

	private void load(SwitchboardProcess switchboard, ClaimProbe probe, List<CallNeeds> probeCalls, List<String> lines,
			JedisPooled redis) throws Exception {
		Latencies baseline = new Latencies();
		Latencies choice = new Latencies();
		Latencies claim = new Latencies();
		Sampled sampled = new Sampled();
		Thread prober = Thread.ofPlatform().name("claim-probe").start(() -> {
			int n = 0;
			while (!Thread.currentThread().isInterrupted()) {
				CallNeeds call = probeCalls.get(n++ % probeCalls.size());
				try {
					long t0 = System.nanoTime();
					probe.baseline();
					long t1 = System.nanoTime();
					probe.choose(call);
					long t2 = System.nanoTime();
					probe.claimAndRelease(call);
					long t3 = System.nanoTime();
					if (this.measuring && !this.outage.active) {
						baseline.add(t1 - t0);
						choice.add(t2 - t1);
						claim.add(t3 - t2);
					}
				}
				catch (RuntimeException ex) {
					// Redis stopped by the fault: the probe waits for it
				}
				try {
					Thread.sleep(5);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		});
		Thread sampler = Thread.ofPlatform().name("sampler").start(() -> {
			while (!Thread.currentThread().isInterrupted()) {
				sampled.sample(switchboard, this.live.get());
				try {
					Thread.sleep(2000);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		});
		// the first fifth of the run (or warmup=) warms up both JVMs; the rest is
		// measured
		long warmUp = Long
			.parseLong(this.options.getOrDefault("warmup", String.valueOf(Math.max(2, this.seconds / 5))));
		// ramp=: the rate grows evenly from 0 over that many seconds of the warm-up, as a
		// real line's traffic does, instead of starting cold at the full rate
		long ramp = Long.parseLong(this.options.getOrDefault("ramp", "0"));
		if (ramp > warmUp) {
			throw new IllegalArgumentException("ramp (" + ramp + " s) must end within the warm-up (" + warmUp + " s)");
		}
		long begin = System.nanoTime();
		long total = Math.round(this.rate * (this.seconds - ramp / 2.0));
		Thread faults = (this.fault == Fault.NONE) ? null
				: Thread.ofPlatform().name("fault").start(() -> injectFault(begin, switchboard));
		// profile=true: a JFR profile of the measured window (ProfileSummary reads it)
		boolean profile = Boolean.parseBoolean(this.options.getOrDefault("profile", "false"));
		Path recording = Path
			.of("target",
					"load-" + System.currentTimeMillis()
							+ (System.getProperty("profiler") != null ? ".collapsed" : ".jfr"))
			.toAbsolutePath();
		Cpu cpuAtMeasure = null;
		ThreadCpu threadsAtMeasure = null;
		int startedAtMeasure = 0;
		int routedAtMeasure = 0;
		long measureBegin = 0;
		long maxLagNanos = 0;
		for (long n = 0; n < total; n++) {
			long due = begin + dueNanos(n, ramp);
			long now = System.nanoTime();
			if (due > now) {
				TimeUnit.NANOSECONDS.sleep(due - now);
			}
			else if (this.measuring) {
				maxLagNanos = Math.max(maxLagNanos, now - due);
			}
			if (!this.measuring && due - begin >= TimeUnit.SECONDS.toNanos(warmUp)) {
				this.measuring = true;
				sampled.measuring = true;
				measureBegin = System.nanoTime();
				startedAtMeasure = this.started.get();
				cpuAtMeasure = Cpu.now(switchboard, redis);
				threadsAtMeasure = ThreadCpu.of(switchboard.pid());
				if (profile) {
					switchboard.startRecording(recording);
				}
				routedAtMeasure = this.routed.get();
				if (this.redisCount != null) {
					this.redisCount.measuring(true);
				}
			}
			else if (this.measuring && this.redisCount != null && n % this.rate == 0) {
				this.redisCount.readClients();
			}
			String line = lines.get((n % 10 == 9) ? 4 : (int) (n % 4));
			long id = n;
			Thread.ofVirtual().name("call-" + n).start(() -> call(id, line));
		}
		long measureEnd = System.nanoTime();
		if (this.redisCount != null) {
			this.redisCount.measuring(false);
		}
		Cpu cpuUsed = Cpu.now(switchboard, redis).minus(cpuAtMeasure);
		ThreadCpu threadsUsed = ThreadCpu.of(switchboard.pid()).minus(threadsAtMeasure, (long) cpuUsed.switchboard);
		if (profile) {
			switchboard.stopRecording();
			System.out.println("profile of the measured window: " + recording);
		}
		int startedInWindow = this.started.get() - startedAtMeasure;
		int routedInWindow = this.routed.get() - routedAtMeasure;
		this.measuring = false;
		sampled.measuring = false;
		prober.interrupt();
		double window = (measureEnd - measureBegin) / 1e9;
		System.out.printf("Offered for %d s; waiting for calls to end...%n", this.seconds);
		long drainUntil = System.nanoTime() + this.talk.plus(this.patience).plusSeconds(15).toNanos();
		while (this.live.get() > 0 && System.nanoTime() < drainUntil) {
			Thread.sleep(250);
		}
		if (faults != null) {
			faults.join();
		}
		sampler.interrupt();
		String scraped = switchboard.get("/actuator/prometheus");
		double records = switchboard.meter(scraped, "switchboard_calls_total", "");
		Records written = (this.fault != Fault.NONE) ? recordsWritten(switchboard, redis) : null;

		System.out.println();
		System.out.println("== Load: " + this.options);
		System.out.printf("measured window           %.1f s after %d s of warm-up%n", window, warmUp);
		System.out.printf("new calls offered         %.1f /s (target %d /s; generator late by at most %.1f ms)%n",
				startedInWindow / window, this.rate, maxLagNanos / 1e6);
		System.out.printf("calls routed by the IVR   %.1f /s%n", routedInWindow / window);
		System.out.printf("concurrent calls held     peak %d, mean %.0f (measured window)%n", sampled.peakLive,
				sampled.meanLive());
		System.out.printf(
				"calls                     started %d, routed %d (at once %d, waited %d), answered %d, "
						+ "abandoned in line %d, completed %d, failed %d, still live %d%n",
				this.started.get(), this.routed.get(), this.connectedAtOnce.get(), this.waited.get(),
				this.answered.get(), this.abandoned.get(), this.completed.get(), this.failed.get(), this.live.get());
		if (!this.failures.isEmpty()) {
			System.out.println("failures                  " + this.failures);
		}
		System.out.printf("call records (meter)      %.0f%n", records);
		long[] amiEvents = this.asterisk.ami().eventCounts();
		System.out.printf("AMI events per call       %.1f raised by the fake Asterisk, %.1f sent after eventfilter%n",
				(double) amiEvents[0] / Math.max(1, this.started.get()),
				(double) amiEvents[1] / Math.max(1, this.started.get()));
		System.out.printf("AGI turn-around           p50 %.0f µs, p99 %.0f µs (%d turns)%n",
				this.turnarounds.percentileMicros(50), this.turnarounds.percentileMicros(99), this.turnarounds.count());
		System.out.printf("IVR session (ivr script)  p50 %.1f ms, p99 %.1f ms%n",
				this.ivrTimes.percentileMicros(50) / 1000, this.ivrTimes.percentileMicros(99) / 1000);
		System.out.printf("wait in line to Redirect  p50 %.1f ms, p99 %.1f ms (%d calls)%n",
				this.waits.percentileMicros(50) / 1000, this.waits.percentileMicros(99) / 1000, this.waits.count());
		double b50 = baseline.percentileMicros(50);
		double b99 = baseline.percentileMicros(99);
		System.out.printf("Redis EVALSHA (baseline)  p50 %.0f µs, p99 %.0f µs (%d samples)%n", b50, b99,
				baseline.count());
		System.out.printf("claim choice              p50 %.0f µs (%.2f×), p99 %.0f µs (%.2f×)%n",
				choice.percentileMicros(50), choice.percentileMicros(50) / b50, choice.percentileMicros(99),
				choice.percentileMicros(99) / b99);
		System.out.printf("claim + release           p50 %.0f µs (%.2f×), p99 %.0f µs (%.2f×)%n",
				claim.percentileMicros(50), claim.percentileMicros(50) / b50, claim.percentileMicros(99),
				claim.percentileMicros(99) / b99);
		System.out.printf("Switchboard heap used     peak %.0f MB, live after GC peak %.0f MB, max %.0f MB%n",
				sampled.peakHeap / 1e6, sampled.peakLiveData / 1e6, sampled.maxHeap / 1e6);
		System.out.printf("Switchboard threads       platform live peak %.0f; CPU mean %.0f%% of the machine%n",
				sampled.peakThreads, sampled.meanCpu() * 100);
		int calls = Math.max(1, startedInWindow);
		System.out.printf(
				"CPU per call offered      Switchboard %.2f ms, generator %.2f ms, Redis %.2f ms "
						+ "(of %.1f CPU-s in the window, %d cores)%n",
				cpuUsed.switchboard / 1e6 / calls, cpuUsed.generator / 1e6 / calls, cpuUsed.redis / 1e6 / calls,
				(cpuUsed.switchboard + cpuUsed.generator + cpuUsed.redis) / 1e9,
				Runtime.getRuntime().availableProcessors());
		System.out.println("Switchboard by thread     " + threadsUsed.perCall(calls));
		if (this.redisCount != null) {
			System.out.println("Redis per call offered    " + this.redisCount.perCall(calls));
			this.redisCount.close();
		}
		Runtime runtime = Runtime.getRuntime();
		System.out.printf("generator JVM             heap used %.0f MB, platform threads %d, %d cores%n",
				(runtime.totalMemory() - runtime.freeMemory()) / 1e6,
				ManagementFactory.getThreadMXBean().getThreadCount(), runtime.availableProcessors());
		System.out.printf("Switchboard alive         %s%n", switchboard.alive());
		if (this.fault != Fault.NONE) {
			reportFault(written, sampled.peakPending);
		}
	}

	/**
	 * Waits until the fault is due, stops Redis or the AMI server for the outage, starts
	 * it again and measures how the link comes back.
	 */
	private void injectFault(long loadBegin, SwitchboardProcess switchboard) {
		long at = Long.parseLong(this.options.getOrDefault("fault-at", String.valueOf(this.seconds / 3)));
		Duration length = Duration.ofSeconds(Long.parseLong(this.options.getOrDefault("outage", "10")));
		try {
			long due = loadBegin + TimeUnit.SECONDS.toNanos(at);
			TimeUnit.NANOSECONDS.sleep(Math.max(0, due - System.nanoTime()));
			this.outage.waitingAtStart = this.waitingNow.size();
			this.outage.liveAtStart = this.live.get();
			if (this.fault == Fault.REDIS) {
				this.childRedis.stop();
			}
			else {
				this.asterisk.ami().stop();
			}
			this.outage.start = System.nanoTime();
			this.outage.active = true;
			System.out.printf("Fault: %s stopped at %d s for %s%n", this.fault, at, length);
			TimeUnit.NANOSECONDS.sleep(length.toNanos());
			this.outage.waitingAtEnd = Set.copyOf(this.waitingNow);
			int logins = this.asterisk.ami().loginCount();
			if (this.fault == Fault.REDIS) {
				this.childRedis.start();
			}
			else {
				this.asterisk.ami().restart();
			}
			this.outage.end = System.nanoTime();
			this.outage.active = false;
			System.out.printf("Fault: %s back after %.1f s%n", this.fault, (this.outage.end - this.outage.start) / 1e9);
			if (this.fault == Fault.AMI) {
				long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
				while (this.asterisk.ami().loginCount() <= logins && System.nanoTime() < deadline) {
					Thread.sleep(5);
				}
				this.outage.loggedIn = System.nanoTime();
				while (System.nanoTime() < deadline && switchboard.meter(switchboard.get("/actuator/prometheus"),
						"switchboard_ami_connected", "") < 1) {
					Thread.sleep(20);
				}
				this.outage.reported = System.nanoTime();
				this.outage.stillOnTheirChannel = (int) this.outage.waitingAtEnd.stream()
					.filter((channel) -> this.asterisk.channel(channel).isPresent())
					.count();
			}
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Waits (at most a minute) until no record is held and every call started has one in
	 * the stream, then counts them: the distinct calls, since a retried append may add an
	 * entry twice.
	 */
	private Records recordsWritten(SwitchboardProcess switchboard, JedisPooled redis) throws InterruptedException {
		String stream = this.keys.key("callrecord", "calls");
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		Records records;
		do {
			Set<String> written = new java.util.HashSet<>();
			long entries = 0;
			for (var entry : redis.xrange(stream, "-", "+")) {
				written.add(entry.getFields().get("call"));
				entries++;
			}
			String scraped = switchboard.get("/actuator/prometheus");
			records = new Records(written, entries, switchboard.meter(scraped, "switchboard_callrecord_pending", ""),
					switchboard.meter(scraped, "switchboard_callrecord_dropped_total", ""));
			if (records.written.containsAll(this.callIds) && records.pending == 0) {
				return records;
			}
			Thread.sleep(500);
		}
		while (System.nanoTime() < deadline);
		return records;
	}

	private void reportFault(Records records, double peakPending) {
		Outage o = this.outage;
		System.out.printf(
				"fault                     %s stopped for %.1f s, %d calls live and %d waiting when it stopped%n",
				this.fault, (o.end - o.start) / 1e9, o.liveAtStart, o.waitingAtStart);
		System.out.printf(
				"calls offered in outage   %d: routed %d, fallback (SB_NEXT empty) %d, dead air %d; "
						+ "IVR session p50 %.0f ms, max %.0f ms%n",
				o.offered.get(), o.routed.get(), o.fallback.get(), o.deadAir.get(),
				o.ivrTimes.percentileMicros(50) / 1000, o.ivrTimes.percentileMicros(100) / 1000);
		System.out.printf("fallbacks by script       %s; dead air in the whole run %d%n", this.fallbacks,
				this.deadAir.get());
		if (this.fault == Fault.AMI) {
			System.out.printf(
					"AMI back                  logged in %.0f ms after the server was back; "
							+ "switchboard_ami_connected 1 after %.0f ms (scraped)%n",
					(o.loggedIn - o.end) / 1e6, (o.reported - o.end) / 1e6);
			long moved = o.waitingAtEnd.stream()
				.filter((channel) -> "moved".equals(this.waitFates.get(channel)))
				.count();
			long gaveUp = o.waitingAtEnd.stream()
				.filter((channel) -> "abandoned".equals(this.waitFates.get(channel)))
				.count();
			System.out.printf(
					"waiting across the drop   %d: on their channel when the link was back %d, "
							+ "moved to an agent afterwards %d, gave up (patience) %d%n",
					o.waitingAtEnd.size(), o.stillOnTheirChannel, moved, gaveUp);
		}
		Set<String> missing = new java.util.TreeSet<>(this.callIds);
		missing.removeAll(records.written);
		System.out.printf(
				"call records              held in memory at most %.0f (sampled every 2 s); calls started %d, "
						+ "distinct records in Redis %d (%d entries), missing %d, still held %.0f, dropped %.0f%n",
				peakPending, this.callIds.size(), records.written.size(), records.entries, missing.size(),
				records.pending, records.dropped);
		if (!missing.isEmpty()) {
			System.out.println("missing records           " + missing.stream().limit(20).toList());
		}
	}

	/** One caller's whole call. */
	/**
	 * When the n-th call is due after the start: at the full rate, or during a ramp of
	 * {@code ramp} seconds on a rate growing evenly from 0 (n calls by time t:
	 * rate·t²/2ramp).
	 */
	private long dueNanos(long n, long ramp) {
		double inRamp = this.rate * ramp / 2.0;
		double seconds = (n < inRamp) ? Math.sqrt(2.0 * ramp * n / this.rate) : ramp + (n - inRamp) / this.rate;
		return Math.round(seconds * 1e9);
	}

	private void call(long n, String line) {
		this.started.incrementAndGet();
		this.live.incrementAndGet();
		String channel = "PJSIP/carrier-%08x".formatted(n);
		String uniqueId = "%d.%d".formatted(Instant.now().getEpochSecond(), n);
		CompletableFuture<FakeChannel> moved = this.redirected.computeIfAbsent(channel,
				(name) -> new CompletableFuture<>());
		this.callIds.add(uniqueId);
		boolean inOutage = this.outage.active;
		if (inOutage) {
			this.outage.offered.incrementAndGet();
		}
		boolean over = false;
		try {
			long t0 = System.nanoTime();
			AgiTranscript ivr = this.asterisk.call(this.agiPort, "ivr")
				.callerId("+44207%07d".formatted(n % 10_000_000))
				.dnid(line)
				.extension(line)
				.channel(channel)
				.uniqueId(uniqueId)
				.caller(Caller.presses("1"))
				.start()
				.awaitEnd(AGI_TIMEOUT);
			if (this.measuring) {
				this.ivrTimes.add(System.nanoTime() - t0);
			}
			if (inOutage) {
				this.outage.ivrTimes.add(System.nanoTime() - t0);
			}
			String next = ivr.variable("SB_NEXT");
			if (!ivr.closedByScript()) {
				deadAir(inOutage);
			}
			else if (next == null) {
				fallback("ivr", inOutage);
			}
			else if (inOutage) {
				this.outage.routed.incrementAndGet();
			}
			FakeChannel caller = this.asterisk.channel(channel).orElseThrow();
			if (this.dialplanTraffic) {
				dialplanTraffic(caller);
			}
			if ("wait".equals(next)) {
				this.routed.incrementAndGet();
				this.waited.incrementAndGet();
				long queued = System.nanoTime();
				if (!moved.isDone()) {
					this.asterisk.park(caller);
				}
				this.waitingNow.add(channel);
				try {
					caller = moved.get(this.patience.toMillis(), TimeUnit.MILLISECONDS);
					this.waitFates.put(channel, "moved");
					if (this.measuring) {
						this.waits.add(System.nanoTime() - queued);
					}
				}
				catch (TimeoutException ex) {
					this.waitFates.put(channel, "abandoned");
					this.abandoned.incrementAndGet();
					this.asterisk.callerHangsUp(channel);
					over = true;
					return;
				}
				finally {
					this.waitingNow.remove(channel);
				}
			}
			else if ("connect".equals(next)) {
				this.routed.incrementAndGet();
				this.connectedAtOnce.incrementAndGet();
			}
			else {
				fail("ivr SB_NEXT=" + next);
				return;
			}
			AgiTranscript connect = this.asterisk.resume(caller, this.agiPort, "connect").start().awaitEnd(AGI_TIMEOUT);
			String target = connect.variable("SB_TARGET");
			if (target == null) {
				if (!connect.closedByScript()) {
					deadAir(false);
				}
				else if (connect.variable("SB_NEXT") == null) {
					fallback("connect", false);
				}
				fail("connect without SB_TARGET");
				return;
			}
			FakeChannel agentLeg = FakeChannel
				.of(target + "-%08x".formatted(this.agentLegs.incrementAndGet()), target.substring(6), "Agent")
				.linkedTo(caller);
			leg(agentLeg, true);
			this.asterisk.ami().push(AmiEvents.dialBegin(caller, agentLeg, target));
			this.asterisk.ami().push(AmiEvents.dialEnd(caller, agentLeg, "ANSWER"));
			this.answered.incrementAndGet();
			Thread.sleep(this.talk);
			leg(agentLeg, false);
			this.asterisk.ami().push(AmiEvents.hangup(agentLeg, 16, "Normal Clearing"));
			// as the shipped dialplan runs it: DIALSTATUS as the argument (SB_CALL is
			// empty)
			AgiTranscript result = this.asterisk.resume(caller, this.agiPort, "dial-result")
				.args("ANSWER")
				.start()
				.awaitEnd(AGI_TIMEOUT);
			if (!"hangup".equals(result.variable("SB_NEXT"))) {
				if (!result.closedByScript()) {
					deadAir(false);
				}
				else if (result.variable("SB_NEXT") == null) {
					fallback("dial-result", false);
				}
				fail("dial-result SB_NEXT=" + result.variable("SB_NEXT"));
				return;
			}
			this.asterisk.callerHangsUp(channel);
			over = true;
			this.completed.incrementAndGet();
		}
		catch (Exception | AssertionError ex) {
			if (ex instanceof AssertionError) {
				// a FastAGI session that did not end by the script in time
				deadAir(inOutage);
			}
			fail(ex.getClass().getSimpleName() + ": " + String.valueOf(ex.getMessage()).replaceAll("\\d", "#"));
		}
		finally {
			if (!over) {
				this.asterisk.callerHangsUp(channel);
			}
			this.redirected.remove(channel);
			this.live.decrementAndGet();
		}
	}

	/**
	 * What a real Asterisk 20 also raises on AMI during one call of this dialplan,
	 * besides the events the fake Asterisk sends for what it does (counts from a captured
	 * call: a VarSet for every Set and every AGI variable, a Newexten per dialplan step,
	 * AGIExec around every AGI command, state and connected-line changes, the CDR).
	 * Switchboard uses none of them; manager.conf's eventfilter keeps them from it.
	 */
	private void dialplanTraffic(FakeChannel caller) {
		String[] variables = { "SB_NEXT", "AGISTATUS", "SB_TARGET", "SB_RING_TIMEOUT", "DIALSTATUS", "DIALEDPEERNAME",
				"BRIDGEPEER", "BRIDGEPVTCALLID", "ANSWEREDTIME", "DIALEDTIME", "RTPAUDIOQOS", "SB_WAIT_STARTED" };
		for (int i = 0; i < 50; i++) {
			this.asterisk.ami().push(AmiEvents.varSet(caller, variables[i % variables.length], String.valueOf(i)));
		}
		for (int i = 0; i < 12; i++) {
			this.asterisk.ami().push(AmiEvents.newexten(caller, (i % 3 == 0) ? "AGI" : "Set", "SB_NEXT="));
		}
		for (int i = 0; i < 6; i++) {
			this.asterisk.ami().push(AmiEvents.agiExec(caller, "AGIExecStart", i));
			this.asterisk.ami().push(AmiEvents.agiExec(caller, "AGIExecEnd", i));
		}
		for (int i = 0; i < 3; i++) {
			this.asterisk.ami().push(AmiEvents.newstate(caller));
		}
		this.asterisk.ami().push(AmiEvents.dtmfEnd(caller, '1', 120));
	}

	private void leg(FakeChannel leg, boolean up) {
		synchronized (this.liveLegs) {
			if (up) {
				this.liveLegs.put(leg.name(), leg);
			}
			else {
				this.liveLegs.remove(leg.name());
			}
			this.asterisk.ami().channels(this.liveLegs.values().toArray(FakeChannel[]::new));
		}
	}

	private void fallback(String script, boolean inOutage) {
		this.fallbacks.computeIfAbsent(script, (key) -> new AtomicInteger()).incrementAndGet();
		if (inOutage) {
			this.outage.fallback.incrementAndGet();
		}
	}

	private void deadAir(boolean inOutage) {
		this.deadAir.incrementAndGet();
		if (inOutage) {
			this.outage.deadAir.incrementAndGet();
		}
	}

	private void fail(String why) {
		this.failed.incrementAndGet();
		this.failures.computeIfAbsent(why.length() > 120 ? why.substring(0, 120) : why, (key) -> new AtomicInteger())
			.incrementAndGet();
	}

	/** The fault injected under load, if any. */
	private enum Fault {

		NONE, REDIS, AMI

	}

	/** What happened around the fault; instants from System.nanoTime. */
	private static final class Outage {

		volatile boolean active;

		volatile long start;

		volatile long end;

		volatile long loggedIn;

		volatile long reported;

		volatile int liveAtStart;

		volatile int waitingAtStart;

		volatile Set<String> waitingAtEnd = Set.of();

		volatile int stillOnTheirChannel;

		final AtomicInteger offered = new AtomicInteger();

		final AtomicInteger routed = new AtomicInteger();

		final AtomicInteger fallback = new AtomicInteger();

		final AtomicInteger deadAir = new AtomicInteger();

		final Latencies ivrTimes = new Latencies();

	}

	/** The records found in the stream at the end, and the writer's meters. */
	private record Records(Set<String> written, long entries, double pending, double dropped) {

	}

	/** CPU time used so far, in nanoseconds, by each of the three processes. */
	private record Cpu(double switchboard, double generator, double redis) {

		static Cpu now(SwitchboardProcess switchboard, JedisPooled redis) {
			double sb = switchboard.cpuNanos();
			double gen = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
				.getProcessCpuTime();
			double rd = 0;
			for (String line : redis.info("cpu").split("\r?\n")) {
				if (line.startsWith("used_cpu_user:") || line.startsWith("used_cpu_sys:")) {
					rd += Double.parseDouble(line.substring(line.indexOf(':') + 1)) * 1e9;
				}
			}
			return new Cpu(sb, gen, rd);
		}

		Cpu minus(Cpu before) {
			return new Cpu(this.switchboard - before.switchboard, this.generator - before.generator,
					this.redis - before.redis);
		}

	}

	/** What the sampler saw of Switchboard's JVM every two seconds while measuring. */
	private static final class Sampled {

		volatile boolean measuring;

		int peakLive;

		long liveSum;

		int liveSamples;

		double peakHeap;

		double peakLiveData;

		double maxHeap;

		double peakThreads;

		double peakPending;

		double cpuSum;

		int cpuSamples;

		void sample(SwitchboardProcess switchboard, int live) {
			if (!this.measuring) {
				return;
			}
			this.peakLive = Math.max(this.peakLive, live);
			this.liveSum += live;
			this.liveSamples++;
			String scraped = switchboard.get("/actuator/prometheus");
			if (scraped.isEmpty()) {
				return;
			}
			this.peakHeap = Math.max(this.peakHeap,
					switchboard.meter(scraped, "jvm_memory_used_bytes", "area=\"heap\""));
			this.maxHeap = switchboard.meter(scraped, "jvm_memory_max_bytes", "area=\"heap\"");
			this.peakLiveData = Math.max(this.peakLiveData,
					switchboard.meter(scraped, "jvm_gc_live_data_size_bytes", ""));
			this.peakThreads = Math.max(this.peakThreads, switchboard.meter(scraped, "jvm_threads_live_threads", ""));
			this.peakPending = Math.max(this.peakPending,
					switchboard.meter(scraped, "switchboard_callrecord_pending", ""));
			this.cpuSum += switchboard.meter(scraped, "process_cpu_usage", "");
			this.cpuSamples++;
		}

		double meanLive() {
			return (this.liveSamples == 0) ? 0 : (double) this.liveSum / this.liveSamples;
		}

		double meanCpu() {
			return (this.cpuSamples == 0) ? 0 : this.cpuSum / this.cpuSamples;
		}

	}

}
