package org.switchboard.ivr;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import redis.clients.jedis.JedisPooled;

import org.switchboard.redis.TestRedis;

/**
 * What one caller costs the IVR, against a bare Redis round trip measured in the same run
 * (the machines are noisy; the ratio is what to compare). Run it as docs/performance.md
 * says.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class IvrBenchmark {

	private FlowMachine flow;

	private IvrRunner runner;

	private JedisPooled redis;

	@Setup
	public void setUp() {
		this.flow = TestFlows.everyNode();
		this.runner = new IvrRunner(new IvrRunnerTest.FakeFacts(), Clock.systemUTC());
		this.redis = new JedisPooled(URI.create(TestRedis.url()));
	}

	@TearDown
	public void tearDown() {
		this.redis.close();
	}

	@Benchmark
	public Object createOnly() {
		return this.flow.create();
	}

	@Benchmark
	public Object createAndStart() {
		return this.flow.start();
	}

	/** A new state machine for a call, started at the flow's first node. */
	@Benchmark
	public Object createMachine() {
		FlowMachine.Run run = this.flow.start();
		run.stop();
		return run;
	}

	/**
	 * A whole small call: language menu, two branches, main menu, goodbye (5 nodes, 4
	 * prompts).
	 */
	@Benchmark
	public Object wholeSmallCall() {
		ScriptedCall call = new ScriptedCall("+4930123456", "7000", "en").keys("1", "9");
		return this.runner.run(this.flow, call, List.of());
	}

	/** The baseline: one PING to Redis over loopback. */
	@Benchmark
	public Object redisRoundTrip() {
		return this.redis.ping();
	}

}
