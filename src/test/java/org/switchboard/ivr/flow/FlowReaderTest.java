package org.switchboard.ivr.flow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.tuple;

class FlowReaderTest {

	/** A small flow that reads; most tests change one thing in it. */
	private static final String VALID = """
			lines: ["8000"]
			languages: [en, de]
			start: main
			prompts:
			  menu: {en: en/menu, de: custom/de/menu}
			nodes:
			  main: {type: menu, prompt: menu, options: {"1": billing, "2": bye}, failure: billing}
			  billing: {type: route, skills: {billing: 2}, queue: billing}
			  bye: {type: hangup}
			""";

	private final FlowReader reader = new FlowReader();

	@Test
	void readsEveryKindOfNodeIntoItsRecord() {
		String yaml = """
				name: support-line
				lines: ["8000", "+4930231250*"]
				languages: [en, de]
				fallbackLanguage: de
				start: language
				prompts:
				  beep: beep
				  menu: {en: en/menu, de: custom/de/menu}
				  sorry: {en: en/vm-sorry, "*": custom/sorry}
				nodes:
				  language: {type: language, prompt: custom/choose-language, options: {"1": en, "2": de}, retries: 2, next: open}
				  open: {type: branch, on: schedule, cases: {open: main, closed: night}, otherwise: night}
				  main:
				    type: menu
				    prompt: menu
				    options: {"1": billing, "2": case, "3": hours, "#": bye}
				    timeout: 7s
				    invalid: sorry
				    failure: billing
				  case: {type: collect, prompt: menu, minDigits: 6, maxDigits: 8, terminator: "#", validate: {range: [100000, 99999999]}, attribute: caseNumber, sensitive: true, invalid: beep, noInput: {en: en/vm-sorry, de: custom/de/vm-sorry}, next: known, failure: billing}
				  known: {type: branch, on: "attribute:caseNumber", cases: {"123456": tier2}, otherwise: by-country}
				  by-country: {type: branch, on: country, cases: {DE: tier2}, otherwise: billing}
				  hours: {type: play, prompts: [beep, {en: en/hours, de: custom/de/hours}], next: back}
				  back: {type: goto, target: main}
				  night: {type: branch, on: time-of-day, zone: Europe/Berlin, cases: {"18:00-22:00": cb}, otherwise: vm}
				  billing: {type: route, skills: {billing: 2}, queue: billing}
				  tier2: {type: route, skills: {support: 4, german: 3}, queue: tier2, priority: 5}
				  vm: {type: voicemail, mailbox: "1000@switchboard", prompt: {en: en/vm-intro, de: custom/de/vm-intro}}
				  cb: {type: callback, queue: billing, skills: {billing: 1}}
				  bye: {type: hangup, prompt: beep}
				""";

		Flow flow = this.reader.read("support.yml", yaml);

		Prompt menu = new Prompt(Map.of("en", "en/menu", "de", "custom/de/menu"));
		assertThat(flow.name()).isEqualTo("support-line");
		assertThat(flow.lines()).containsExactly("8000", "+4930231250*");
		assertThat(flow.languages()).containsExactly("en", "de");
		assertThat(flow.fallbackLanguage()).isEqualTo("de");
		assertThat(flow.start()).isEqualTo("language");
		assertThat(flow.source()).isEqualTo("support.yml");
		assertThat(flow.nodes()).hasSize(14);
		assertThat(flow.node("language")).isEqualTo(new Node.Language("language", Prompt.of("custom/choose-language"),
				Map.of('1', "en", '2', "de"), Duration.ofSeconds(5), 2, "open"));
		assertThat(flow.node("open")).isEqualTo(new Node.Branch("open", new Node.Condition.ScheduleOpen(),
				Map.of("open", "main", "closed", "night"), "night"));
		assertThat(flow.node("main"))
			.isEqualTo(new Node.Menu("main", menu, Map.of('1', "billing", '2', "case", '3', "hours", '#', "bye"),
					Duration.ofSeconds(7), 3, Optional.of(new Prompt(Map.of("en", "en/vm-sorry", "*", "custom/sorry"))),
					Optional.empty(), "billing"));
		assertThat(flow.node("case")).isEqualTo(new Node.Collect("case", menu, 6, 8, Optional.of('#'),
				Duration.ofSeconds(5), 3, new Node.DigitsRule.NumberRange(100000, 99999999), "caseNumber", true,
				Optional.of(Prompt.of("beep")),
				Optional.of(new Prompt(Map.of("en", "en/vm-sorry", "de", "custom/de/vm-sorry"))), "known", "billing"));
		assertThat(flow.node("known")).isEqualTo(new Node.Branch("known", new Node.Condition.Attribute("caseNumber"),
				Map.of("123456", "tier2"), "by-country"));
		assertThat(flow.node("by-country")).isEqualTo(
				new Node.Branch("by-country", new Node.Condition.CallerCountry(), Map.of("DE", "tier2"), "billing"));
		assertThat(flow.node("hours")).isEqualTo(new Node.Play("hours",
				List.of(Prompt.of("beep"), new Prompt(Map.of("en", "en/hours", "de", "custom/de/hours"))), "back"));
		assertThat(flow.node("back")).isEqualTo(new Node.Goto("back", "main"));
		assertThat(flow.node("night")).isEqualTo(new Node.Branch("night", new Node.Condition.TimeOfDay("Europe/Berlin"),
				Map.of("18:00-22:00", "cb"), "vm"));
		assertThat(flow.node("tier2"))
			.isEqualTo(new Node.Route("tier2", Map.of("support", 4, "german", 3), "tier2", 5));
		assertThat(flow.node("billing")).isEqualTo(new Node.Route("billing", Map.of("billing", 2), "billing", 0));
		assertThat(flow.node("vm")).isEqualTo(new Node.Voicemail("vm",
				Optional.of(new Prompt(Map.of("en", "en/vm-intro", "de", "custom/de/vm-intro"))), "1000"));
		assertThat(flow.node("cb"))
			.isEqualTo(new Node.Callback("cb", Optional.empty(), "billing", Map.of("billing", 1)));
		assertThat(flow.node("bye")).isEqualTo(new Node.Hangup("bye", Optional.of(Prompt.of("beep"))));
	}

