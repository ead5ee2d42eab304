package org.switchboard.callrecord;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

import org.switchboard.SwitchboardTest;
import org.switchboard.TestUsers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code /api/calls}, {@code /api/calls.csv}, {@code /api/kpis} and an agent's calls over
 * records in the real Redis, in a window of their own: calls just outside the window do
 * not count.
 */
@SwitchboardTest
class CallRecordApiTest {

	@Autowired
	CallRecords records;

	@Autowired
	TestRestTemplate http;

	@Autowired
	java.time.Clock clock;

	/** A window and a country no other test writes into. */
	private Instant from;

	private Instant to;

	private String country;

	/** The agent of this test's calls: records of other runs stay in the shared Redis. */
	private String agent;

	@BeforeEach
	void calls() {
		// an hour some days back, inside the retention, with a group of its own
		this.from = this.clock.instant()
			.truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
			.minus(java.time.Duration.ofDays(3))
			.minusSeconds(Math.abs(UUID.randomUUID().hashCode() % 20_000) * 60L);
		this.to = this.from.plusSeconds(3600);
		this.country = "T-" + UUID.randomUUID().toString().substring(0, 8);
		this.agent = "k1-" + UUID.randomUUID().toString().substring(0, 8);
		// in the window: two answered (waits 10 s and 40 s), an abandon, a short abandon,
		// a callback; outside it: one answered a millisecond early, one at its end
		this.records
			.append(Calls.answered(id("early"), this.from.minusMillis(1), this.country, this.agent, 5, 60, 0, 10, 5));
		this.records.append(Calls.answered(id("a1"), this.from, this.country, this.agent, 10, 100, 20, 30, 5));
		this.records
			.append(Calls.answered(id("a2"), this.from.plusSeconds(600), this.country, "k2", 40, 200, 0, 60, 2));
		this.records.append(Calls.abandoned(id("ab"), this.from.plusSeconds(900), this.country, 60, false));
		this.records.append(Calls.abandoned(id("short"), this.from.plusSeconds(901), this.country, 2, true));
		this.records
			.append(Calls.other(id("cb"), this.to.minusSeconds(1), this.country, Outcome.CALLBACK_REQUESTED, true));
		this.records.append(Calls.answered(id("late"), this.to, this.country, this.agent, 5, 60, 0, 10, 1));
	}

	@Test
	@SuppressWarnings("unchecked")
	void kpisOfAWindowCountOnlyTheCallsThatArrivedInIt() {
		Map<String, Object> report = TestUsers.admin(this.http)
			.getForObject("/api/kpis?from={from}&to={to}&groupBy=country", Map.class, this.from, this.to);

		Map<String, Object> group = ((List<Map<String, Object>>) report.get("groups")).stream()
			.filter((row) -> this.country.equals(row.get("group")))
			.findFirst()
			.orElseThrow();
		assertThat(report).containsEntry("serviceLevelThresholdSeconds", 20.0)
			.containsEntry("shortAbandonThresholdSeconds", 5.0);
		assertThat(group).containsEntry("offered", 5)
			.containsEntry("answered", 2)
			.containsEntry("abandoned", 2)
			.containsEntry("shortAbandoned", 1)
			.containsEntry("csatResponses", 2);
		// within 20 s: the 10 s wait only; ÷ (2 answered + 1 abandon over 5 s)
		assertThat((Double) group.get("serviceLevel")).isCloseTo(1.0 / 3, within(1e-9));
		assertThat((Double) group.get("asaSeconds")).isCloseTo(25.0, within(1e-9));
		// handles 150 s and 260 s
		assertThat((Double) group.get("ahtSeconds")).isCloseTo(205.0, within(1e-9));
		assertThat((Double) group.get("acwSeconds")).isCloseTo(45.0, within(1e-9));
		// (2 − 1 short) ÷ (5 − 1 short)
		assertThat((Double) group.get("abandonRate")).isCloseTo(0.25, within(1e-9));
		assertThat((Double) group.get("csatAverage")).isCloseTo(3.5, within(1e-9));
	}

