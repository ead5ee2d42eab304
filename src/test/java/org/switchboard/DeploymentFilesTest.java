package org.switchboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.telephony.AgiScript;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The files that deploy Switchboard beside Asterisk stay coherent: every YAML file
 * parses, and every AGI script the dialplan calls is one Switchboard serves.
 */
@SwitchboardTest
class DeploymentFilesTest {

	private static final Path root = Path.of("").toAbsolutePath();

	@Test
	void everyYamlFileParses() throws IOException {
		List<Path> yamlFiles = files((path) -> path.toString().endsWith(".yml") || path.toString().endsWith(".yaml"));

		assertThat(yamlFiles).extracting((path) -> root.relativize(path).toString())
			.contains("docker-compose.yml", "src/main/resources/application.yml");
		for (Path file : yamlFiles) {
			Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
			try {
				yaml.loadAll(Files.readString(file)).forEach((document) -> {
				});
			}
			catch (RuntimeException ex) {
				throw new AssertionError(root.relativize(file) + " does not parse: " + ex.getMessage(), ex);
			}
		}
	}

	@Test
	void composeRunsTheWholeStack() throws IOException {
		Object compose = new Yaml(new SafeConstructor(new LoaderOptions()))
			.load(Files.readString(root.resolve("docker-compose.yml")));

		assertThat(compose).extracting("services")
			.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.containsKeys("asterisk", "redis", "switchboard", "prometheus", "grafana");
	}

	@Test
	void everyScriptTheDialplanCallsIsServed(@Autowired List<AgiScript> scripts) throws IOException {
		Set<String> called = scriptsCalledByDialplan();

		assertThat(called).contains("ivr", "tick", "connect", "dial-result", "survey", "agent");
		assertThat(scripts).extracting(AgiScript::name).containsAll(called);
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
