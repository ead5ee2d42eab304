package org.switchboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationEventPublisher;
import org.switchboard.fakeasterisk.Caller;
import org.switchboard.fakeasterisk.FakeAsterisk;
import org.switchboard.call.CallEvent.AgentReserved;
import org.switchboard.call.CallEvent;
import org.switchboard.call.AgiScript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.switchboard.SwitchboardTest.OFFICE_HOURS;

/**
 * The files that deploy Switchboard beside Asterisk stay coherent: every YAML file
 * parses, every AGI script the dialplan calls is one Switchboard serves, and every meter
 * the Grafana dashboard asks for is one Switchboard publishes.
 */
@SwitchboardTest
class DeploymentFilesTest {

	private static final Path root = Path.of("").toAbsolutePath();

	private static final YAMLMapper yaml = new YAMLMapper();

	@Test
	void everyYamlFileParses() throws IOException {
		List<Path> yamlFiles = files((path) -> path.toString().endsWith(".yml") || path.toString().endsWith(".yaml"));

		assertThat(yamlFiles).extracting((path) -> root.relativize(path).toString())
			.contains("docker-compose.yml", "src/main/resources/application.yml");
		for (Path file : yamlFiles) {
			try (MappingIterator<Object> documents = yaml.readerFor(Object.class).readValues(Files.readString(file))) {
				documents.readAll();
			}
			catch (IOException | RuntimeException ex) {
				throw new AssertionError(root.relativize(file) + " does not parse: " + ex.getMessage(), ex);
			}
		}
	}

	@Test
	void composeRunsTheWholeStack() throws IOException {
		Object compose = yaml.readValue(Files.readString(root.resolve("docker-compose.yml")), Map.class);

		assertThat(compose).extracting("services")
			.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.containsKeys("asterisk", "redis", "switchboard", "prometheus", "grafana");
	}

	@Test
	@SuppressWarnings("unchecked")
	void composeRendersSwitchboardsPromptsIntoAsterisksSounds() throws IOException {
		Map<String, Object> compose = yaml.readValue(Files.readString(root.resolve("docker-compose.yml")), Map.class);
		Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");

		Map<String, Object> sounds = services.get("asterisk-sounds");
		assertThat((List<String>) sounds.get("volumes")).contains("./prompts:/prompts:ro", "asterisk-sounds:/sounds");
		assertThat(String.join("\n", (List<String>) sounds.get("command"))).contains("espeak-ng", "sox",
				"/prompts/render.sh /sounds");
		assertThat((List<String>) services.get("asterisk").get("volumes"))
			.contains("asterisk-sounds:/var/lib/asterisk/sounds");
		assertThat(root.resolve("prompts/render.sh")).isExecutable();
	}

	@Test
	void everyScriptTheDialplanCallsIsServed(@Autowired List<AgiScript> scripts) throws IOException {
		Set<String> called = scriptsCalledByDialplan();

		assertThat(called).contains("ivr", "tick", "connect", "dial-result", "survey", "agent");
		assertThat(scripts).extracting(AgiScript::name).containsAll(called);
	}

	/**
	 * res_agi reports AGISTATUS=FAILURE for a whole session once a STREAM FILE found no
	 * sound file, although the script went on and set SB_NEXT: after the scripts that
	 * play prompts, a missing prompt must not send the call to the fallback or run the
	 * script again on the second Switchboard.
	 */
	@Test
	void afterScriptsThatPlayPromptsSbNextAloneDecides() throws IOException {
		List<String> dialplan = Files.readAllLines(root.resolve("dialplans/extensions.conf"));
		int checked = 0;
		for (int i = 0; i < dialplan.size(); i++) {
			if (!dialplan.get(i).matches(".*AGI\\(agi://\\$\\{SB_AGI_HOST}/(ivr|tick|survey)\\).*")) {
				continue;
			}
			assertThat(dialplan.get(i + 1)).as("retry on the second Switchboard after line %d", i + 1)
				.contains("ExecIf(")
				.contains("\"${SB_NEXT}\" = \"\"");
			assertThat(dialplan.get(i + 2)).as("the route taken after line %d", i + 1)
				.contains("GotoIf(")
				.doesNotContain("AGISTATUS");
			checked++;
		}
		assertThat(checked).isEqualTo(4);
	}

