package org.switchboard.routing;

import java.io.IOException;
import java.nio.file.Files;

import redis.clients.jedis.UnifiedJedis;

import org.switchboard.ivr.FlowRegistry;
import org.switchboard.ivr.IvrSettings;
import org.switchboard.redis.Keys;
import org.switchboard.schedule.CountrySchedule;
import org.switchboard.schedule.Holidays;
import org.switchboard.schedule.ScheduleReader;
import org.switchboard.schedule.ScheduleWriter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the routing tests set up in the running application: a flow of their own for a
 * line, and a country schedule of their own.
 */
final class TestLines {

	private TestLines() {
	}

	/** Writes a flow file into the flows directory and puts it in force. */
	static void installFlow(IvrSettings ivr, FlowRegistry flows, String file, String yaml) throws IOException {
		Files.writeString(ivr.flowsDir().resolve(file), yaml);
		assertThat(flows.reload().rejected()).doesNotContainKey(file);
	}

	/**
	 * Reads and checks a schedule document, then stores it as the country's schedule and
	 * announces it as a publish does, so every instance reads it anew.
	 */
	static CountrySchedule storeSchedule(UnifiedJedis redis, Keys keys, Holidays holidays, String yaml) {
		CountrySchedule schedule = new ScheduleReader(holidays).read(yaml);
		redis.set(keys.key("schedule", schedule.country()), new ScheduleWriter().toJson(schedule));
		redis.sadd(keys.key("schedules"), schedule.country());
		redis.publish(keys.prefix() + "schedule-changes", schedule.country() + " 0");
		return schedule;
	}

}
