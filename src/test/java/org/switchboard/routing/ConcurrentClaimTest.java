package org.switchboard.routing;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Connection;
import redis.clients.jedis.JedisPooled;

import org.switchboard.redis.TestRedis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Switchboard instances, each with its own Redis client, claim and release the same
 * 50 agents from 8 threads: no agent is ever held for two calls at once.
 */
class ConcurrentClaimTest {

	private static final List<String> SKILLS = List.of("billing", "tech", "sales", "de", "fr");

	private static final int AGENTS = 50;

	private static final int THREADS = 8;

	private static final int CLAIMS_PER_THREAD = 1000;

	private static JedisPooled first;

	private static JedisPooled second;

	@BeforeAll
	static void connect() {
		first = client();
		second = client();
	}

	@AfterAll
	static void close() {
		first.close();
		second.close();
	}

	@Test
	void twoInstancesNeverHandOneAgentTwoCalls() throws Exception {
		String siteName = "concurrent-test-" + ProcessHandle.current().pid();
		TestSite one = new TestSite(first, siteName);
		TestSite two = new TestSite(second, siteName);
		Random random = new Random(42);
		for (int i = 0; i < AGENTS; i++) {
			Map<String, Integer> skills = new HashMap<>();
			for (String skill : SKILLS) {
				if (random.nextInt(3) > 0) {
					skills.put(skill, 1 + random.nextInt(5));
				}
			}
			one.readyAgent("agent-" + i, skills);
		}

		Map<String, String> holders = new ConcurrentHashMap<>();
		List<String> faults = new CopyOnWriteArrayList<>();
		AtomicInteger claimed = new AtomicInteger();
		AtomicInteger released = new AtomicInteger();
		ExecutorService threads = Executors.newFixedThreadPool(THREADS);
		List<Future<?>> done = new ArrayList<>();
		for (int t = 0; t < THREADS; t++) {
			TestSite instance = (t % 2 == 0) ? one : two;
			long seed = t;
			done.add(threads.submit(() -> {
				Random dice = new Random(seed);
				Deque<String> held = new ArrayDeque<>();
				for (int c = 0; c < CLAIMS_PER_THREAD; c++) {
					String callId = "call-" + seed + "-" + c;
					CallNeeds call = new CallNeeds(callId, "any", needs(dice), 0, instance.clock.instant());
					instance.claims.claim(call).ifPresent((agent) -> {
						claimed.incrementAndGet();
						String before = holders.putIfAbsent(agent, callId);
						if (before != null) {
							faults.add(agent + " held by " + before + ", claimed for " + callId);
						}
						held.add(agent);
					});
					if (held.size() > dice.nextInt(4)) {
						release(instance, held.poll(), holders, faults, released);
					}
				}
				held.forEach((agent) -> release(instance, agent, holders, faults, released));
				return null;
			}));
		}
		for (Future<?> thread : done) {
			thread.get();
		}
		threads.shutdown();

		assertThat(faults).isEmpty();
		assertThat(claimed.get()).isEqualTo(released.get()).isGreaterThan(THREADS * CLAIMS_PER_THREAD / 2);
		assertThat(first.zcard(one.keys.key("agents", "ready"))).isEqualTo(AGENTS);
		assertThat(first.zcard(one.keys.key("agents", "leases"))).isZero();
	}

	private static void release(TestSite instance, String agent, Map<String, String> holders, List<String> faults,
			AtomicInteger released) {
		// forget the holder first: the agent may be claimed again the moment it is
		// released
		String callId = holders.remove(agent);
		if (!instance.agents.release(agent)) {
			faults.add(agent + " was no longer reserved for " + callId + " at its release");
		}
		released.incrementAndGet();
	}

	/** One or two skills at a low level, so most calls find someone. */
	private static Map<String, Integer> needs(Random dice) {
		Map<String, Integer> needs = new HashMap<>();
		int count = 1 + dice.nextInt(2);
		while (needs.size() < count) {
			needs.put(SKILLS.get(dice.nextInt(SKILLS.size())), 1 + dice.nextInt(2));
		}
		return needs;
	}

	private static JedisPooled client() {
		GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
		pool.setMaxTotal(THREADS);
		return new JedisPooled(pool, URI.create(TestRedis.url()));
	}

}
