package org.switchboard.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The CPU time of one JVM process by the kind of thread that spent it, read from Linux's
 * {@code /proc/<pid>/task}: the JIT compilers, the garbage collector, the JVM's own
 * service threads (JFR included) and the rest, which is the application's. Threads that
 * ended between two readings take their time with them; {@link #minus} puts what is
 * missing under {@link Kind#ENDED} so that the kinds add up to the process's total.
 */
public record ThreadCpu(Map<Kind, Long> nanos, long total) {

	private static final long NANOS_PER_TICK = 10_000_000L;

	/** What a thread does, from its name as Linux shows it (15 characters at most). */
	public enum Kind {

		JIT, GC, JVM, APPLICATION, ENDED;

		static Kind of(String name) {
			if (name.contains("CompilerThre") || name.startsWith("C1 ") || name.startsWith("C2 ")) {
				return JIT;
			}
			if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.startsWith("ZGC")
					|| name.startsWith("GC ")) {
				return GC;
			}
			if (name.startsWith("VM ") || name.startsWith("JFR") || name.equals("Service Thread")
					|| name.startsWith("Monitor Deflati") || name.equals("Signal Dispatch")
					|| name.equals("Common-Cleaner") || name.equals("Finalizer") || name.equals("Reference Handl")
					|| name.startsWith("Notification Th") || name.startsWith("Attach Listene")
					|| name.equals("Sweeper thread")) {
				return JVM;
			}
			return APPLICATION;
		}

	}

	/** The process's threads now; empty where /proc cannot be read. */
	public static ThreadCpu of(long pid) {
		Map<Kind, Long> nanos = new EnumMap<>(Kind.class);
		for (Kind kind : Kind.values()) {
			nanos.put(kind, 0L);
		}
		long total = 0;
		try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
			for (Path task : (Iterable<Path>) tasks::iterator) {
				String stat;
				try {
					stat = Files.readString(task.resolve("stat"));
				}
				catch (IOException ex) {
					continue; // the thread ended while we looked
				}
				String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
				String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
				// after the name: state is field 3 of the whole line, utime 14, stime 15
				long spent = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
				nanos.merge(Kind.of(name), spent, Long::sum);
				total += spent;
			}
		}
		catch (IOException ex) {
			// not Linux, or the process is gone
		}
		return new ThreadCpu(nanos, total);
	}

	/**
	 * What was spent between an earlier reading and this one; {@code processNanos} is the
	 * process's own total over the same time, of which the part no live thread accounts
	 * for went to threads that ended.
	 */
	public ThreadCpu minus(ThreadCpu earlier, long processNanos) {
		Map<Kind, Long> spent = new EnumMap<>(Kind.class);
		long live = 0;
		for (Kind kind : Kind.values()) {
			if (kind != Kind.ENDED) {
				long used = Math.max(0, this.nanos.get(kind) - earlier.nanos.get(kind));
				spent.put(kind, used);
				live += used;
			}
		}
		spent.put(Kind.ENDED, Math.max(0, processNanos - live));
		return new ThreadCpu(spent, Math.max(processNanos, live));
	}

	/** One line: milliseconds per call of each kind, and its share. */
	public String perCall(long calls) {
		StringBuilder line = new StringBuilder();
		for (Map.Entry<Kind, Long> kind : this.nanos.entrySet()) {
			line.append(String.format("%s %.2f ms (%.0f%%)  ", kind.getKey().name().toLowerCase(java.util.Locale.ROOT),
					kind.getValue() / 1e6 / Math.max(1, calls), 100.0 * kind.getValue() / Math.max(1, this.total)));
		}
		return line.toString().trim();
	}

}
