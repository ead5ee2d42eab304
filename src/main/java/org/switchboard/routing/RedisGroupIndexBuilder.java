package org.switchboard.routing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import org.switchboard.common.Throttled;
import org.switchboard.redis.Keys;

/**
 * Drives the builds of group indexes to their end, one slice (one short script,
 * {@code routing/build-group.lua}) at a time, so Redis never stalls on a group first
 * needed: a claim that meets a group being built builds it, and every second each
 * instance looks for builds under way. The cursor lives in Redis: any instance may run
 * the next slice, and a build an instance left half done is taken up by the next sweep.
 */
@Component
class RedisGroupIndexBuilder {

	private static final Logger log = LoggerFactory.getLogger(RedisGroupIndexBuilder.class);

	private final UnifiedJedis redis;

	private final Keys keys;

	private final RoutingSettings settings;

	private final ApplicationEventPublisher events;

	private final Throttled sweepFailures = new Throttled(Duration.ofMinutes(1));

	RedisGroupIndexBuilder(UnifiedJedis redis, Keys keys, RoutingSettings settings, ApplicationEventPublisher events) {
		this.redis = redis;
		this.keys = keys;
		this.settings = settings;
		this.events = events;
	}

	/**
	 * Builds every group being built to its end, whoever started it: a claim that starts
	 * a build finishes it itself, so this finds work only when an instance stopped in the
	 * middle of one, and looks every five seconds.
	 */
	@Scheduled(fixedDelay = 5, timeUnit = TimeUnit.SECONDS)
	void buildAll() {
		try {
			while (slice("").isPresent()) {
				// the next slice, of this group or another
			}
		}
		catch (RuntimeException ex) {
			// Redis away: the cursor stays in Redis and the next sweep goes on from it;
			// one
			// line a minute says so
			long unsaid = this.sweepFailures.trace("build");
			if (unsaid >= 0) {
				log.warn("Group index build failed: {} ({} more such failures unlogged)", ex.getMessage(), unsaid);
			}
		}
	}

	/** Builds this group to its end if it is being built; answers whether it was. */
	boolean build(String group) {
		boolean built = false;
		while (slice(group).isPresent()) {
			built = true;
		}
		return built;
	}

	/**
	 * One slice of this group's build ({@code ""} for any group being built); empty when
	 * no such group is being built. The slice that ends a build announces it.
	 */
	Optional<Slice> slice(String group) {
		Object answer = RoutingLua.BUILD_GROUP.run(this.redis, List.of(this.keys.key("waiting", "groups")),
				this.keys.prefix(), Map.of("group", group, "slice", Integer.toString(this.settings.groupBuildSlice())));
		if (!(answer instanceof List<?> done)) {
			return Optional.empty();
		}
		Slice slice = new Slice((String) done.get(0), "built".equals(done.get(1)), ((Long) done.get(2)).intValue());
		if (slice.built()) {
			this.events.publishEvent(new GroupIndexBuilt(slice.group()));
		}
		return Optional.of(slice);
	}

	/**
	 * What one slice did.
	 *
	 * @param agents how many agents it read
	 * @param built whether it ended the build
	 */
	record Slice(String group, boolean built, int agents) {

	}

}
