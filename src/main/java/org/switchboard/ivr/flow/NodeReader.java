package org.switchboard.ivr.flow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

import org.switchboard.common.Fields;
import org.switchboard.common.Fields.Entry;
import org.switchboard.call.Mailboxes;

/**
 * Reads one node of a flow file into its {@link Node} record, checking every field
 * against the rest of the file, and notes where the node can go next for
 * {@link FlowGraph}.
 */
final class NodeReader {

	static final Pattern ATTRIBUTE = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

	private static final List<String> TYPES = List.of("play", "menu", "collect", "language", "branch", "route",
			"voicemail", "callback", "hangup", "goto");

	private static final List<String> TARGET_FIELDS = List.of("next", "failure", "target", "otherwise", "options",
			"cases");

	private static final String DIGITS = "0123456789*#";

	private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

	private static final int DEFAULT_RETRIES = 3;

	private final String id;

	private final Fields fields;

	private final Declarations declared;

	private final List<FlowGraph.Edge> edges = new ArrayList<>();

	private NodeReader(String id, Fields fields, Declarations declared) {
		this.id = id;
		this.fields = fields;
		this.declared = declared;
	}

	/** Reads the node; its step holds no record if any of its fields has a problem. */
	static FlowGraph.Step read(String id, Fields fields, Declarations declared, Problems problems) {
		int before = problems.count();
		NodeReader reader = new NodeReader(id, fields, declared);
		Node node = reader.node();
		if (node != null) {
			fields.reportUnknownFields();
		}
		return new FlowGraph.Step(id, fields.line(), (problems.count() == before) ? node : null, reader.edges);
	}

	private Node node() {
		Optional<Entry> typeEntry = this.fields.require("type");
		Optional<String> type = typeEntry.flatMap(this.fields::text);
		if (type.isEmpty()) {
			guessEdges();
			return null;
		}
		return switch (type.get()) {
			case "play" -> new Node.Play(this.id, prompts("prompts"), target("next"));
			case "menu" -> new Node.Menu(this.id, prompt("prompt"), digits("options", this::target), timeout(),
					retries(), optionalPrompt("invalid"), optionalPrompt("noInput"), target("failure"));
			case "collect" -> collect();
			case "language" -> new Node.Language(this.id, prompt("prompt"), digits("options", this::language),
					timeout(), retries(), target("next"));
			case "branch" -> new BranchReader(this.id, this.fields, this.declared, this).read();
			case "route" -> new Node.Route(this.id, skills(), text("queue"), this.fields.number("priority", 0, 0, 9));
			case "voicemail" -> new Node.Voicemail(this.id, optionalPrompt("prompt"), mailbox());
			case "callback" -> new Node.Callback(this.id, optionalPrompt("prompt"), text("queue"), skills());
			case "hangup" -> new Node.Hangup(this.id, optionalPrompt("prompt"));
			case "goto" -> new Node.Goto(this.id, target("target"));
			default -> {
				this.fields.problem(typeEntry.get(),
						"unknown type '" + type.get() + "', expected one of " + String.join(", ", TYPES));
				guessEdges();
				yield null;
			}
		};
	}

	private Node.Collect collect() {
		Prompt prompt = prompt("prompt");
		int minDigits = this.fields.number("minDigits", 1, 1, 32);
		int maxDigits = this.fields.requiredNumber("maxDigits", 1, 32);
		if (minDigits > maxDigits) {
			this.fields.problem("minDigits", "minDigits > maxDigits: " + minDigits + " > " + maxDigits);
		}
		Optional<Character> terminator = this.fields.get("terminator").flatMap(this::terminator);
		Duration timeout = timeout();
		int retries = retries();
		Node.DigitsRule rule = DigitsRuleReader.read(this.fields);
		String attribute = text("attribute");
		if (attribute != null && !ATTRIBUTE.matcher(attribute).matches()) {
			this.fields.problem("attribute", "not a name like caseNumber: '" + attribute + "'");
		}
		boolean sensitive = this.fields.flag("sensitive", false);
		return new Node.Collect(this.id, prompt, minDigits, maxDigits, terminator, timeout, retries, rule, attribute,
				sensitive, optionalPrompt("invalid"), optionalPrompt("noInput"), target("next"), target("failure"));
	}