	@Test
	void theDashboardAsksForMetersSwitchboardPublishes(@Autowired ApplicationEventPublisher events,
			@Autowired FakeAsterisk asterisk, @Autowired TestRestTemplate http,
			@Value("${switchboard.agi.port}") int agiPort) throws IOException {
		Path dashboard = root.resolve("monitoring/grafana/dashboards/switchboard.json");
		List<String> queries = new ArrayList<>();
		new ObjectMapper().readTree(dashboard.toFile())
			.findValues("expr")
			.forEach((expr) -> queries.add(expr.asText()));
		assertThat(queries).as("queries of " + root.relativize(dashboard)).hasSizeGreaterThan(5);
		// one IVR call that is routed, one answered call and one abandoned one, so that
		// every meter has a series
		asterisk.call(agiPort, "ivr")
			.callerId("+4930123456")
			.dnid("8000")
			.caller(Caller.presses("1").then(Caller.presses("1")))
			.start()
			.awaitEnd(Duration.ofSeconds(10));
		Instant now = OFFICE_HOURS.instant().minusSeconds(60);
		String answered = "dash-" + UUID.randomUUID();
		String abandoned = "dash-" + UUID.randomUUID();
		String agentLeg = "PJSIP/dash-agent-1";
		for (Object event : List.of(new CallEvent.CallArrived(answered, "8000", "+49301234**", now),
				new CallEvent.CallQueued(answered, "dash", Optional.of("DE"), Map.of(), 0, Optional.of("dash-agent"),
						now),
				new AgentReserved(answered, "dash-agent", now.plusSeconds(30), false, now),
				new CallEvent.CallAnswered(answered, agentLeg, "PJSIP/dash-agent", now.plusSeconds(2)),
				new CallEvent.AgentLegEnded(answered, agentLeg, now.plusSeconds(20)),
				new CallEvent.CallerHungUp(answered, now.plusSeconds(21)),
				new CallEvent.WrapUpEnded(answered, "dash-agent", now.plusSeconds(30)),
				new CallEvent.CallArrived(abandoned, "8000", "+49301234**", now),
				new CallEvent.CallQueued(abandoned, "dash", Optional.of("DE"), Map.of(), 0, Optional.empty(), now),
				new CallEvent.CallerHungUp(abandoned, now.plusSeconds(3)))) {
			events.publishEvent(event);
		}

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			String page = http.getForObject("/actuator/prometheus", String.class);
			Set<String> series = new TreeSet<>();
			page.lines().filter((line) -> !line.startsWith("#")).forEach((line) -> series.add(line.split("[{ ]")[0]));
			for (String query : queries) {
				Matcher meter = Pattern.compile("switchboard_[a-z_]+").matcher(query);
				while (meter.find()) {
					assertThat(series).as("meter of the dashboard query %s", query).contains(meter.group());
				}
				Matcher bucket = Pattern.compile("(switchboard_[a-z_]+_bucket)\\{le=\"([0-9.]+)\"").matcher(query);
				while (bucket.find()) {
					assertThat(page).as("bucket of the dashboard query %s", query)
						.containsPattern(Pattern.quote(bucket.group(1)) + "\\{[^}]*le=\""
								+ Pattern.quote(bucket.group(2)) + "\"");
				}
			}
		});
	}

	static Set<String> scriptsCalledByDialplan() throws IOException {
		Pattern agi = Pattern.compile("AGI\\(agi://[^/]+/([A-Za-z0-9_-]+)");
		Set<String> scripts = new TreeSet<>();
		for (Path file : files(
				(path) -> path.startsWith(root.resolve("dialplans")) && path.toString().endsWith(".conf"))) {
			Matcher matcher = agi.matcher(Files.readString(file));
			while (matcher.find()) {
				scripts.add(matcher.group(1));
			}
		}
		return scripts;
	}

	private static List<Path> files(java.util.function.Predicate<Path> wanted) throws IOException {
		try (Stream<Path> all = Files.walk(root)) {
			return all.filter(Files::isRegularFile)
				.filter((path) -> !path.startsWith(root.resolve("target")) && !path.startsWith(root.resolve(".git")))
				.filter(wanted)
				.sorted()
				.toList();
		}
	}

}