	@Test
	void namesTheFlowAfterItsFileAndVersionsItByItsText() {
		Flow flow = this.reader.read("support.yml", VALID);
		Flow edited = this.reader.read("support.yml", VALID.replace("queue: billing", "queue: accounts"));

		assertThat(flow.name()).isEqualTo("support");
		assertThat(flow.fallbackLanguage()).isEqualTo("en");
		assertThat(flow.version()).matches("[0-9a-f]{12}").isNotEqualTo(edited.version());
		assertThat(this.reader.read("support.yml", VALID).version()).isEqualTo(flow.version());
	}

	@Test
	void theExampleInTheReadersDocumentationReads() throws IOException {
		String source = Files.readString(Path.of("src/main/java/org/switchboard/ivr/flow/FlowReader.java"));
		String example = source.substring(source.indexOf("<pre>{@code") + "<pre>{@code".length(),
				source.indexOf("}</pre>"));
		String yaml = example.lines()
			.map((line) -> line.replaceFirst("^\\s*\\* ?", ""))
			.reduce("", (text, line) -> text + line + "\n");

		Flow flow = this.reader.read("support.yml", yaml);

		assertThat(flow.nodes()).containsKeys("choose-language", "main", "case", "hours", "vm", "cb", "goodbye");
	}

	@Test
	void reportsAnUnknownTypeWithTheTypesThereAre() {
		String yaml = VALID.replace("bye: {type: hangup}", "bye: {type: hangpu}");

		FlowProblem problem = onlyProblem(yaml);

		assertPlace(problem, "bye", "type", lineOf(yaml, "hangpu"));
		assertThat(problem.message()).isEqualTo(
				"unknown type 'hangpu', expected one of play, menu, collect, language, branch, route, voicemail, callback, hangup, goto");
	}

	@Test
	void readsAMailboxAsItsNumberAndReportsOneOfAnotherVoicemailContext() {
		String withVoicemail = VALID.replace("failure: billing}", "failure: vm}")
				+ "  vm: {type: voicemail, mailbox: \"1000@switchboard\"}\n";
		assertThat(((Node.Voicemail) this.reader.read("support.yml", withVoicemail).node("vm")).mailbox())
			.isEqualTo("1000");
		String plain = withVoicemail.replace("\"1000@switchboard\"", "\"1000\"");
		assertThat(((Node.Voicemail) this.reader.read("support.yml", plain).node("vm")).mailbox()).isEqualTo("1000");

		String yaml = withVoicemail.replace("\"1000@switchboard\"", "\"1000@default\"");
		FlowProblem problem = onlyProblem(yaml);

		assertPlace(problem, "vm", "mailbox", lineOf(yaml, "vm: {type: voicemail"));
		assertThat(problem.message()).isEqualTo("mailbox not in voicemail context switchboard: '1000@default'");
		assertThat(onlyProblem(withVoicemail.replace("\"1000@switchboard\"", "\"1000@switchboard@switchboard\""))
			.message()).isEqualTo("not a mailbox like 1000 or 1000@switchboard: '1000@switchboard@switchboard'");
	}

