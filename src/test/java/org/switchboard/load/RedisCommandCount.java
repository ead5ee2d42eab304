package org.switchboard.load;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisMonitor;

/**
 * Counts the Redis commands and round trips of Switchboard's own connections (client name
 * {@code switchboard}) over the harness's measured window, with {@code MONITOR}. Commands
 * a Lua script runs inside Redis are not round trips and are left out, as is the
 * agents-by-state gauge read at every metrics scrape (a cost per scrape, not per call).
 * Pipelined commands of one connection less than 100 µs apart count as one round trip.
 */
final class RedisCommandCount implements AutoCloseable {

	private static final Pattern LINE = Pattern.compile("^(\\d+)\\.(\\d+) \\[\\d+ (\\S+)\\] \"([^\"]+)\"(.*)$");

	private static final Pattern CLIENT = Pattern.compile("addr=(\\S+).*?name=(\\S*)");

	private static final long SAME_TRIP_MICROS = 100;

	private final Jedis monitor;

	private final Jedis clients;

	private final Thread thread;

	private final Set<String> switchboard = new HashSet<>();

	private final Map<String, Long> lastCommand = new HashMap<>();

	private final Map<String, Integer> byCommand = new HashMap<>();

	private volatile boolean measuring;

	private int commands;

	private int roundTrips;

	private RedisCommandCount(URI redis) {
		this.monitor = new Jedis(redis);
		this.clients = new Jedis(redis);
		this.thread = Thread.ofPlatform().daemon().name("redis-monitor").start(() -> {
			try {
				this.monitor.monitor(new JedisMonitor() {
					@Override
					public void onCommand(String command) {
						heard(command);
					}
				});
			}
			catch (RuntimeException ex) {
				// the connection was closed: the count is over
			}
		});
	}

	static RedisCommandCount start(URI redis) {
		return new RedisCommandCount(redis);
	}

	/** Starts or stops counting; the connections of Switchboard are read again. */
	void measuring(boolean measuring) {
		readClients();
		this.measuring = measuring;
	}

	/**
	 * Called every second or so while measuring: new connections are Switchboard's too.
	 */
	void readClients() {
		Set<String> names = new HashSet<>();
		for (String line : this.clients.clientList().split("\n")) {
			Matcher client = CLIENT.matcher(line);
			if (client.find() && client.group(2).equals("switchboard")) {
				names.add(client.group(1));
			}
		}
		synchronized (this) {
			this.switchboard.addAll(names);
		}
	}

	private void heard(String line) {
		if (!this.measuring) {
			return;
		}
		Matcher command = LINE.matcher(line);
		if (!command.matches()) {
			return;
		}
		String client = command.group(3);
		String name = command.group(4).toUpperCase(java.util.Locale.ROOT);
		String rest = command.group(5);
		if ((name.equals("HGET") && rest.endsWith("\"state\""))
				|| (name.equals("SMEMBERS") && rest.endsWith(":agents\""))) {
			return;
		}
		long micros = Long.parseLong(command.group(1)) * 1_000_000 + Long.parseLong(command.group(2));
		synchronized (this) {
			if (!this.switchboard.contains(client)) {
				return;
			}
			this.commands++;
			this.byCommand.merge(name, 1, Integer::sum);
			Long last = this.lastCommand.put(client, micros);
			if (last == null || micros - last > SAME_TRIP_MICROS) {
				this.roundTrips++;
			}
		}
	}

	/** The commands and round trips per call, the most frequent commands first. */
	synchronized String perCall(int calls) {
		List<Map.Entry<String, Integer>> top = new ArrayList<>(this.byCommand.entrySet());
		top.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
		StringBuilder most = new StringBuilder();
		top.stream()
			.limit(8)
			.forEach((entry) -> most
				.append(String.format(" %s %.1f", entry.getKey(), entry.getValue() / (double) calls)));
		return String.format("%.1f commands, %.1f round trips (%s)", this.commands / (double) calls,
				this.roundTrips / (double) calls, most.toString().trim());
	}

	@Override
	public void close() {
		this.measuring = false;
		this.monitor.close();
		this.clients.close();
		this.thread.interrupt();
	}

}
