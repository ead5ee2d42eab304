package org.switchboard.ivr.flow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flows shipped in config/flows read without problems and do what their comments say.
 */
class ExampleFlowsTest {

	private static final Path FLOWS = Path.of("config", "flows");

	private final FlowReader reader = new FlowReader();

	@Test
	void everyExampleFlowReads() throws IOException {
		List<Path> files;
		try (Stream<Path> listed = Files.list(FLOWS)) {
			files = listed.filter((file) -> file.toString().endsWith(".yml")).sorted().toList();
		}

		assertThat(files).extracting((file) -> file.getFileName().toString()).contains("support.yml", "vip.yml");
		for (Path file : files) {
			String name = file.getFileName().toString();
			try {
				this.reader.read(name, Files.readString(file));
			}
			catch (InvalidFlowException ex) {
				throw new AssertionError(ex.getMessage(), ex);
			}
		}
	}

	@Test
	void supportLineChoosesALanguageThenChecksTheScheduleAndOffersFourChoices() throws IOException {
		Flow support = read("support.yml");

		assertThat(support.answers("8000")).isTrue();
		assertThat(support.languages()).containsExactly("en", "de", "fr", "ar", "pl");
		assertThat(support.node(support.start())).isInstanceOfSatisfying(Node.Language.class,
				(language) -> assertThat(language.languages()).hasSize(5));
		Node.Menu main = (Node.Menu) support.node("main");
		assertThat(main.options()).containsKeys('1', '2', '3', '4');
		assertThat(main.invalidPrompt()).isPresent();
		assertThat(main.timeoutPrompt()).isPresent();
		assertThat(support.node(main.failure())).isInstanceOf(Node.Route.class);
		Node.Collect caseNumber = (Node.Collect) support.node(main.options().get('3'));
		assertThat(caseNumber.minDigits()).isEqualTo(6);
		assertThat(caseNumber.maxDigits()).isEqualTo(8);
		Node.Play pleaseHold = (Node.Play) support.node(caseNumber.next());
		assertThat(support.node(pleaseHold.next())).isInstanceOfSatisfying(Node.Route.class,
				(tier2) -> assertThat(tier2.priority()).isPositive());
	}

	@Test
	void everyQuestionOfTheShippedFlowsAnswersSilenceAndAWrongKeyWithDifferentWords() throws IOException {
		for (String name : List.of("support.yml", "vip.yml")) {
			Flow flow = read(name);
			for (Node node : flow.nodes().values()) {
				Optional<Prompt> invalid = switch (node) {
					case Node.Menu menu -> menu.invalidPrompt();
					case Node.Collect collect -> collect.invalidPrompt();
					default -> null;
				};
				Optional<Prompt> silence = switch (node) {
					case Node.Menu menu -> menu.timeoutPrompt();
					case Node.Collect collect -> collect.noInputPrompt();
					default -> null;
				};
				if (invalid == null) {
					continue;
				}
				String where = name + " node " + node.id();
				assertThat(invalid).as(where + ": invalid").isPresent();
				assertThat(silence).as(where + ": noInput").isPresent();
				assertThat(silence).as(where + ": noInput says something else than invalid").isNotEqualTo(invalid);
			}
		}
	}

	@Test
	void theCallbackOfTheSupportLineOffersBeforeItThanks() throws IOException {
		Flow support = read("support.yml");
		Node.Callback callback = (Node.Callback) ((Node.Menu) support.node("closed-menu")).options()
			.values()
			.stream()
			.map(support::node)
			.filter(Node.Callback.class::isInstance)
			.findFirst()
			.orElseThrow();

		// Switchboard thanks the caller (callback-confirmed) once the number is
		// confirmed:
		// the node's own prompt comes before that and must not thank them already
		assertThat(callback.prompt())
			.hasValueSatisfying((prompt) -> assertThat(prompt.sound("en", "en")).isEqualTo("custom/en/callback-intro")
				.isNotEqualTo("custom/en/callback-confirmed"));
	}

	@Test
	void vipLineRoutesWithTheHighestPriority() throws IOException {
		Flow vip = read("vip.yml");

		assertThat(vip.nodes().values()).filteredOn(Node.Route.class::isInstance)
			.extracting((node) -> ((Node.Route) node).priority())
			.contains(9);
	}

	private Flow read(String name) throws IOException {
		return this.reader.read(name, Files.readString(FLOWS.resolve(name)));
	}

}