	@Test
	void reportsAMissingRequiredFieldAtItsNode() {
		String yaml = VALID.replace(", queue: billing", "");

		FlowProblem problem = onlyProblem(yaml);

		assertPlace(problem, "billing", "queue", lineOf(yaml, "billing: {type: route"));
		assertThat(problem.message()).isEqualTo("required but missing");
	}

	@Test
	void reportsAnUnknownFieldAndTheKnownOneItIsLikely() {
		String yaml = VALID.replace("failure: billing}", "failure: billing, noinput: menu}");

		FlowProblem problem = onlyProblem(yaml);

		assertPlace(problem, "main", "noinput", lineOf(yaml, "noinput"));
		assertThat(problem.message()).isEqualTo("unknown field, did you mean 'noInput'?");
	}

	@Test
	void reportsAnUnknownFieldWithTheFieldsThereAre() {
		String yaml = VALID.replace("bye: {type: hangup}", "bye: {type: hangup, colour: red}");

		FlowProblem problem = onlyProblem(yaml);

		assertPlace(problem, "bye", "colour", lineOf(yaml, "colour"));
		assertThat(problem.message()).isEqualTo("unknown field, expected one of type, prompt");
	}

	@Test
	void reportsDurationsThatAreOutOfRangeOrNotDurations() {
		String yaml = withCase("maxDigits: 8, timeout: soon").replace("failure: billing}",
				"failure: billing, timeout: 90s}");

		assertThat(problems(yaml)).extracting(FlowProblem::node, FlowProblem::field, FlowProblem::message)
			.containsExactly(tuple("main", "timeout", "not within 1s..60s: 90s"),
					tuple("case", "timeout", "not a duration like 5s or 500ms: 'soon'"));
	}

	@Test
	void reportsAFlagThatIsNeitherTrueNorFalse() {
		String yaml = withCase("maxDigits: 8, sensitive: maybe");

		FlowProblem problem = onlyProblem(yaml);

		assertPlace(problem, "case", "sensitive", lineOf(yaml, "sensitive"));
		assertThat(problem.message()).isEqualTo("not true or false: 'maybe'");
	}

	@Test
	void reportsNumbersOutOfRangeWithTheirValue() {
		String yaml = VALID.replace("failure: billing}", "failure: billing, retries: 11}")
			.replace("skills: {billing: 2}, queue: billing", "skills: {billing: 6}, queue: billing, priority: ten");

		assertThat(problems(yaml)).extracting(FlowProblem::node, FlowProblem::field, FlowProblem::message)
			.containsExactly(tuple("main", "retries", "not within 0..10: 11"),
					tuple("billing", "skills.billing", "not within 1..5: 6"),
					tuple("billing", "priority", "not a whole number: 'ten'"));
	}

	@Test
	void reportsUnknownTargetsInEveryFieldThatNamesANode() {
		String yaml = """
				lines: ["8000"]
				languages: [en]
				start: language
				nodes:
				  language: {type: language, prompt: custom/language, options: {"1": en}, next: menuu}
				  main: {type: menu, prompt: custom/menu, options: {"7": billingg}, failure: operatorr}
				  case: {type: collect, prompt: custom/case, maxDigits: 6, attribute: caseNumber, next: tier22, failure: operator}
				  open: {type: branch, on: schedule, cases: {open: mainn}, otherwise: closedd}
				  again: {type: goto, target: mian}
				  hours: {type: play, prompts: custom/hours, next: byee}
				  operator: {type: route, skills: {general: 1}, queue: general}
				""";

		assertThat(problems(yaml)).filteredOn((problem) -> problem.message().startsWith("unknown target"))
			.extracting(FlowProblem::node, FlowProblem::field, FlowProblem::line, FlowProblem::message)
			.containsExactly(tuple("language", "next", 5, "unknown target 'menuu'"),
					tuple("main", "options.7", 6, "unknown target 'billingg'"),
					tuple("main", "failure", 6, "unknown target 'operatorr'"),
					tuple("case", "next", 7, "unknown target 'tier22'"),
					tuple("open", "cases.open", 8, "unknown target 'mainn'"),
					tuple("open", "otherwise", 8, "unknown target 'closedd'"),
					tuple("again", "target", 9, "unknown target 'mian'"),
					tuple("hours", "next", 10, "unknown target 'byee'"));
	}