	@Test
	@SuppressWarnings("unchecked")
	void callsAreFilteredAndPaged() {
		Map<String, Object> page = TestUsers.admin(this.http)
			.getForObject("/api/calls?from={from}&to={to}&country={country}&outcome=answered&limit=1&offset=1",
					Map.class, this.from, this.to, this.country);

		assertThat(page).containsEntry("total", 2);
		assertThat((List<Map<String, Object>>) page.get("calls")).extracting((call) -> call.get("callId"))
			.containsExactly(id("a2"));
		// waited 40 s, talked 200 s, no hold, 60 s of wrap-up
		assertThat((List<Map<String, Object>>) page.get("calls")).extracting((call) -> call.get("durations"))
			.first()
			.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.containsEntry("queueWaitSeconds", 40)
			.containsEntry("handleSeconds", 260)
			.doesNotContainKey("queueWait");
	}

	@Test
	@SuppressWarnings("unchecked")
	void anAgentsCallsOfAWindowComeWithTheirHandleTimeAndCsat() {
		Map<String, Object> day = TestUsers.admin(this.http)
			.getForObject("/api/agents/{agent}/calls?from={from}&to={to}", Map.class, this.agent, this.from, this.to);

		assertThat((List<Map<String, Object>>) day.get("calls")).extracting((call) -> call.get("callId"))
			.containsExactly(id("a1"));
		// talk 100 s + hold 20 s + wrap-up 30 s
		assertThat((Map<String, Object>) day.get("kpis")).containsEntry("answered", 1)
			.containsEntry("ahtSeconds", 150.0)
			.containsEntry("csatAverage", 5.0)
			.containsEntry("csatResponses", 1);
	}

	@Test
	@SuppressWarnings("unchecked")
	void anAgentsCallsOfTodayAreThoseSinceMidnightInTheirZone() {
		String agent = "today-" + UUID.randomUUID().toString().substring(0, 8);
		java.time.ZoneId tokyo = java.time.ZoneId.of("Asia/Tokyo");
		Instant midnight = java.time.LocalDate.ofInstant(this.clock.instant(), tokyo).atStartOfDay(tokyo).toInstant();
		this.records
			.append(Calls.answered(id("yesterday"), midnight.minusSeconds(1), this.country, agent, 5, 60, 0, 10, 1));
		this.records.append(Calls.answered(id("today"), midnight, this.country, agent, 5, 60, 0, 10, 5));

		Map<String, Object> today = TestUsers.admin(this.http)
			.getForObject("/api/agents/{agent}/calls?zone=Asia/Tokyo", Map.class, agent);

		assertThat(today).containsEntry("from", midnight.toString());
		assertThat((List<Map<String, Object>>) today.get("calls")).extracting((call) -> call.get("callId"))
			.containsExactly(id("today"));
		assertThat(TestUsers.admin(this.http)
			.getForEntity("/api/agents/{agent}/calls?zone=Mars/Olympus", String.class, agent)
			.getBody()).contains("zone: not a time zone like Europe/Berlin: 'Mars/Olympus'");
	}

	@Test
	void aWindowExportsAsCsvWithoutPhoneNumbersOrFormulas() {
		ResponseEntity<String> csv = TestUsers.admin(this.http)
			.getForEntity("/api/calls.csv?from={from}&to={to}&country={country}", String.class, this.from, this.to,
					this.country);

		assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
		List<String> lines = csv.getBody().lines().toList();
		assertThat(lines.get(0)).startsWith("call_id,arrived,line,caller,country");
		assertThat(lines).hasSize(6);
		assertThat(lines.get(1)).startsWith(id("a1") + "," + this.from + ",8000,'+49******56," + this.country + ",")
			.contains(",answered,false,5,10.0,10.0,2.0,100.0,20.0,30.0,150.0,")
			.endsWith(",menu>billing,0");
		assertThat(csv.getBody()).doesNotContain("4930123456");
	}

	private String id(String name) {
		return this.from.getEpochSecond() + "-" + name;
	}

}
