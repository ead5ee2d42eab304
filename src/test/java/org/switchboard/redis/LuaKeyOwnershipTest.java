package org.switchboard.redis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Lua script belongs to the feature that owns its keys (the folder it lives in,
 * {@code agent/}, {@code routing/}, {@code schedule/}): its code names no key of another
 * feature and uses no other feature's key names ({@code *_key} functions). A feature
 * changes another's keys only by calling that feature's library functions, and only a
 * feature it depends on (routing on agent, never the other way).
 */
class LuaKeyOwnershipTest {

	private static final Path SCRIPTS = Path.of("src", "main", "resources");

	private static final Path FEATURES = Path.of("src", "main", "java", "org", "switchboard");

	/** The roots of each feature's keys under {@code sb:{site}:}. */
	private static final Map<String, List<String>> KEYS = Map.of("agent",
			List.of("agent:", "agents", "ready:group:", "group-agents:", "groups-of:", "groups:", "group-build:"),
			"routing", List.of("waiting:", "call:", "calls", "callbacks:", "quota:", "overflow:", "handle-times",
					"queue:", "instances"),
			"schedule", List.of("schedule:", "schedules"), "callrecord", List.of("callrecord:"));

	/** The features whose library functions a feature's scripts may call. */
	private static final Map<String, Set<String>> DEPENDS_ON = Map.of("routing", Set.of("agent"));

	private static final Pattern LITERAL = Pattern.compile("'([^'\\\\\\n]*)'|\"([^\"\\\\\\n]*)\"");

	private static final Pattern FUNCTION = Pattern.compile("\\blocal\\s+function\\s+([A-Za-z_][A-Za-z0-9_]*)");

	private static final Pattern ARGUMENT = Pattern.compile("\\bARGV\\[(\\d+)]");

	@Test
	void noScriptNamesAKeyOfAnotherFeature() throws IOException {
		List<String> foreign = new ArrayList<>();
		for (Script script : scripts()) {
			Matcher literal = LITERAL.matcher(script.code());
			while (literal.find()) {
				String text = (literal.group(1) != null) ? literal.group(1) : literal.group(2);
				String owner = owner(text);
				if (owner != null && !owner.equals(script.feature())) {
					foreign.add(script.at(literal.start()) + " names " + owner + "'s key '" + text + "'");
				}
			}
		}
		assertThat(foreign).as("keys a script names that another feature owns").isEmpty();
	}

	@Test
	void noScriptUsesAnotherFeaturesKeyNamesOrCallsAFeatureItDoesNotDependOn() throws IOException {
		List<Script> scripts = scripts();
		Map<String, String> definedBy = new HashMap<>();
		Map<String, Set<String>> ownNames = new HashMap<>();
		for (Script script : scripts) {
			Matcher function = FUNCTION.matcher(script.code());
			while (function.find()) {
				definedBy.putIfAbsent(function.group(1), script.feature());
				ownNames.computeIfAbsent(script.feature(), (feature) -> new HashSet<>()).add(function.group(1));
			}
		}
		List<String> foreign = new ArrayList<>();
		for (Script script : scripts) {
			Set<String> own = ownNames.getOrDefault(script.feature(), Set.of());
			for (Map.Entry<String, String> name : definedBy.entrySet()) {
				String owner = name.getValue();
				if (owner.equals(script.feature()) || own.contains(name.getKey())) {
					continue;
				}
				boolean keyName = name.getKey().endsWith("_key");
				boolean allowed = DEPENDS_ON.getOrDefault(script.feature(), Set.of()).contains(owner);
				if (!keyName && allowed) {
					continue;
				}
				Matcher use = Pattern.compile("\\b" + name.getKey() + "\\b").matcher(script.code());
				while (use.find()) {
					foreign.add(script.at(use.start()) + " uses " + owner + "'s " + name.getKey()
							+ (keyName ? " (a key name)" : " (a feature it does not depend on)"));
				}
			}
		}
		assertThat(foreign).as("another feature's key names or functions a script uses").isEmpty();
	}