	private Optional<Character> terminator(Entry entry) {
		Optional<String> text = this.fields.text(entry);
		if (text.isPresent() && !text.get().equals("#") && !text.get().equals("*")) {
			this.fields.problem(entry, "not # or *: '" + text.get() + "'");
			return Optional.empty();
		}
		return text.map((terminator) -> terminator.charAt(0));
	}

	private Map<String, Integer> skills() {
		Map<String, Integer> skills = new LinkedHashMap<>();
		this.fields.require("skills").flatMap((entry) -> this.fields.map(entry, "skill")).ifPresent((map) -> {
			if (map.entries().isEmpty()) {
				this.fields.problem("skills", "no skills");
			}
			for (Entry skill : map.entries()) {
				map.number(skill, 1, 5).ifPresent((level) -> skills.put(skill.key(), level));
			}
		});
		return skills;
	}

	/**
	 * A map from digit to a value read by {@code value}, e.g. a target node or a
	 * language.
	 */
	private Map<Character, String> digits(String key, BiFunction<Fields, Entry, Optional<String>> value) {
		Map<Character, String> digits = new LinkedHashMap<>();
		this.fields.require(key).flatMap((entry) -> this.fields.map(entry, "digit")).ifPresent((map) -> {
			if (map.entries().isEmpty()) {
				this.fields.problem(key, "no options");
			}
			for (Entry entry : map.entries()) {
				Optional<String> read = value.apply(map, entry);
				if (entry.key().length() != 1 || DIGITS.indexOf(entry.key().charAt(0)) < 0) {
					map.problem(entry, "not a single digit 0-9, * or #: '" + entry.key() + "'");
				}
				else {
					read.ifPresent((text) -> digits.put(entry.key().charAt(0), text));
				}
			}
		});
		return digits;
	}

	private Optional<String> language(Fields map, Entry entry) {
		Optional<String> language = map.text(entry);
		if (language.isPresent() && !this.declared.languages().contains(language.get())) {
			map.problem(entry, Prompts.notDeclared(language.get(), this.declared.languages()));
			return Optional.empty();
		}
		return language;
	}

	String target(String key) {
		return this.fields.require(key).flatMap((entry) -> target(this.fields, entry)).orElse(null);
	}

	Optional<String> target(Fields map, Entry entry) {
		Optional<String> target = map.text(entry);
		if (target.isPresent() && !this.declared.nodes().contains(target.get())) {
			map.problem(entry, "unknown target '" + target.get() + "'");
			return Optional.empty();
		}
		target.ifPresent((node) -> this.edges.add(new FlowGraph.Edge(entry.field(), node)));
		return target;
	}

	/**
	 * Where a node of unknown type seems to lead, so its targets are not reported
	 * unreachable.
	 */
	private void guessEdges() {
		for (String key : TARGET_FIELDS) {
			this.fields.peek(key)
				.stream()
				.filter(this.declared.nodes()::contains)
				.forEach((target) -> this.edges.add(new FlowGraph.Edge(key, target)));
		}
	}

	private String text(String key) {
		return this.fields.requiredText(key).orElse(null);
	}

	/** The mailbox number, from {@code 1000} or {@code 1000@switchboard}. */
	private String mailbox() {
		String written = text("mailbox");
		if (written == null) {
			return null;
		}
		try {
			return Mailboxes.number(written);
		}
		catch (IllegalArgumentException ex) {
			this.fields.problem("mailbox", ex.getMessage());
			return null;
		}
	}

	private Duration timeout() {
		return this.fields.duration("timeout", DEFAULT_TIMEOUT, Duration.ofSeconds(1), Duration.ofSeconds(60));
	}

	private int retries() {
		return this.fields.number("retries", DEFAULT_RETRIES, 0, 10);
	}

	private Prompt prompt(String key) {
		return this.fields.require(key)
			.flatMap((entry) -> Prompts.referred(this.fields, entry, this.declared))
			.orElse(null);
	}

	private Optional<Prompt> optionalPrompt(String key) {
		return this.fields.get(key).flatMap((entry) -> Prompts.referred(this.fields, entry, this.declared));
	}

	private List<Prompt> prompts(String key) {
		List<Prompt> prompts = new ArrayList<>();
		this.fields.require(key).map(this.fields::items).ifPresent((items) -> {
			if (items.isEmpty()) {
				this.fields.problem(key, "no prompts");
			}
			for (Entry item : items) {
				Prompts.referred(this.fields, item, this.declared).ifPresent(prompts::add);
			}
		});
		return prompts;
	}

}
