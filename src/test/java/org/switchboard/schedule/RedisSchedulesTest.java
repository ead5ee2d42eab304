package org.switchboard.schedule;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

import org.switchboard.redis.Keys;
import org.switchboard.redis.TestRedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Two Switchboard instances of one site sharing their schedules through a real Redis:
 * seeds, versioned publishes, history and the change announced to both.
 */
class RedisSchedulesTest {

	private static final JedisPooled redis = TestRedis.client();

	private final Keys keys = new Keys("schedules-test-" + UUID.randomUUID().toString().substring(0, 8));

	private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

	private final List<Object> heardByA = new CopyOnWriteArrayList<>();

	private final List<Object> heardByB = new CopyOnWriteArrayList<>();

	private final RedisSchedules a = instance(this.heardByA);

	private final RedisSchedules b = instance(this.heardByB);

	@AfterEach
	void stop() {
		this.a.stop();
		this.b.stop();
		redis.keys(this.keys.prefix() + "*").forEach(redis::del);
	}

	@Test
	void seedsBecomeVersionOneOnceWithTheirHistory() {
		this.a.start();
		this.b.start();

		assertThat(this.b.find("DE")).hasValueSatisfying((de) -> assertThat(de.version()).isEqualTo(1));
		assertThat(this.b.history("DE")).singleElement().satisfies((change) -> {
			assertThat(change.version()).isEqualTo(1);
			assertThat(change.by()).isEqualTo("seed");
		});
	}

	@Test
	void aChangePublishedByOneInstanceIsHeardByEveryInstanceAtOnce() {
		this.a.start();
		this.b.start();
		CountrySchedule germany = this.a.find("DE").orElseThrow();

		ScheduleChange change = this.a.publish(closingAt(germany, LocalTime.of(17, 0)), 1, "ada");

		assertThat(change.version()).isEqualTo(2);
		assertThat(change.changes()).containsExactly("Monday–Friday 08:00–18:00 changed to 08:00–17:00");
		assertThat(change.changed()).containsExactly("windows[0].to");
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.heardByB).contains(new ScheduleChanged("DE", 2)));
		assertThat(this.heardByA).contains(new ScheduleChanged("DE", 2));
		assertThat(this.b.find("DE").orElseThrow().windows().get(0).to()).isEqualTo(LocalTime.of(17, 0));
	}

	@Test
	void anEditOnAVersionAnotherInstanceReplacedIsRefusedAndChangesNothing() {
		this.a.start();
		this.b.start();
		CountrySchedule germany = this.a.find("DE").orElseThrow();
		this.a.publish(closingAt(germany, LocalTime.of(17, 0)), 1, "ada");

		assertThatThrownBy(() -> this.b.publish(closingAt(germany, LocalTime.of(16, 0)), 1, "bo"))
			.isInstanceOfSatisfying(StaleScheduleException.class, (ex) -> assertThat(ex.current()).isEqualTo(2));
		assertThat(this.a.find("DE").orElseThrow().windows().get(0).to()).isEqualTo(LocalTime.of(17, 0));
		assertThat(this.a.history("DE")).extracting(ScheduleChange::version).containsExactly(2L, 1L);
	}

	@Test
	void aRevertPublishesTheOldDocumentAsANewVersion() {
		this.a.start();
		CountrySchedule germany = this.a.find("DE").orElseThrow();
		this.a.publish(closingAt(germany, LocalTime.of(17, 0)), 1, "ada");

		ScheduleChange revert = this.a.revert("DE", 1, 2, "bo");

		assertThat(revert.version()).isEqualTo(3);
		assertThat(revert.revertedTo()).contains(1L);
		assertThat(this.a.find("DE").orElseThrow().windows()).isEqualTo(germany.windows());
		assertThat(this.a.version("DE", 2).orElseThrow().windows().get(0).to()).isEqualTo(LocalTime.of(17, 0));
		assertThat(this.a.history("DE")).extracting(ScheduleChange::changes)
			.containsExactly(List.of("Monday–Friday 08:00–17:00 changed to 08:00–18:00"),
					List.of("Monday–Friday 08:00–18:00 changed to 08:00–17:00"), List.of(ScheduleChange.FIRST));
	}

	@Test
	void aVersionTodaysReaderRefusesShowsItsJsonPathsInTheHistory() {
		this.a.start();
		String unreadable = new ScheduleWriter().toJson(this.a.find("DE").orElseThrow())
			.replace("\"calendar\" : \"DE\"", "\"calendar\" : \"XX\"");
		redis.rpush(this.keys.key("schedule", "DE") + ":history", """
				{"version": 2, "at": "2026-11-23T10:00:00Z", "by": "ada", "changed": ["holidays.calendar"],
				 "document": %s}""".formatted(new ObjectMapper().valueToTree(unreadable)));

		assertThat(this.a.history("DE").get(0).changes()).containsExactly("holidays.calendar");
	}

	@Test
	void aScheduleChangedInRedisWithoutAnAnnouncementIsInForceWithinASecond() {
		this.a.start();
		CountrySchedule germany = this.a.find("DE").orElseThrow();
		// as if the announcement were lost: the document replaced, nothing published
		redis.set(this.keys.key("schedule", "DE"),
				new ScheduleWriter().toJson(closingAt(germany, LocalTime.of(15, 0))));

		await().atMost(RedisSchedules.FRESH.plusSeconds(2))
			.untilAsserted(() -> assertThat(this.a.find("DE").orElseThrow().windows().get(0).to())
				.isEqualTo(LocalTime.of(15, 0)));
	}

	@Test
	void whileRedisIsAwayTheScheduleLastReadStaysInForce() throws Exception {
		try (TestRedis.Own own = TestRedis.startOwn()) {
			RedisSchedules alone = instance(own.client(), new ArrayList<>());
			alone.start();
			CountrySchedule germany = alone.find("DE").orElseThrow();
			own.server().stop();
			Thread.sleep(RedisSchedules.FRESH.toMillis() + 100);

			assertThat(alone.find("DE")).contains(germany);
			assertThatThrownBy(() -> alone.find("FR")).isInstanceOf(RuntimeException.class);
			alone.stop();
		}
	}

	private RedisSchedules instance(List<Object> heard) {
		return instance(redis, heard);
	}

	private RedisSchedules instance(redis.clients.jedis.UnifiedJedis redis, List<Object> heard) {
		return new RedisSchedules(redis, this.keys,
				new ScheduleSettings(Path.of("config/schedules"),
						List.of("support", "english", "german", "french", "polish", "arabic", "hindi")),
				new JollydayHolidays(),
				() -> Set.of("support", "english", "german", "french", "polish", "arabic", "hindi"), heard::add,
				this.clock);
	}

	private static CountrySchedule closingAt(CountrySchedule schedule, LocalTime to) {
		List<Window> windows = new ArrayList<>(schedule.windows());
		Window first = windows.get(0);
		windows.set(0, new Window(first.days(), first.from(), to, first.overnight(), first.team(), first.skills(),
				first.quota()));
		return new CountrySchedule(schedule.country(), schedule.timeZone(), schedule.version(), schedule.holidays(),
				schedule.specialDays(), windows, schedule.quota(), schedule.overflow(), schedule.closedAction());
	}

}