	@Test
	void everyScriptTakesTheKeyPrefixAndItsArgumentsByName() throws IOException {
		List<String> positional = new ArrayList<>();
		for (Script script : scripts()) {
			Matcher argument = ARGUMENT.matcher(script.code());
			while (argument.find()) {
				if (Integer.parseInt(argument.group(1)) > 2) {
					positional.add(script.at(argument.start()) + " reads " + argument.group());
				}
			}
		}
		assertThat(positional).as("arguments taken by position after ARGV[2]").isEmpty();
	}

	@Test
	void noFeatureLoadsTheLuaOfAFeatureItDoesNotDependOn() throws IOException {
		Set<String> folders = new HashSet<>();
		scripts().forEach((script) -> folders.add(script.feature()));
		Pattern path = Pattern.compile("\"(" + String.join("|", folders) + ")/[^\"]*\"");
		List<String> foreign = new ArrayList<>();
		try (Stream<Path> files = Files.walk(FEATURES)) {
			for (Path file : files.filter((source) -> source.toString().endsWith(".java")).sorted().toList()) {
				String feature = FEATURES.relativize(file).getName(0).toString();
				List<String> lines = Files.readAllLines(file);
				for (int i = 0; i < lines.size(); i++) {
					Matcher loaded = path.matcher(lines.get(i));
					while (lines.get(i).contains(".lua") && loaded.find()) {
						String owner = loaded.group(1);
						if (!owner.equals(feature) && !DEPENDS_ON.getOrDefault(feature, Set.of()).contains(owner)) {
							foreign.add(FEATURES.relativize(file) + ":" + (i + 1) + " loads " + loaded.group());
						}
					}
				}
			}
		}
		assertThat(foreign).as("Lua files a feature loads that belong to a feature it does not depend on").isEmpty();
	}

	private static String owner(String literal) {
		for (Map.Entry<String, List<String>> feature : KEYS.entrySet()) {
			for (String root : feature.getValue()) {
				boolean named = root.endsWith(":") ? literal.startsWith(root)
						: literal.equals(root) || literal.startsWith(root + ":");
				if (named) {
					return feature.getKey();
				}
			}
		}
		return null;
	}

	private static List<Script> scripts() throws IOException {
		List<Script> scripts = new ArrayList<>();
		try (Stream<Path> files = Files.walk(SCRIPTS)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".lua")).sorted().toList()) {
				String feature = SCRIPTS.relativize(file).getName(0).toString();
				scripts.add(new Script(SCRIPTS.relativize(file).toString(), feature, code(Files.readString(file))));
			}
		}
		assertThat(scripts).extracting(Script::feature).contains("agent", "routing");
		return scripts;
	}

	/** The text with its comments blanked out (line numbers kept). */
	private static String code(String text) {
		StringBuilder code = new StringBuilder(text.length());
		char quote = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (quote == 0 && c == '-' && text.startsWith("--", i)) {
				while (i < text.length() && text.charAt(i) != '\n') {
					code.append(' ');
					i++;
				}
				if (i < text.length()) {
					code.append('\n');
				}
				continue;
			}
			if (quote == 0 && (c == '\'' || c == '"')) {
				quote = c;
			}
			else if (quote != 0 && c == '\\') {
				code.append(c);
				i++;
				c = (i < text.length()) ? text.charAt(i) : ' ';
			}
			else if (c == quote || c == '\n') {
				quote = 0;
			}
			code.append(c);
		}
		return code.toString();
	}

	private record Script(String path, String feature, String code) {

		String at(int offset) {
			int line = 1;
			for (int i = 0; i < offset; i++) {
				if (this.code.charAt(i) == '\n') {
					line++;
				}
			}
			int start = this.code.lastIndexOf('\n', offset - 1) + 1;
			int end = this.code.indexOf('\n', offset);
			return this.path + ":" + line + " `"
					+ this.code.substring(start, (end < 0) ? this.code.length() : end).strip() + "`";
		}

	}

}
