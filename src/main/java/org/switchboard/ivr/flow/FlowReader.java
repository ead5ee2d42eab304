package org.switchboard.ivr.flow;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.switchboard.common.Document;
import org.switchboard.common.Document.Words;
import org.switchboard.common.Fields;
import org.switchboard.common.Fields.Entry;

/**
 * Reads a flow file written by an admin into a validated {@link Flow}, or reports every
 * problem in it at once, each with its file, node, field and line. A flow looks like
 * this:
 *
 * <pre>{@code
 * name: support                 # optional, defaults to the file name without extension
 * lines: ["8000", "+4980012*"]  # dialled numbers it answers; a trailing * matches any rest
 * languages: [en, de]
 * fallbackLanguage: en          # optional, defaults to the first language; must be one of them
 * start: choose-language
 * prompts:                      # named prompts: one sound for every language, or language -> sound
 *   beep: beep
 *   main-menu: {en: custom/en/main-menu, de: custom/de/main-menu}
 *   invalid-option: {en: en/pm-invalid-option, de: custom/de/pm-invalid-option}
 *   no-input: {en: en/vm-sorry, de: custom/de/vm-sorry}
 *   enter-case: {en: custom/en/enter-case, de: custom/de/enter-case}
 *   invalid-entry: {en: en/privacy-incorrect, de: custom/de/privacy-incorrect}
 *   hours-intro: {en: custom/en/hours, de: custom/de/hours}
 *   leave-message: {en: en/vm-intro, de: custom/de/vm-intro}
 *   callback-offer: {en: custom/en/callback-offer, de: custom/de/callback-offer}
 *   goodbye: {en: en/vm-goodbye, de: custom/de/vm-goodbye}
 * nodes:
 *   choose-language: {type: language, prompt: custom/choose-language, options: {"1": en, "2": de}, timeout: 5s, retries: 2, next: is-open}
 *   is-open: {type: branch, on: schedule, cases: {open: main, closed: closed}, otherwise: closed}
 *   main:
 *     type: menu
 *     prompt: main-menu          # a named prompt, a sound with a folder like custom/x, or {en: ..., de: ...}
 *     options: {"1": billing, "2": tech, "3": case, "4": hours, "9": goodbye}   # 0-9, "*", "#"; quote them
 *     timeout: 5s                # default 5s; 1s..60s, or in ms like 500ms
 *     retries: 3                 # default 3; 0..10
 *     invalid: invalid-option    # optional prompt after a wrong digit
 *     noInput: no-input          # optional prompt after silence
 *     failure: operator          # where the call goes when retries are used up
 *   case:
 *     type: collect
 *     prompt: enter-case
 *     minDigits: 6               # default 1; 1..32 and minDigits <= maxDigits
 *     maxDigits: 8
 *     terminator: "#"            # optional; # or *
 *     timeout: 8s
 *     retries: 3
 *     validate: luhn             # luhn | {regex: "[0-9]{6,8}"} | {range: [100000, 99999999]}; omitted = any digits
 *     attribute: caseNumber      # the call attribute it stores: [A-Za-z][A-Za-z0-9_]*
 *     sensitive: false           # default false; true masks it in logs and records
 *     invalid: invalid-entry     # optional prompt after a wrong entry
 *     noInput: no-input          # optional prompt after silence (else the invalid one)
 *     next: tier2
 *     failure: operator
 *   hours: {type: play, prompts: [hours-intro, beep], next: again}   # prompts: one or a list
 *   again: {type: goto, target: main}
 *   tech: {type: branch, on: country, cases: {DE: tech-de}, otherwise: tech-any}
 *   closed: {type: branch, on: time-of-day, zone: Europe/Berlin, cases: {"18:00-22:00": cb}, otherwise: vm}
 *     # on: schedule (cases open, closed) | country (cases ISO alpha-2 like DE) | time-of-day (cases
 *     #   HH:mm-HH:mm, may pass midnight; zone default UTC) | attribute:<name> (cases the digits a collect stored)
 *   billing: {type: route, skills: {billing: 2}, queue: billing, priority: 0}   # skill levels 1..5; priority 0..9, default 0
 *   tech-de: {type: route, skills: {support: 2, german: 3}, queue: tech}
 *   tech-any: {type: route, skills: {support: 2}, queue: tech}
 *   tier2: {type: route, skills: {support: 4}, queue: tier2, priority: 5}
 *   operator: {type: route, skills: {general: 1}, queue: general}
 *   vm: {type: voicemail, mailbox: "1000", prompt: leave-message}   # or 1000@switchboard; prompt optional
 *   cb: {type: callback, queue: billing, skills: {billing: 1}, prompt: callback-offer}   # prompt optional: played before the number is asked for
 *   goodbye: {type: hangup, prompt: goodbye}   # prompt optional
 * }</pre>
 *
 * Beyond the form of each field it checks that every target, prompt and language named
 * exists; that every prompt has a sound for every language; that no options map uses a
 * digit twice; that every node is reachable from {@code start}; that no loop of play,
 * goto and branch nodes can spin without waiting for the caller; and that from every node
 * a route, voicemail, callback or hangup can be reached.
 */
