package org.switchboard;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README stays a newcomer's page whose commands are CI's, every link of it and of
 * docs/ leads somewhere, and docs/configuration.md names every setting there is.
 */
class DocsTest {

	private static final Path README = Path.of("README.md");

	private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(?:#[^)]*)?\\)");

	@Test
	void theReadmeIsShortAndItsTestCommandIsTheOneCiRuns() throws IOException {
		List<String> readme = Files.readAllLines(README);
		String ci = Files.readString(Path.of(".ci/run"));

		assertThat(readme.size()).as("README lines").isLessThanOrEqualTo(160);
		assertThat(readme).contains("./mvnw spring-boot:run", "./mvnw -B verify");
		assertThat(ci).contains("\n./mvnw -B verify\n");
	}

	@Test
	void everyLinkOfTheReadmeAndTheDocsLeadsToAFileThatExists() throws IOException {
		List<String> broken = new ArrayList<>();
		List<Path> pages = new ArrayList<>(List.of(README));
		try (var docs = Files.list(Path.of("docs"))) {
			docs.filter((path) -> path.toString().endsWith(".md")).forEach(pages::add);
		}
		for (Path page : pages) {
			Matcher link = LINK.matcher(Files.readString(page));
			while (link.find()) {
				String target = link.group(1);
				if (target.startsWith("http")) {
					continue;
				}
				Path resolved = page.resolveSibling(target).normalize();
				if (!Files.exists(resolved)) {
					broken.add(page + " -> " + target);
				}
			}
		}
		assertThat(broken).as("links to nothing").isEmpty();
	}

	@Test
	void everySettingIsInTheConfigurationPage() throws IOException, ClassNotFoundException {
		String page = Files.readString(Path.of("docs", "configuration.md"));
		List<String> missing = new ArrayList<>();
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
		List<String> found = new ArrayList<>();
		for (BeanDefinition candidate : scanner.findCandidateComponents("org.switchboard")) {
			Class<?> settings = Class.forName(candidate.getBeanClassName());
			if (!settings.isRecord()) {
				continue;
			}
			found.add(settings.getSimpleName());
			String prefix = settings.getAnnotation(ConfigurationProperties.class).value();
			for (String key : keys(prefix, settings)) {
				if (!page.contains("`" + key)) {
					missing.add(key);
				}
			}
		}
		assertThat(found).contains("RoutingSettings", "AmiSettings", "IvrSettings");
		assertThat(missing).as("settings docs/configuration.md does not name").isEmpty();
	}

	/** The keys of a settings record: nested records are walked, maps end the key. */
	private static List<String> keys(String prefix, Class<?> type) {
		List<String> keys = new ArrayList<>();
		for (RecordComponent component : type.getRecordComponents()) {
			String key = prefix + "." + kebab(component.getName());
			Class<?> value = component.getType();
			if (value.isRecord() && !value.getPackageName().startsWith("java")) {
				keys.addAll(keys(key, value));
			}
			else {
				keys.add(key);
			}
		}
		return keys;
	}

	private static String kebab(String name) {
		return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
	}

}