	@Test
	void reportsAnUnknownStart() {
		String yaml = VALID.replace("start: main", "start: mian");

		FlowProblem problem = onlyProblem(yaml);

		assertPlace(problem, null, "start", 3);
		assertThat(problem.message()).isEqualTo("unknown start node 'mian'");
	}

	@Test
	void reportsAnUnknownNamedPrompt() {
		String yaml = VALID.replace("prompt: menu", "prompt: mneu");

		FlowProblem problem = onlyProblem(yaml);

		assertPlace(problem, "main", "prompt", lineOf(yaml, "mneu"));
		assertThat(problem.message()).isEqualTo("unknown prompt 'mneu'");
	}

	@Test
	void reportsAPromptWithoutASoundForADeclaredLanguage() {
		String yaml = VALID.replace("languages: [en, de]", "languages: [en, de, pl]")
			.replace("bye: {type: hangup}", "bye: {type: hangup, prompt: {en: en/vm-goodbye}}");

		assertThat(problems(yaml))
			.extracting(FlowProblem::node, FlowProblem::field, FlowProblem::line, FlowProblem::message)
			.containsExactly(tuple(null, "prompts.menu", 5, "no sound for language pl"),
					tuple("bye", "prompt", lineOf(yaml, "vm-goodbye"), "no sound for languages de, pl"));
	}

	@Test
	void aSingleSoundServesEveryLanguage() {
		String yaml = VALID.replace("menu: {en: en/menu, de: custom/de/menu}", "menu: custom/menu")
			.replace("bye: {type: hangup}", "bye: {type: hangup, prompt: custom/goodbye}");

		Flow flow = this.reader.read("support.yml", yaml);

		assertThat(flow.node("bye")).isEqualTo(new Node.Hangup("bye", Optional.of(Prompt.of("custom/goodbye"))));
		assertThat(((Node.Menu) flow.node("main")).prompt().sound("de", "en")).isEqualTo("custom/menu");
	}

	@Test
	void reportsADigitUsedTwiceInOneOptionsMapWithBothLines() {
		String yaml = VALID.replace("""
				main: {type: menu, prompt: menu, options: {"1": billing, "2": bye}, failure: billing}""", """
				main:
				    type: menu
				    prompt: menu
				    options:
				      1: billing
				      2: bye
				      "1": bye
				    failure: billing""");

		FlowProblem problem = onlyProblem(yaml);

		assertPlace(problem, "main", "options.1", lineOf(yaml, "\"1\": bye"));
		assertThat(problem.message()).isEqualTo("digit '1' used twice, first at line " + lineOf(yaml, "1: billing"));
	}

	@Test
	void reportsAnOptionKeyThatIsNotASingleDigit() {
		String yaml = VALID.replace("\"2\": bye", "\"12\": bye, \"*\": bye, \"#\": bye");

		FlowProblem problem = onlyProblem(yaml);

		assertPlace(problem, "main", "options.12", lineOf(yaml, "\"12\""));
		assertThat(problem.message()).isEqualTo("not a single digit 0-9, * or #: '12'");
	}

	@Test
	void reportsALanguageOptionNamingALanguageTheFlowDoesNotDeclare() {
		String yaml = VALID.replace("start: main", "start: language").replace("nodes:\n", """
				nodes:
				  language: {type: language, prompt: custom/language, options: {"1": en, "2": de, "3": fr}, next: main}
				""");

		FlowProblem problem = onlyProblem(yaml);

		assertPlace(problem, "language", "options.3", lineOf(yaml, "fr}"));
		assertThat(problem.message()).isEqualTo("language 'fr' is not in languages [en, de]");
	}

