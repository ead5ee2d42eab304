package org.switchboard.routing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import org.switchboard.SwitchboardApplication;
import org.switchboard.SwitchboardTest;
import org.switchboard.agent.Agent;
import org.switchboard.agent.Agents;
import org.switchboard.call.CallControl;
import org.switchboard.fakeasterisk.AgiTranscript;
import org.switchboard.fakeasterisk.FakeAsterisk;
import org.switchboard.ivr.FlowRegistry;
import org.switchboard.ivr.IvrSettings;
import org.switchboard.redis.TestRedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two whole Switchboard applications on one Redis site, as two instances behind one
 * Asterisk: thousands of claims from both never hand one agent two calls, and a call
 * routed by one instance is moved by the other when an agent it serves becomes ready.
 */
@SwitchboardTest
class TwoInstancesTest {

	private static final int AGENTS = 20;

	private static final int THREADS = 4;

	private static final int CLAIMS_PER_THREAD = 750;

	private static ConfigurableApplicationContext second;

	@Autowired
	AgentClaims claims;

	@Autowired
	Agents agents;

	@Autowired
	WaitingLine line;

	@Autowired
	FakeAsterisk asterisk;

	@Autowired
	CallControl control;

	@Autowired
	IvrSettings ivr;

	@Value("${switchboard.agi.port}")
	int agiPort;

	@BeforeAll
	static void startTheSecondInstance(@Value("${switchboard.site}") String site,
			@Value("${switchboard.ivr.flows-dir}") String flows) throws IOException {
		second = new SpringApplicationBuilder(SwitchboardApplication.class)
			.initializers(
					(context) -> context.getBeanFactory().registerSingleton("clock", SwitchboardTest.OFFICE_HOURS))
			.run("--switchboard.site=" + site, "--switchboard.redis.url=" + TestRedis.url(),
					"--switchboard.agi.port=" + freePort(), "--server.port=0", "--switchboard.ami.enabled=false",
					"--switchboard.ivr.flows-dir=" + flows);
	}

	@AfterAll
	static void stopTheSecondInstance() {
		second.close();
	}

	@Test
	void claimsFromBothInstancesNeverHandOneAgentTwoCalls() throws Exception {
		AgentClaims other = second.getBean(AgentClaims.class);
		Agents otherAgents = second.getBean(Agents.class);
		for (int i = 0; i < AGENTS; i++) {
			readyAgent("two-" + i, Map.of("twoinst", 1 + i % 5));
		}
		Map<String, String> holders = new ConcurrentHashMap<>();
		List<String> faults = new CopyOnWriteArrayList<>();
		AtomicInteger claimed = new AtomicInteger();
		ExecutorService threads = Executors.newFixedThreadPool(THREADS);
		List<Future<?>> done = new ArrayList<>();
		for (int t = 0; t < THREADS; t++) {
			boolean first = t % 2 == 0;
			AgentClaims instance = first ? this.claims : other;
			Agents instanceAgents = first ? this.agents : otherAgents;
			int thread = t;
			done.add(threads.submit(() -> {
				Deque<String> held = new ArrayDeque<>();
				for (int c = 0; c < CLAIMS_PER_THREAD; c++) {
					String callId = "two-" + thread + "-" + c;
					instance
						.claim(new CallNeeds(callId, "twoinst", Map.of("twoinst", 1), 0,
								SwitchboardTest.OFFICE_HOURS.instant()))
						.ifPresent((agent) -> {
							claimed.incrementAndGet();
							String before = holders.putIfAbsent(agent, callId);
							if (before != null) {
								faults.add(agent + " held by " + before + ", claimed for " + callId);
							}
							held.add(agent);
						});
					if (held.size() > c % 3) {
						String agent = held.poll();
						holders.remove(agent);
						if (!instanceAgents.release(agent)) {
							faults.add(agent + " was not reserved any more at its release");
						}
					}
				}
				held.forEach((agent) -> {
					holders.remove(agent);
					instanceAgents.release(agent);
				});
				return null;
			}));
		}
		for (Future<?> thread : done) {
			thread.get();
		}
		threads.shutdown();

		assertThat(faults).isEmpty();
		assertThat(claimed.get()).isGreaterThanOrEqualTo(THREADS * CLAIMS_PER_THREAD / 2);
	}

	@Test
	void aCallWaitingOnOneInstanceIsMovedByTheOtherWhenAnAgentBecomesReady() throws Exception {
		Files.writeString(this.ivr.flowsDir().resolve("two-instances.yml"), """
				name: two-instances
				lines: ["7990"]
				languages: [en]
				start: agent
				nodes:
				  agent: {type: route, skills: {twomove: 1}, queue: twomove}
				""");
		second.getBean(FlowRegistry.class).reload();
		int otherAgi = second.getEnvironment().getProperty("switchboard.agi.port", Integer.class);
		AgiTranscript ivr = this.asterisk.call(otherAgi, "ivr")
			.callerId("+442071234567")
			.dnid("7990")
			.channel("PJSIP/carrier-two-1")
			.uniqueId("1795999001.1")
			.start()
			.awaitEnd(Duration.ofSeconds(10));
		assertThat(ivr.variable("SB_NEXT")).isEqualTo("wait");
		this.asterisk.park(this.asterisk.channel("PJSIP/carrier-two-1").orElseThrow());

		// the agent becomes ready through this instance, the only one with an AMI link;
		// it can Redirect only once that link is up
		await().atMost(Duration.ofSeconds(10)).until(this.control::connected);
		readyAgent("two-mover", Map.of("twomove", 2));

		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.asterisk.ami()
				.actions()
				.stream()
				.anyMatch((action) -> action.name().equalsIgnoreCase("Redirect")
						&& "PJSIP/carrier-two-1".equals(action.get("Channel"))));
		assertThat(this.line.size("twomove")).isZero();
	}

	private void readyAgent(String id, Map<String, Integer> skills) {
		this.agents.save(new Agent(id, "Agent " + id, "PJSIP/" + id, skills, Set.of("en"), "support"));
		// the agent's phone registers, as Switchboard hears from Asterisk
		this.asterisk.phoneRegisters(id, "sip:" + id + "@127.0.0.1:5091");
		await().atMost(Duration.ofSeconds(10)).until(() -> this.agents.status(id).orElseThrow().reachable());
		this.agents.login(id);
		this.agents.ready(id);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
