package org.switchboard.callrecord;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

/**
 * The KPIs of a hand-built set of calls; every expected number is worked out here from
 * the calls, with T = 20 s and a short abandon under 5 s (the defaults).
 */
class KpisTest {

	private static final Instant AT = Instant.parse("2026-11-23T10:00:00Z");

	private static final CallRecordSettings SETTINGS = CallRecordSettings.defaults();

	// DE: three answered (waits 10, 30, 20 s), a short abandon (3 s), an abandon (60 s),
	// a callback, a self-served call; FR: one answered (5 s)
	private static final List<CallRecord> CALLS = List.of(Calls.answered("1", AT, "DE", "a1", 10, 100, 20, 30, 5),
			Calls.answered("2", AT, "DE", "a1", 30, 200, 0, 60, 3),
			Calls.answered("3", AT, "DE", "a2", 20, 50, 10, 0, null), Calls.abandoned("4", AT, "DE", 3, true),
			Calls.abandoned("5", AT, "DE", 60, false), Calls.other("6", AT, "DE", Outcome.CALLBACK_REQUESTED, true),
			Calls.other("7", AT, "DE", Outcome.SELF_SERVICE, false),
			Calls.answered("8", AT, "FR", "a2", 5, 60, 0, 10, 4));

	@Test
	void perCountry() {
		List<Kpis.Group> groups = Kpis.of(CALLS, Kpis.GroupBy.COUNTRY, SETTINGS, Map.of());

		assertThat(groups).extracting(Kpis.Group::group).containsExactly("DE", "FR");
		Kpis.Group de = groups.get(0);
		// offered: the calls that reached routing: 1-6 (the self-served 7 did not)
		assertThat(de.offered()).isEqualTo(6);
		assertThat(de.answered()).isEqualTo(3);
		// the callback (6) is not an abandon
		assertThat(de.abandoned()).isEqualTo(2);
		assertThat(de.shortAbandoned()).isEqualTo(1);
		// answered within 20 s: 1 (10 s) and 3 (exactly 20 s) = 2; ÷ (3 answered + 1
		// abandon after 5 s)
		assertThat(de.serviceLevel()).isCloseTo(2.0 / 4, within(1e-9));
		assertThat(de.asaSeconds()).isCloseTo((10 + 30 + 20) / 3.0, within(1e-9));
		// handle = talk + hold + wrap-up: 150, 260, 60
		assertThat(de.ahtSeconds()).isCloseTo((150 + 260 + 60) / 3.0, within(1e-9));
		assertThat(de.acwSeconds()).isCloseTo((30 + 60 + 0) / 3.0, within(1e-9));
		// (2 abandons − 1 short) ÷ (6 offered − 1 short)
		assertThat(de.abandonRate()).isCloseTo(1.0 / 5, within(1e-9));
		assertThat(de.csatAverage()).isCloseTo((5 + 3) / 2.0, within(1e-9));
		assertThat(de.csatResponses()).isEqualTo(2);
		assertThat(de.occupancy()).isNull();

		Kpis.Group fr = groups.get(1);
		assertThat(fr.offered()).isEqualTo(1);
		assertThat(fr.serviceLevel()).isEqualTo(1.0);
		assertThat(fr.abandonRate()).isEqualTo(0.0);
		assertThat(fr.ahtSeconds()).isCloseTo(70.0, within(1e-9));
	}

	@Test
	void perAgentCountsOnlyTheirCallsAndAddsOccupancy() {
		List<Kpis.Group> groups = Kpis.of(CALLS, Kpis.GroupBy.AGENT, SETTINGS, Map.of("a1", 0.75));

		assertThat(groups).extracting(Kpis.Group::group).containsExactly("a1", "a2");
		Kpis.Group a1 = groups.get(0);
		assertThat(a1.answered()).isEqualTo(2);
		// waits 10 s (in time) and 30 s (late)
		assertThat(a1.serviceLevel()).isCloseTo(0.5, within(1e-9));
		assertThat(a1.ahtSeconds()).isCloseTo((150 + 260) / 2.0, within(1e-9));
		assertThat(a1.occupancy()).isEqualTo(0.75);
		// a2 had no state changes: no occupancy rather than a made-up zero
		assertThat(groups.get(1).occupancy()).isNull();
		assertThat(groups.get(1).csatAverage()).isEqualTo(4.0);
	}