	@Test
	void reportsAFallbackLanguageTheFlowDoesNotDeclare() {
		String yaml = VALID.replace("languages: [en, de]", "languages: [en, de]\nfallbackLanguage: fr");

		FlowProblem problem = onlyProblem(yaml);

		assertPlace(problem, null, "fallbackLanguage", 3);
		assertThat(problem.message()).isEqualTo("language 'fr' is not in languages [en, de]");
	}

	@Test
	void reportsANodeThatCannotBeReachedFromTheStart() {
		String yaml = VALID + "  vm: {type: voicemail, mailbox: \"1000@switchboard\"}\n";

		FlowProblem problem = onlyProblem(yaml);

		assertPlace(problem, "vm", null, lineOf(yaml, "vm:"));
		assertThat(problem.message()).isEqualTo("not reachable from start 'main'");
	}

	@Test
	void reportsALoopThatNeverWaitsForTheCaller() {
		String yaml = VALID.replace("\"2\": bye", "\"2\": hours") + """
				  hours: {type: play, prompts: custom/hours, next: open}
				  open: {type: branch, on: schedule, cases: {open: again}, otherwise: bye}
				  again: {type: goto, target: hours}
				""";

		FlowProblem problem = onlyProblem(yaml);

		assertPlace(problem, "hours", "next", lineOf(yaml, "hours: {type: play"));
		assertThat(problem.message())
			.isEqualTo("loop that never waits for the caller: hours -> open -> again -> hours");
	}

	@Test
	void aLoopThroughAMenuWaitsForTheCallerAndIsFine() {
		String yaml = VALID.replace("\"2\": bye", "\"2\": hours, \"9\": bye") + """
				  hours: {type: play, prompts: custom/hours, next: again}
				  again: {type: goto, target: main}
				""";

		assertThatNoException().isThrownBy(() -> this.reader.read("support.yml", yaml));
	}

	@Test
	void reportsANodeWithNoWayOut() {
		String yaml = VALID.replace("\"2\": bye", "\"2\": bye, \"3\": trap") + """
				  trap: {type: menu, prompt: menu, options: {"1": trap-too}, failure: trap}
				  trap-too: {type: menu, prompt: menu, options: {"1": trap}, failure: trap-too}
				""";

		assertThat(problems(yaml))
			.extracting(FlowProblem::node, FlowProblem::field, FlowProblem::line, FlowProblem::message)
			.containsExactly(
					tuple("trap", null, lineOf(yaml, "trap: {"),
							"no way out: no route, voicemail, callback or hangup can be reached from here"),
					tuple("trap-too", null, lineOf(yaml, "trap-too: {"),
							"no way out: no route, voicemail, callback or hangup can be reached from here"));
	}

	@Test
	void reportsAMistakeOnceRatherThanAgainAsADeadEnd() {
		String yaml = VALID.replace(", failure: billing}", "}").replace("\"1\": billing, \"2\": bye", "\"1\": main");

		assertThat(problems(yaml)).extracting(FlowProblem::node, FlowProblem::field, FlowProblem::message)
			.containsExactly(tuple("main", "failure", "required but missing"),
					tuple("billing", null, "not reachable from start 'main'"),
					tuple("bye", null, "not reachable from start 'main'"));
	}

	@Test
	void reportsAnInvalidRegex() {
		String yaml = withCase("maxDigits: 8, validate: {regex: \"[0-9{6,8}\"}");

		FlowProblem problem = onlyProblem(yaml);

		assertPlace(problem, "case", "validate.regex", lineOf(yaml, "regex"));
		assertThat(problem.message()).startsWith("invalid regex '[0-9{6,8}': Unclosed character class");
	}

	@Test
	void reportsARangeWhoseMinIsAboveItsMax() {
		String yaml = withCase("maxDigits: 8, validate: {range: [99999999, 100000]}");

		FlowProblem problem = onlyProblem(yaml);

		assertPlace(problem, "case", "validate.range", lineOf(yaml, "range"));
		assertThat(problem.message()).isEqualTo("range min > max: 99999999 > 100000");
	}

	@Test
	void reportsAnUnknownDigitsRule() {
		String yaml = withCase("maxDigits: 8, validate: luhm");

		FlowProblem problem = onlyProblem(yaml);

		assertPlace(problem, "case", "validate", lineOf(yaml, "luhm"));
		assertThat(problem.message())
			.isEqualTo("unknown rule 'luhm', expected luhn, {regex: ...} or {range: [min, max]}");
	}

