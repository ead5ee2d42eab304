package org.switchboard.ivr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import org.switchboard.ivr.flow.Flow;
import org.switchboard.ivr.flow.FlowReader;
import org.switchboard.ivr.flow.InvalidFlowException;

/**
 * The flows in force, compiled, by file. A reload (a changed file, or an admin's call)
 * reads every file; a file that fails validation keeps its last good version, so an
 * invalid flow never replaces a valid one. Calls hold the compiled flow they started
 * with, so a reload never changes a call in progress.
 */
@Component
public class FlowRegistry implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(FlowRegistry.class);

	private final IvrSettings settings;

	private final Clock clock;

	private final FlowReader reader = new FlowReader();

	private volatile Map<String, FlowMachine> byFile = Map.of();

	private volatile ReloadReport lastReport;

	private volatile WatchService watcher;

	private volatile boolean running;

	FlowRegistry(IvrSettings settings) {
		this.settings = settings;
		this.clock = Clock.systemUTC();
	}

	/**
	 * The result of one reload: what is in force and what was refused, with the reasons.
	 */
	public record ReloadReport(Instant at, Map<String, String> loaded, Map<String, List<String>> rejected) {

		public boolean clean() {
			return this.rejected.isEmpty();
		}

	}

	/** A flow in force, as the admin API shows it. */
	public record FlowSummary(String name, String file, String version, List<String> lines, List<String> languages,
			int nodes) {

	}

	@Override
	public void start() {
		ReloadReport report = reload();
		if (!report.clean()) {
			log.error("Flows rejected at start: {}", report.rejected());
		}
		if (this.settings.watch() && Files.isDirectory(this.settings.flowsDir())) {
			watch();
		}
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		WatchService watcher = this.watcher;
		if (watcher != null) {
			try {
				watcher.close();
			}
			catch (IOException ex) {
				log.debug("closing the flow watcher failed", ex);
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Reads every flow file again; files that fail keep their previous version. */
	public synchronized ReloadReport reload() {
		Map<String, FlowMachine> previous = this.byFile;
		Map<String, FlowMachine> next = new LinkedHashMap<>();
		Map<String, List<String>> rejected = new LinkedHashMap<>();
		for (Path file : flowFiles()) {
			String name = file.getFileName().toString();
			try {
				Flow flow = this.reader.read(name, Files.readString(file));
				FlowMachine current = previous.get(name);
				next.put(name, (current != null && current.flow().version().equals(flow.version())) ? current
						: FlowMachine.compile(flow));
			}
			catch (InvalidFlowException ex) {
				rejected.put(name, ex.problems().stream().map(Object::toString).toList());
				if (previous.containsKey(name)) {
					next.put(name, previous.get(name));
				}
			}
			catch (IOException ex) {
				rejected.put(name, List.of(name + ": cannot be read: " + ex.getMessage()));
				if (previous.containsKey(name)) {
					next.put(name, previous.get(name));
				}
			}
		}
		refuseLinesAnsweredTwice(previous, next, rejected);
		this.byFile = Map.copyOf(next);
		Map<String, String> loaded = new LinkedHashMap<>();
		next.forEach((file, machine) -> loaded.put(file, machine.flow().version()));
		ReloadReport report = new ReloadReport(this.clock.instant(), loaded, rejected);
		this.lastReport = report;
		log.info("Flows in force: {}{}", loaded, rejected.isEmpty() ? "" : "; rejected: " + rejected.keySet());
		rejected.forEach((file, problems) -> problems.forEach((problem) -> log.warn("Flow rejected: {}", problem)));
		return report;
	}

	/**
	 * A line has one flow: a file whose flow names a line another file's flow names
	 * already is refused, and the flow in force before keeps the line (else the file
	 * first by name). Without this the call would go to whichever flow came first in an
	 * unordered map.
	 */
	private static void refuseLinesAnsweredTwice(Map<String, FlowMachine> previous, Map<String, FlowMachine> next,
			Map<String, List<String>> rejected) {
		List<String> order = new ArrayList<>(next.keySet());
		order.sort(Comparator.comparing((String file) -> previous.get(file) != next.get(file))
			.thenComparing(Comparator.naturalOrder()));
		Map<String, String> fileByLine = new HashMap<>();
		for (String file : order) {
			List<String> problems = new ArrayList<>();
			for (String line : next.get(file).flow().lines()) {
				String other = fileByLine.get(line);
				if (other != null) {
					problems
						.add(file + ": line " + line + " is answered by " + other + " already; a line has one flow");
				}
			}
			if (problems.isEmpty()) {
				next.get(file).flow().lines().forEach((line) -> fileByLine.put(line, file));
			}
			else {
				next.remove(file);
				rejected.merge(file, problems, (old, added) -> {
					List<String> all = new ArrayList<>(old);
					all.addAll(added);
					return all;
				});
			}
		}
	}

	/** Validates a flow text without putting it in force. */
	public List<String> validate(String fileName, String yaml) {
		try {
			FlowMachine.compile(this.reader.read(fileName, yaml));
			return List.of();
		}
		catch (InvalidFlowException ex) {
			return ex.problems().stream().map(Object::toString).toList();
		}
	}

	/**
	 * The flow that answers a dialled number: an exact line first, then the longest
	 * prefix.
	 */
	Optional<FlowMachine> forLine(String dialled) {
		FlowMachine best = null;
		int bestScore = -1;
		for (FlowMachine machine : this.byFile.values()) {
			for (String line : machine.flow().lines()) {
				int score = score(line, dialled);
				if (score > bestScore) {
					best = machine;
					bestScore = score;
				}
			}
		}
		if (best == null && !this.settings.defaultFlow().isBlank()) {
			return this.byFile.values()
				.stream()
				.filter((machine) -> machine.flow().name().equals(this.settings.defaultFlow()))
				.findFirst();
		}
		return Optional.ofNullable(best);
	}

	public List<FlowSummary> flows() {
		return this.byFile.entrySet().stream().map((entry) -> {
			Flow flow = entry.getValue().flow();
			return new FlowSummary(flow.name(), entry.getKey(), flow.version(), flow.lines(), flow.languages(),
					flow.nodes().size());
		}).sorted(Comparator.comparing(FlowSummary::name)).toList();
	}

	public ReloadReport lastReport() {
		return this.lastReport;
	}

	private static int score(String line, String dialled) {
		if (line.endsWith("*")) {
			String prefix = line.substring(0, line.length() - 1);
			return dialled.startsWith(prefix) ? prefix.length() : -1;
		}
		return line.equals(dialled) ? Integer.MAX_VALUE : -1;
	}

	private List<Path> flowFiles() {
		Path dir = this.settings.flowsDir();
		if (!Files.isDirectory(dir)) {
			log.warn("No flow directory at {}: every call goes to the dialplan's fallback",
					dir.toAbsolutePath().normalize());
			return List.of();
		}
		try (Stream<Path> files = Files.list(dir)) {
			return files.filter((file) -> {
				String name = file.getFileName().toString();
				return Files.isRegularFile(file) && (name.endsWith(".yml") || name.endsWith(".yaml"));
			}).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot list " + dir, ex);
		}
	}

	private void watch() {
		try {
			WatchService watcher = this.settings.flowsDir().getFileSystem().newWatchService();
			this.settings.flowsDir()
				.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
						StandardWatchEventKinds.ENTRY_DELETE);
			this.watcher = watcher;
			Thread.ofVirtual().name("flow-watch").start(() -> watchForever(watcher));
		}
		catch (IOException ex) {
			log.warn("Cannot watch {} for changes; reload flows through the API", this.settings.flowsDir(), ex);
		}
	}

	private void watchForever(WatchService watcher) {
		try {
			while (true) {
				WatchKey key = watcher.take();
				// editors write a file in several steps: let them finish, then read once
				Thread.sleep(200);
				key.pollEvents();
				key.reset();
				reload();
			}
		}
		catch (InterruptedException | ClosedWatchServiceException ex) {
			// stopped
		}
	}

}
