package org.switchboard.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

import org.switchboard.ivr.CallRouter;
import org.switchboard.ivr.IvrOutcome;
import org.switchboard.redis.TestRedis;
import org.switchboard.schedule.CountrySchedule;
import org.switchboard.schedule.OpeningHours;
import org.switchboard.schedule.ScheduleDecision;
import org.switchboard.schedule.Schedules;
import org.switchboard.call.CallRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** Which country a call belongs to per line, and VIP callers ahead in line. */
class LinesAndVipTest {

	private static final JedisPooled redis = TestRedis.client();

	private static final Schedules NO_SCHEDULES = new Schedules() {

		@Override
		public Optional<CountrySchedule> find(String country) {
			return Optional.empty();
		}

		@Override
		public List<CountrySchedule> all() {
			return List.of();
		}

		@Override
		public Optional<ScheduleDecision> decide(String country, Instant at) {
			return Optional.empty();
		}

		@Override
		public ScheduleDecision decide(CountrySchedule schedule, Instant at) {
			throw new AssertionError("no schedule to decide on");
		}

		@Override
		public OpeningHours openingHours(CountrySchedule schedule, Instant from, Instant to) {
			throw new AssertionError("no schedule to look at");
		}

	};

	@Test
	void callerCountryWinsUnlessTheLineRoutesByItsOwnCountry() {
		CallerCountries countries = new CallerCountries(NO_SCHEDULES,
				settings(Map.of("8001", new RoutingSettings.Line("FR", RoutingSettings.RouteBy.LINE), "8002",
						new RoutingSettings.Line("PL", RoutingSettings.RouteBy.CALLER)), Set.of()));

		assertThat(countries.country(call("+4930123456", "+33199001234"))).hasValue("DE");
		assertThat(countries.country(call("+4930123456", "8001"))).hasValue("FR");
		assertThat(countries.country(call("+4930123456", "8002"))).hasValue("DE");
	}

	@Test
	void withheldOrInvalidCallerIdsFallBackToTheLinesCountry() {
		CallerCountries countries = new CallerCountries(NO_SCHEDULES,
				settings(Map.of("8002", new RoutingSettings.Line("PL", RoutingSettings.RouteBy.CALLER)), Set.of()));

		assertThat(countries.country(call("anonymous", "+33199001234"))).hasValue("FR");
		assertThat(countries.country(call("", "8002"))).hasValue("PL");
		assertThat(countries.country(call("+999", "8002"))).hasValue("PL");
		assertThat(countries.country(call("anonymous", "8000"))).isEmpty();
		assertThat(countries.country(call("+12125550123", "8000"))).hasValue("US");
	}

	@Test
	void aCountryWithoutAScheduleIsServedAtAnyTime() {
		assertThat(new CallerCountries(NO_SCHEDULES, settings(Map.of(), Set.of())).open("DE", Instant.now())).isTrue();
	}

	@Test
	void aScheduleThatCannotBeReadCountsAsOpenSoCallersAreStillServed() {
		Schedules unreachable = new Schedules() {

			@Override
			public Optional<CountrySchedule> find(String country) {
				throw new IllegalStateException("Redis is away");
			}

			@Override
			public List<CountrySchedule> all() {
				throw new IllegalStateException("Redis is away");
			}

			@Override
			public Optional<ScheduleDecision> decide(String country, Instant at) {
				throw new IllegalStateException("Redis is away");
			}

			@Override
			public ScheduleDecision decide(CountrySchedule schedule, Instant at) {
				throw new IllegalStateException("Redis is away");
			}

			@Override
			public OpeningHours openingHours(CountrySchedule schedule, Instant from, Instant to) {
				throw new IllegalStateException("Redis is away");
			}

		};

		assertThat(new CallerCountries(unreachable, settings(Map.of(), Set.of())).open("DE", Instant.now())).isTrue();
	}

	@Test
	void vipCallersWaitAheadOfEarlierOrdinaryCallers() {
		TestSite site = new TestSite(redis, "vip-" + UUID.randomUUID().toString().substring(0, 8));
		RoutingSettings settings = settings(Map.of(), Set.of("+4930999999"));
		Router router = new Router(site.claims, site.line, new RedisLiveCalls(redis, site.keys), site.clock, settings,
				new RoutingPlanner(new CallerCountries(NO_SCHEDULES, settings), NO_SCHEDULES), NO_SCHEDULES,
				new RedisQuotas(redis, site.keys), site.events::add, null, new SimpleMeterRegistry());
		IvrOutcome.Routed billing = new IvrOutcome.Routed(Map.of("billing", 1), "billing", 0);

		CallRouter.Step first = router.route(request("c1", "+4930123456"), billing);
		site.clock.advance(Duration.ofSeconds(30));
		CallRouter.Step vip = router.route(request("c2", "+4930999999"), billing);

		assertThat(first).isEqualTo(new CallRouter.Step.Wait("billing", 1));
		assertThat(vip).isEqualTo(new CallRouter.Step.Wait("billing", 1));
		assertThat(site.line.position("c1")).hasValue(2);
	}

	private static RoutingSettings settings(Map<String, RoutingSettings.Line> lines, Set<String> vips) {
		return new RoutingSettings(Duration.ofSeconds(30), Duration.ofSeconds(20), lines, vips, 9, null, null, null,
				200);
	}

	private static CallRequest call(String callerId, String dialled) {
		return new CallRequest("ivr", "PJSIP/carrier-1", "1.1", callerId, "", dialled, dialled, "", "en", List.of());
	}

	private static CallRequest request(String callId, String callerId) {
		return new CallRequest("ivr", "PJSIP/carrier-" + callId, callId, callerId, "", "8000", "8000", "", "en",
				List.of());
	}

}