	@Test
	void reportsACollectWhoseMinDigitsIsAboveMaxDigits() {
		String yaml = withCase("minDigits: 9, maxDigits: 8");

		FlowProblem problem = onlyProblem(yaml);

		assertPlace(problem, "case", "minDigits", lineOf(yaml, "minDigits"));
		assertThat(problem.message()).isEqualTo("minDigits > maxDigits: 9 > 8");
	}

	@Test
	void reportsAFlowWithNoLines() {
		assertThat(problems(VALID.replace("lines: [\"8000\"]", "lines: []")))
			.extracting(FlowProblem::node, FlowProblem::field, FlowProblem::line, FlowProblem::message)
			.containsExactly(tuple(null, "lines", 1, "no lines: the flow would answer no dialled number"));
		assertThat(problems(VALID.replace("lines: [\"8000\"]\n", "")))
			.extracting(FlowProblem::field, FlowProblem::line, FlowProblem::message)
			.containsExactly(tuple("lines", 0, "no lines: the flow would answer no dialled number"));
	}

	@Test
	void reportsLinesThatAreNotDialledNumbers() {
		String yaml = VALID.replace("lines: [\"8000\"]", "lines: [\"8000\", \"+49 30\", \"8000\"]");

		assertThat(problems(yaml)).extracting(FlowProblem::field, FlowProblem::message)
			.containsExactly(tuple("lines[1]", "not a dialled number like 8000, +4930123456 or +4930*: '+49 30'"),
					tuple("lines[2]", "line '8000' listed twice"));
	}

	@Test
	void reportsBranchCasesThatDoNotFitTheCondition() {
		String yaml = VALID.replace("\"2\": bye",
				"\"2\": by-country, \"3\": by-time, \"4\": by-schedule, \"5\": by-case")
				+ """
						  by-country: {type: branch, on: country, cases: {Germany: bye}, otherwise: bye}
						  by-time: {type: branch, on: time-of-day, zone: Europe/Berln, cases: {"08:00-17:00": bye}, otherwise: bye}
						  by-schedule: {type: branch, on: schedule, cases: {opened: bye}, otherwise: bye}
						  by-case: {type: branch, on: "attribute:caseNumber", cases: {"123456": bye}, otherwise: bye}
						""";

		assertThat(problems(yaml)).extracting(FlowProblem::node, FlowProblem::field, FlowProblem::message)
			.containsExactly(
					tuple("by-country", "cases.Germany", "not an ISO 3166 alpha-2 country code like DE: 'Germany'"),
					tuple("by-time", "zone", "unknown time zone 'Europe/Berln'"),
					tuple("by-schedule", "cases.opened", "expected open or closed: 'opened'"),
					tuple("by-case", "on", "no collect node stores attribute 'caseNumber'"));
	}

	@Test
	void reportsATimeWindowThatIsNotHoursAndMinutes() {
		String yaml = VALID.replace("\"2\": bye", "\"2\": by-time")
				+ """
						  by-time: {type: branch, on: time-of-day, cases: {"08:00-25:00": bye, "22:00-06:00": main}, otherwise: bye}
						""";

		FlowProblem problem = onlyProblem(yaml);

		assertPlace(problem, "by-time", "cases.08:00-25:00", lineOf(yaml, "by-time: {"));
		assertThat(problem.message()).isEqualTo("not a time window like 08:00-17:30: '08:00-25:00'");
	}

	@Test
	void reportsASoundWrittenWithAFileExtension() {
		String yaml = VALID.replace("bye: {type: hangup}", "bye: {type: hangup, prompt: custom/goodbye.wav}");

		FlowProblem problem = onlyProblem(yaml);

		assertPlace(problem, "bye", "prompt", lineOf(yaml, "goodbye.wav"));
		assertThat(problem.message()).startsWith("sound with a file extension: 'custom/goodbye.wav'");
	}

	@Test
	void reportsYamlThatDoesNotParseWithItsLine() {
		String yaml = VALID.replace("start: main", "start: main\n  oops: [");

		FlowProblem problem = onlyProblem(yaml);

		assertPlace(problem, null, null, 4);
		assertThat(problem.message()).startsWith("not valid YAML: ");
	}