public class FlowReader {

	private static final Pattern LINE = Pattern.compile("\\+?[0-9]+\\*?");

	private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}([_-][A-Za-z0-9]{2,8})*");

	private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

	/**
	 * Reads a flow file; {@code fileName} names it in problems and becomes the flow's
	 * source.
	 * @throws InvalidFlowException with every problem found, if there is any
	 */
	public Flow read(String fileName, String yamlText) {
		Problems problems = new Problems(fileName);
		Fields flow = parse(yamlText, problems);
		String name = flow.text("name").orElse(baseName(fileName));
		List<String> lines = lines(flow);
		List<String> languages = languages(flow);
		String fallbackLanguage = fallbackLanguage(flow, languages);
		Map<String, Prompt> prompts = new LinkedHashMap<>();
		Set<String> promptNames = new LinkedHashSet<>();
		prompts(flow, languages, prompts, promptNames);
		Optional<Entry> start = flow.require("start");
		Optional<Fields> nodeMap = flow.require("nodes").flatMap((entry) -> flow.map(entry, "node"));
		List<Entry> nodeEntries = nodeMap.map((map) -> List.copyOf(map.entries())).orElse(List.of());
		Set<String> ids = new LinkedHashSet<>(nodeEntries.stream().map(Entry::key).toList());
		Declarations declared = new Declarations(ids, languages, prompts, promptNames, attributes(nodeEntries));

		String startId = startId(flow, start, ids);
		if (nodeMap.isPresent() && nodeEntries.isEmpty()) {
			flow.problem("nodes", "no nodes");
		}
		Map<String, FlowGraph.Step> steps = new LinkedHashMap<>();
		for (Entry entry : nodeEntries) {
			steps.put(entry.key(), step(entry, declared, problems));
		}
		flow.reportUnknownFields();
		FlowGraph.check(steps, startId, problems);
		problems.throwIfAny();

		Map<String, Node> nodes = new LinkedHashMap<>();
		steps.forEach((id, step) -> nodes.put(id, step.node()));
		return new Flow(name, lines, languages, fallbackLanguage, startId, nodes, prompts, fileName, version(yamlText));
	}

	/**
	 * The flow's prompts by name, and every name written, even of a prompt that is wrong.
	 */
	private static void prompts(Fields flow, List<String> languages, Map<String, Prompt> prompts,
			Set<String> promptNames) {
		flow.get("prompts").flatMap((entry) -> flow.map(entry, "prompt")).ifPresent((map) -> {
			for (Entry prompt : map.entries()) {
				promptNames.add(prompt.key());
				Prompts.sounds(map, prompt, languages).ifPresent((read) -> prompts.put(prompt.key(), read));
			}
		});
	}

	/** The start node's id, or {@code null} after reporting it missing or unknown. */
	private static String startId(Fields flow, Optional<Entry> start, Set<String> ids) {
		String startId = start.flatMap(flow::text).orElse(null);
		if (startId != null && !ids.contains(startId)) {
			flow.problem("start", "unknown start node '" + startId + "'");
			return null;
		}
		return startId;
	}

	/**
	 * The top-level map of a YAML text; a text that is not YAML, or not a map, is a
	 * problem thrown at once since nothing else can be read.
	 */
	private static Fields parse(String text, Problems problems) {
		Document document = null;
		try {
			document = Document.yaml(text, false);
		}
		catch (Document.Unreadable ex) {
			problems.add(null, null, ex.line(), "not valid YAML: " + ex.getMessage());
		}
		if (document == null && problems.count() == 0) {
			problems.add(null, null, 0, "empty: a flow needs at least lines, languages, start and nodes");
		}
		else if (document != null && !(document instanceof Document.Mapping)) {
			problems.add(null, null, document.line(),
					"expected a map of flow fields, got " + Words.MAP.describe(document));
		}
		problems.throwIfAny();
		return Fields.of(Entry.root(document), "a map of flow fields", Words.MAP, problems.of(null)).orElseThrow();
	}

	/** One node of {@code nodes}, read into a step of the flow's graph. */
	private static FlowGraph.Step step(Entry entry, Declarations declared, Problems problems) {
		if (!NODE_ID.matcher(entry.key()).matches()) {
			problems.add(entry.key(), null, entry.line(),
					"not a node id of letters, digits, '-', '_' and '.': '" + entry.key() + "'");
		}
		Entry node = new Entry(entry.key(), "", entry.line(), entry.value());
		return Fields.of(node, "a map of fields like {type: hangup}", Words.MAP, problems.of(entry.key()))
			.map((fields) -> NodeReader.read(entry.key(), fields, declared, problems))
			.orElse(new FlowGraph.Step(entry.key(), entry.line(), null, List.of()));
	}

	private static List<String> lines(Fields flow) {
		List<String> lines = new ArrayList<>();
		List<Entry> items = flow.get("lines").map(flow::items).orElse(List.of());
		if (items.isEmpty()) {
			flow.problem("lines", "no lines: the flow would answer no dialled number");
		}
		for (Entry item : items) {
			flow.text(item).ifPresent((line) -> {
				if (!LINE.matcher(line).matches()) {
					flow.problem(item, "not a dialled number like 8000, +4930123456 or +4930*: '" + line + "'");
				}
				else if (lines.contains(line)) {
					flow.problem(item, "line '" + line + "' listed twice");
				}
				else {
					lines.add(line);
				}
			});
		}
		return lines;
	}

	private static List<String> languages(Fields flow) {
		List<String> languages = new ArrayList<>();
		List<Entry> items = flow.require("languages").map(flow::items).orElse(List.of());
		for (Entry item : items) {
			flow.text(item).ifPresent((language) -> {
				if (!LANGUAGE.matcher(language).matches()) {
					flow.problem(item, "not a language code like en or pt_BR: '" + language + "'");
				}
				else if (languages.contains(language)) {
					flow.problem(item, "language '" + language + "' listed twice");
				}
				else {
					languages.add(language);
				}
			});
		}
		return languages;
	}

	private static String fallbackLanguage(Fields flow, List<String> languages) {
		Optional<String> fallback = flow.text("fallbackLanguage");
		if (fallback.isPresent() && !languages.contains(fallback.get())) {
			flow.problem("fallbackLanguage", Prompts.notDeclared(fallback.get(), languages));
		}
		return fallback.orElse(languages.isEmpty() ? null : languages.get(0));
	}

	/**
	 * The attributes collect nodes store, so branches can be checked before those nodes
	 * are read.
	 */
	private static Set<String> attributes(List<Entry> nodes) {
		Set<String> attributes = new LinkedHashSet<>();
		for (Entry node : nodes) {
			if (Fields.peek(node, "type").filter("collect"::equals).isPresent()) {
				Fields.peek(node, "attribute").ifPresent(attributes::add);
			}
		}
		return attributes;
	}

	private static String baseName(String fileName) {
		String name = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
		int dot = name.lastIndexOf('.');
		return (dot > 0) ? name.substring(0, dot) : name;
	}

	private static String version(String yamlText) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(yamlText.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash).substring(0, 12);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}

}
