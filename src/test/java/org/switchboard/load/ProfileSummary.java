package org.switchboard.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * A profile as text, from a JFR recording ({@code .jfr}) or async-profiler's collapsed
 * stacks (any other file): the share of execution samples in which each frame family (a
 * library, or a Switchboard module) is on the stack, and what that share costs per call
 * when the application threads' CPU and the number of calls are given. A sample counts
 * once for every family on its stack, so the shares add up to more than 100 %.
 *
 * <pre>
 * java -cp $CP org.switchboard.load.ProfileSummary target/e2e/load-x/switchboard.jfr [app-cpu-ms calls]
 * </pre>
 */
public final class ProfileSummary {

	private static final Map<String, List<String>> FAMILIES = families();

	private ProfileSummary() {
	}

	private static Map<String, List<String>> families() {
		Map<String, List<String>> families = new LinkedHashMap<>();
		families.put("Spring Statemachine", List.of("org.springframework.statemachine."));
		families.put("Reactor", List.of("reactor."));
		families.put("Asterisk-Java AMI", List.of("org.asteriskjava.manager."));
		families.put("Asterisk-Java FastAGI", List.of("org.asteriskjava.fastagi."));
		families.put("Jedis", List.of("redis.clients."));
		families.put("Jackson", List.of("com.fasterxml.jackson."));
		families.put("Micrometer, Prometheus", List.of("io.micrometer.", "io.prometheus."));
		families.put("Tomcat, Spring MVC, Security", List.of("org.apache.catalina.", "org.apache.coyote.",
				"org.apache.tomcat.", "org.springframework.web.", "org.springframework.security."));
		families.put("Spring events", List.of("org.springframework.context.event.",
				"org.springframework.context.support.AbstractApplicationContext.publishEvent"));
		families.put("Logging", List.of("ch.qos.logback.", "org.slf4j."));
		families.put("YAML", List.of("org.snakeyaml.", "org.yaml."));
		for (String module : List.of("call", "telephony", "ivr", "routing", "agent", "callrecord", "schedule", "admin",
				"redis", "common")) {
			families.put("switchboard." + module, List.of("org.switchboard." + module + "."));
		}
		families.put("socket I/O", List.of("sun.nio.ch.", "java.net.Socket", "java.io.BufferedReader"));
		families.put("scheduled tasks", List.of("org.springframework.scheduling."));
		families.put("regex", List.of("java.util.regex."));
		families.put("JIT compiler (native)", List.of("CompileBroker::", "C2Compiler::", "Compiler::"));
		families.put("garbage collector (native)", List.of("G1", "GCTaskThread", "WorkerThread::"));
		families.put("kernel", List.of("[k]"));
		return families;
	}

	public static void main(String[] args) throws IOException {
		Path file = Path.of(args[0]);
		double appCpuMs = (args.length > 2) ? Double.parseDouble(args[1]) : 0;
		long calls = (args.length > 2) ? Long.parseLong(args[2]) : 0;
		Map<String, Integer> byFamily = new LinkedHashMap<>();
		FAMILIES.keySet().forEach((family) -> byFamily.put(family, 0));
		Map<String, Integer> byTop = new HashMap<>();
		Map<String, Integer> byThread = new HashMap<>();
		int samples = 0;
		if (!file.toString().endsWith(".jfr")) {
			// async-profiler's collapsed stacks: root;...;leaf count
			for (String line : java.nio.file.Files.readAllLines(file)) {
				int space = line.lastIndexOf(' ');
				int count = Integer.parseInt(line.substring(space + 1));
				String[] stack = line.substring(0, space).split(";");
				samples += count;
				Set<String> seen = new HashSet<>();
				for (String raw : stack) {
					String name = raw.replace('/', '.');
					for (Map.Entry<String, List<String>> family : FAMILIES.entrySet()) {
						if (family.getValue().stream().anyMatch((prefix) -> matches(name, prefix))
								&& seen.add(family.getKey())) {
							byFamily.merge(family.getKey(), count, Integer::sum);
						}
					}
				}
				byTop.merge(stack[stack.length - 1].replace('/', '.'), count, Integer::sum);
				byThread.merge(stack[0].replaceAll("\\d+", "#"), count, Integer::sum);
			}
		}
		else {
			samples = readRecording(file, byFamily, byTop, byThread);
		}
		report(samples, appCpuMs, calls, byFamily, byTop, byThread);
	}

	private static boolean matches(String frame, String prefix) {
		return prefix.equals("[k]") ? frame.endsWith("_[k]") : frame.startsWith(prefix);
	}

	private static int readRecording(Path file, Map<String, Integer> byFamily, Map<String, Integer> byTop,
			Map<String, Integer> byThread) throws IOException {
		int samples = 0;
		try (RecordingFile recording = new RecordingFile(file)) {
			while (recording.hasMoreEvents()) {
				RecordedEvent event = recording.readEvent();
				if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
					continue;
				}
				samples++;
				List<RecordedFrame> frames = event.getStackTrace().getFrames();
				Set<String> seen = new HashSet<>();
				for (RecordedFrame frame : frames) {
					String name = frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
					for (Map.Entry<String, List<String>> family : FAMILIES.entrySet()) {
						if (family.getValue().stream().anyMatch(name::startsWith) && seen.add(family.getKey())) {
							byFamily.merge(family.getKey(), 1, Integer::sum);
						}
					}
				}
				if (!frames.isEmpty()) {
					RecordedFrame top = frames.get(0);
					byTop.merge(top.getMethod().getType().getName() + "." + top.getMethod().getName(), 1, Integer::sum);
				}
				String thread = (event.getThread("sampledThread") != null)
						? event.getThread("sampledThread").getJavaName() : "?";
				byThread.merge((thread == null || thread.isEmpty()) ? "(virtual)" : thread.replaceAll("\\d+", "#"), 1,
						Integer::sum);
			}
		}
		return samples;
	}

	private static void report(int samples, double appCpuMs, long calls, Map<String, Integer> byFamily,
			Map<String, Integer> byTop, Map<String, Integer> byThread) {
		System.out.printf("%d samples%s%n", samples,
				(calls > 0) ? String.format(", %.0f ms of CPU over %d calls", appCpuMs, calls) : "");
		System.out.println("| frame family | share of samples |" + ((calls > 0) ? " ms per call |" : ""));
		System.out.println("| --- | --- |" + ((calls > 0) ? " --- |" : ""));
		int total = Math.max(1, samples);
		byFamily.entrySet()
			.stream()
			.filter((family) -> family.getValue() > 0)
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
			.forEach((family) -> System.out.printf("| %s | %.0f %% |%s%n", family.getKey(),
					100.0 * family.getValue() / total,
					(calls > 0) ? String.format(" %.2f |", appCpuMs * family.getValue() / total / calls) : ""));
		System.out.println();
		System.out.println("top frames (self):");
		print(byTop, total, 20);
		System.out.println("threads:");
		print(byThread, total, 10);
	}

	private static void print(Map<String, Integer> counts, int total, int limit) {
		counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
			.limit(limit)
			.forEach(
					(entry) -> System.out.printf("  %5.1f %%  %s%n", 100.0 * entry.getValue() / total, entry.getKey()));
	}

}