	@Test
	void reportsAnUnterminatedQuoteWhereTheTextEnds() {
		String yaml = VALID.replace("queue: billing}", "queue: 'billing}");

		FlowProblem problem = onlyProblem(yaml);

		assertPlace(problem, null, null, yaml.lines().toList().size() + 1);
		assertThat(problem.message())
			.isEqualTo("not valid YAML: while scanning a quoted scalar, found unexpected end of stream");
	}

	@Test
	void refusesASecondDocumentInTheFile() {
		String yaml = VALID + "---\nlines: [\"9000\"]\n";

		FlowProblem problem = onlyProblem(yaml);

		assertPlace(problem, null, null, lineOf(yaml, "---"));
		assertThat(problem.message())
			.isEqualTo("not valid YAML: expected a single document in the stream, but found another document");
	}

	@Test
	void readsAnAliasAsTheValueOfItsAnchor() {
		String yaml = """
				lines: ["8000"]
				languages: [en]
				start: main
				nodes:
				  main: {type: menu, prompt: en/menu, options: {"1": billing, "2": copy}, failure: billing}
				  billing: &route {type: route, skills: {billing: 2}, queue: billing}
				  copy: *route
				""";

		Flow flow = this.reader.read("support.yml", yaml);

		assertThat(flow.node("copy")).isEqualTo(new Node.Route("copy", Map.of("billing", 2), "billing", 0));
	}

	@Test
	void aKeyThatIsNotASingleValueIsNotValidYaml() {
		String yaml = VALID.replace("  bye: {type: hangup}", "  bye: {type: hangup}\n  ? [a, b]\n  : bye");

		FlowProblem problem = onlyProblem(yaml);

		assertPlace(problem, null, null, lineOf(yaml, "? [a, b]"));
		assertThat(problem.message()).isEqualTo("not valid YAML: a key is not a single value");
	}

	@Test
	void reportsEveryProblemTogetherInFileOrder() {
		String yaml = """
				lines: []
				languages: [en]
				fallbackLanguage: de
				start: main
				nodes:
				  main: {type: menu, prompt: custom/menu, options: {"1": billing, "x": bye}, retries: 12, failure: billing}
				  billing: {type: route, skills: {billing: 2}}
				  bye: {type: hangup, promt: custom/goodbye}
				""";

		InvalidFlowException thrown = invalid(yaml);

		assertThat(thrown.problems()).extracting(FlowProblem::line, FlowProblem::node, FlowProblem::field)
			.containsExactly(tuple(1, null, "lines"), tuple(3, null, "fallbackLanguage"), tuple(6, "main", "options.x"),
					tuple(6, "main", "retries"), tuple(7, "billing", "queue"), tuple(8, "bye", "promt"));
		assertThat(thrown.getMessage()).startsWith("invalid flow support.yml, 6 problems:")
			.contains("support.yml:6: node 'main', field 'retries': not within 0..10: 12")
			.contains("support.yml:8: node 'bye', field 'promt': unknown field, did you mean 'prompt'?");
	}

	/** The valid flow with a collect node {@code case} holding {@code fields}. */
	private static String withCase(String fields) {
		return VALID.replace("\"2\": bye", "\"2\": bye, \"3\": case") + "  case: {type: collect, prompt: menu, "
				+ fields + ", attribute: caseNumber, next: billing, failure: bye}\n";
	}

	private InvalidFlowException invalid(String yaml) {
		try {
			this.reader.read("support.yml", yaml);
		}
		catch (InvalidFlowException ex) {
			return ex;
		}
		throw new AssertionError("expected problems, but this flow reads:\n" + yaml);
	}

	private List<FlowProblem> problems(String yaml) {
		return invalid(yaml).problems();
	}

	private FlowProblem onlyProblem(String yaml) {
		List<FlowProblem> problems = problems(yaml);
		assertThat(problems).as("problems").hasSize(1);
		return problems.get(0);
	}

	private static void assertPlace(FlowProblem problem, String node, String field, int line) {
		assertThat(problem).extracting(FlowProblem::file, FlowProblem::node, FlowProblem::field, FlowProblem::line)
			.as(problem.toString())
			.containsExactly("support.yml", node, field, line);
	}

	/** The line, counted from 1, where {@code text} first appears. */
	private static int lineOf(String yaml, String text) {
		List<String> lines = yaml.lines().toList();
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).contains(text)) {
				return i + 1;
			}
		}
		throw new AssertionError("no line with '" + text + "' in:\n" + yaml);
	}

}
