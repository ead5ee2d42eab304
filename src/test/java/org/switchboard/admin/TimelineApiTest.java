package org.switchboard.admin;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import org.switchboard.SwitchboardTest;
import org.switchboard.TestUsers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The timelines' API as a supervisor reads it, on the shipped schedules: every country
 * over Christmas Eve in UTC, Germany's week in New York time across the EU spring change,
 * and a wrong date or zone named.
 */
@SwitchboardTest
class TimelineApiTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Autowired
	TestRestTemplate http;

	@Test
	void christmasEveInUtcShowsBerlinsShortDayItsOverflowToParisAndTheGapBeforeIndiaOpens() throws Exception {
		JsonNode coverage = get("/api/coverage?date=2026-12-24");

		assertThat(coverage.get("from").asText()).isEqualTo("2026-12-24T00:00:00Z");
		assertThat(coverage.get("to").asText()).isEqualTo("2026-12-25T00:00:00Z");
		assertThat(texts(coverage.get("countries"), "country")).as("east to west")
			.containsSubsequence("IN", "SA", "DE", "US");
		JsonNode germany = country(coverage, "DE");
		assertThat(germany.get("open")).singleElement().satisfies((eve) -> {
			assertThat(eve.get("from").asText()).isEqualTo("2026-12-24T07:00:00Z");
			assertThat(eve.get("to").asText()).isEqualTo("2026-12-24T11:00:00Z");
			assertThat(eve.get("opens").asText()).isEqualTo("2026-12-24T08:00:00+01:00");
			assertThat(eve.get("specialDay").asText()).isEqualTo("Christmas Eve");
		});
		assertThat(germany.get("days")).anySatisfy((day) -> {
			assertThat(day.get("kind").asText()).isEqualTo("special-day");
			assertThat(day.get("name").asText()).isEqualTo("Christmas Eve");
			assertThat(day.get("from").asText()).isEqualTo("2026-12-24T00:00:00Z");
			assertThat(day.get("to").asText()).isEqualTo("2026-12-24T23:00:00Z");
		});
		assertThat(germany.get("overflow")).anySatisfy((step) -> {
			assertThat(step.get("country").asText()).isEqualTo("FR");
			assertThat(step.get("afterSeconds").asLong()).isEqualTo(180);
			assertThat(step.get("during").toString())
				.isEqualTo("[{\"from\":\"2026-12-24T08:00:00Z\",\"to\":\"2026-12-24T11:00:00Z\"}]");
		});
		assertThat(country(coverage, "US").get("open").get(0).get("opens").asText())
			.as("Wednesday evening in New York is still open at midnight UTC")
			.isEqualTo("2026-12-23T08:00:00-05:00");
		assertThat(coverage.get("gaps").toString())
			.contains("{\"from\":\"2026-12-24T01:00:00Z\",\"to\":\"2026-12-24T03:30:00Z\"}");
	}

	@Test
	void germanysWeekInNewYorkTimeStartsAnHourEarlierOnTheSundayTheEuClocksGoForward() throws Exception {
		JsonNode week = get("/api/schedules/DE/week?from=2026-03-25&zone=America/New_York");

		assertThat(week.get("from").asText()).isEqualTo("2026-03-23");
		assertThat(week.get("to").asText()).isEqualTo("2026-03-29");
		JsonNode berlin = week.get("zones").get(0);
		JsonNode newYork = week.get("zones").get(1);
		assertThat(berlin.get("zone").asText()).isEqualTo("Europe/Berlin");
		assertThat(berlin.get("own").asBoolean()).isTrue();
		assertThat(berlin.get("days").get(6).get("clockChange").asText()).isEqualTo("clocks go forward 1 h at 02:00");
		assertThat(newYork.get("zone").asText()).isEqualTo("America/New_York");
		assertThat(hours(newYork.get("days").get(0))).containsExactly("03:00–13:00");
		assertThat(hours(newYork.get("days").get(4))).as("Friday, with the night shift from 22:00 Berlin")
			.containsExactly("03:00–13:00", "17:00–24:00");
		assertThat(hours(newYork.get("days").get(5))).containsExactly("00:00–01:00");
	}

	@Test
	void aWrongDateOrZoneIsRefusedNamingIt() throws Exception {
		ResponseEntity<String> date = supervisor().getForEntity("/api/coverage?date=24.12.2026", String.class);
		ResponseEntity<String> zone = supervisor().getForEntity("/api/schedules/DE/week?zone=Mars/Base", String.class);

		assertThat(date.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(JSON.readTree(date.getBody()).at("/errors/0/field").asText()).isEqualTo("date");
		assertThat(JSON.readTree(date.getBody()).at("/errors/0/message").asText()).contains("'24.12.2026'");
		assertThat(zone.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(JSON.readTree(zone.getBody()).at("/errors/0/field").asText()).isEqualTo("zone");
		assertThat(JSON.readTree(zone.getBody()).at("/errors/0/message").asText()).contains("'Mars/Base'");
	}

	private JsonNode get(String path) throws Exception {
		ResponseEntity<String> response = supervisor().getForEntity(path, String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		return JSON.readTree(response.getBody());
	}

	private TestRestTemplate supervisor() {
		return TestUsers.supervisor(this.http);
	}

	private static JsonNode country(JsonNode coverage, String code) {
		for (JsonNode country : coverage.get("countries")) {
			if (country.get("country").asText().equals(code)) {
				return country;
			}
		}
		throw new AssertionError("no " + code + " in " + coverage);
	}

	private static List<String> texts(JsonNode list, String field) {
		List<String> texts = new ArrayList<>();
		list.forEach((item) -> texts.add(item.get(field).asText()));
		return texts;
	}

	private static List<String> hours(JsonNode day) {
		List<String> hours = new ArrayList<>();
		day.get("open").forEach((bar) -> hours.add(bar.get("from").asText() + "–" + bar.get("to").asText()));
		return hours;
	}

}
