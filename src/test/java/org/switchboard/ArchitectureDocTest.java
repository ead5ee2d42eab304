package org.switchboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/architecture.md stays true to the code where a test can tell: it names every
 * package, and every Java type it writes in backticks still exists, so a new package or a
 * renamed class fails here rather than leaving the page wrong.
 */
class ArchitectureDocTest {

	private static final Path PAGE = Path.of("docs", "architecture.md");

	private static final Path SOURCES = Path.of("src", "main", "java");

	private static final Path ROOT = SOURCES.resolve(Path.of("org", "switchboard"));

	/** A type in backticks: {@code `Router`}, {@code `CallEvent.CallQueued`}. */
	private static final Pattern TYPE = Pattern.compile("`([A-Z][a-z][A-Za-z0-9]*(?:\\.[A-Z][A-Za-z0-9]*)*)`");

	private static final Pattern DECLARED = Pattern
		.compile("\\b(?:class|interface|enum|record)\\s+([A-Z][A-Za-z0-9]*)");

	/**
	 * Comments that open a line: prose such as "a record of" must not count as a type,
	 * and a glob like "/api/**" in a string must not open a comment.
	 */
	private static final Pattern COMMENT = Pattern.compile("^\\s*/\\*.*?\\*/|^\\s*//[^\\n]*",
			Pattern.DOTALL | Pattern.MULTILINE);

	@Test
	void everyPackageIsNamedOnThePage() throws IOException {
		String page = Files.readString(PAGE);
		Set<String> packages = new TreeSet<>();
		try (Stream<Path> files = Files.walk(ROOT)) {
			files.filter((file) -> file.toString().endsWith(".java"))
				.map(Path::getParent)
				.filter((dir) -> !dir.equals(ROOT))
				.forEach((dir) -> packages
					.add(ROOT.relativize(dir).toString().replace(dir.getFileSystem().getSeparator(), ".")));
		}
		List<String> unnamed = packages.stream().filter((name) -> !page.contains("`" + name + "`")).toList();

		assertThat(packages).contains("call", "telephony", "ivr", "ivr.flow", "routing", "callrecord");
		assertThat(unnamed).as("packages docs/architecture.md does not name in backticks").isEmpty();
	}

	@Test
	void everyTypeThePageNamesExistsInTheCode() throws IOException {
		Map<String, Set<String>> declaredByFile = declaredTypes();
		Set<String> declared = new HashSet<>();
		declaredByFile.values().forEach(declared::addAll);
		Matcher named = TYPE.matcher(Files.readString(PAGE));
		Set<String> checked = new TreeSet<>();
		List<String> missing = new ArrayList<>();
		while (named.find()) {
			String name = named.group(1);
			checked.add(name);
			List<String> parts = List.of(name.split("\\."));
			boolean exists = (parts.size() == 1) ? declared.contains(name)
					: declaredByFile.getOrDefault(parts.get(0), Set.of()).containsAll(parts);
			if (!exists) {
				missing.add(name);
			}
		}

		assertThat(checked).as("types the page names").hasSizeGreaterThan(40).contains("Router", "CallRecorder");
		assertThat(missing).as("types docs/architecture.md names that src/main/java does not declare").isEmpty();
	}

	/** The types declared in each source file, nested ones included, by file name. */
	private static Map<String, Set<String>> declaredTypes() throws IOException {
		Map<String, Set<String>> types = new HashMap<>();
		try (Stream<Path> files = Files.walk(SOURCES)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".java")).toList()) {
				String code = COMMENT.matcher(Files.readString(file)).replaceAll("");
				Set<String> names = new HashSet<>();
				Matcher declaration = DECLARED.matcher(code);
				while (declaration.find()) {
					names.add(declaration.group(1));
				}
				types.merge(file.getFileName().toString().replace(".java", ""), names, (one, other) -> {
					one.addAll(other);
					return one;
				});
			}
		}
		return types;
	}

}