	@Test
	void nothingToDivideByGivesNullNotZero() {
		List<Kpis.Group> groups = Kpis.of(List.of(Calls.other("9", AT, "DE", Outcome.SELF_SERVICE, false)),
				Kpis.GroupBy.QUEUE, SETTINGS, Map.of());

		assertThat(groups).singleElement().satisfies((group) -> {
			assertThat(group.group()).isEqualTo("unknown");
			assertThat(group.offered()).isZero();
			assertThat(group.serviceLevel()).isNull();
			assertThat(group.abandonRate()).isNull();
			assertThat(group.asaSeconds()).isNull();
			assertThat(group.csatAverage()).isNull();
		});
	}

	@Test
	void ringsNobodyAnsweredCountPerQueueOnItsCallsAndPerAgentForWhoeverWasRung() {
		List<CallRecord> calls = List.of(
				Calls.rangUnanswered(Calls.answered("1", AT, "DE", "a1", 40, 100, 0, 30, null), "a2", "a3"),
				Calls.rangUnanswered(Calls.abandoned("2", AT, "DE", 60, false), "a2"),
				Calls.answered("3", AT, "DE", "a2", 10, 100, 0, 30, null));

		List<Kpis.Group> perQueue = Kpis.of(calls, Kpis.GroupBy.QUEUE, SETTINGS, Map.of());
		List<Kpis.Group> perAgent = Kpis.of(calls, Kpis.GroupBy.AGENT, SETTINGS, Map.of());

		assertThat(perQueue).singleElement().extracting(Kpis.Group::ringNoAnswer).isEqualTo(3);
		// a3 answered nothing, but was rung
		assertThat(perAgent).extracting(Kpis.Group::group, Kpis.Group::answered, Kpis.Group::ringNoAnswer)
			.containsExactly(tuple("a1", 1, 0), tuple("a2", 1, 2), tuple("a3", 0, 1));
		assertThat(Kpis.agent("a2", calls, SETTINGS, null)).isEqualTo(perAgent.get(1));
	}

	@Test
	void occupancyIsBusyTimeOverAvailableTimeInsideTheWindow() {
		Instant from = AT;
		Instant to = AT.plusSeconds(3600);
		List<Occupancy.Change> changes = List.of(
				// ready since before the window: counts from its start
				new Occupancy.Change("a1", "READY", from.minusSeconds(600)),
				new Occupancy.Change("a1", "RESERVED", from.plusSeconds(600)),
				new Occupancy.Change("a1", "ON_CALL", from.plusSeconds(620)),
				new Occupancy.Change("a1", "WRAP_UP", from.plusSeconds(1520)),
				new Occupancy.Change("a1", "NOT_READY", from.plusSeconds(1800)),
				new Occupancy.Change("a1", "READY", from.plusSeconds(2400)),
				// after the window: ignored
				new Occupancy.Change("a1", "ON_CALL", to.plusSeconds(60)),
				new Occupancy.Change("a2", "NOT_READY", from.plusSeconds(10)));

		Map<String, Double> occupancy = Occupancy.of(changes, from, to);

		// busy 600-1800 s = 1200 s; available = that + ready 0-600 and 2400-3600 = 3000
		// s;
		// not ready 1800-2400 counts in neither
		assertThat(occupancy).containsOnlyKeys("a1");
		assertThat(occupancy.get("a1")).isCloseTo(1200.0 / 3000, within(1e-9));
	}

}
