package org.switchboard.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScheduleWriterTest {

	private static final Holidays holidays = new JollydayHolidays();

	private final ScheduleReader reader = new ScheduleReader(holidays);

	private final ScheduleWriter writer = new ScheduleWriter();

	@Test
	void scheduleWrittenAsJsonReadsBackTheSame() {
		CountrySchedule schedule = this.reader.read(ScheduleReaderTest.FULL);

		assertThat(this.reader.read(this.writer.toJson(schedule))).isEqualTo(schedule);
	}

	@Test
	void scheduleWrittenAsYamlReadsBackTheSame() {
		CountrySchedule schedule = this.reader.read(ScheduleReaderTest.FULL);

		assertThat(this.reader.read(this.writer.toYaml(schedule))).isEqualTo(schedule);
	}

	@Test
	void jsonHasTheShapeAdminsWrite() throws Exception {
		CountrySchedule schedule = this.reader.read(ScheduleReaderTest.FULL);

		JsonNode json = new ObjectMapper().readTree(this.writer.toJson(schedule));

		assertThat(json.get("timeZone").asText()).isEqualTo("Europe/Berlin");
		assertThat(json.at("/windows/0/days").toString()).isEqualTo("[\"MON\",\"TUE\",\"WED\",\"THU\",\"FRI\"]");
		assertThat(json.at("/windows/0/from").asText()).isEqualTo("08:00");
		assertThat(json.at("/windows/1/overnight").asBoolean()).isTrue();
		assertThat(json.at("/windows/0/quota").toString()).isEqualTo("{\"maxConcurrent\":20,\"maxAnswered\":400}");
		assertThat(json.at("/specialDays/0/date").asText()).isEqualTo("2026-12-24");
		assertThat(json.at("/specialDays/1/closed").asBoolean()).isTrue();
		assertThat(json.at("/overflow/0/after").asText()).isEqualTo("60s");
		assertThat(json.at("/overflow/2/country").asText()).isEqualTo("FR");
		assertThat(json.get("closedAction").toString())
			.isEqualTo("{\"type\":\"announce-next-opening\",\"then\":\"voicemail\",\"mailbox\":\"1000\"}");
	}

	@Test
	void defaultsAreWrittenOutSoTheDocumentSaysWhatItMeans() throws Exception {
		CountrySchedule schedule = this.reader.read("""
				country: DE
				timeZone: Europe/Berlin
				version: 3
				holidays: {}
				""");

		JsonNode json = new ObjectMapper().readTree(this.writer.toJson(schedule));

		assertThat(json.get("holidays").toString()).isEqualTo("{\"calendar\":\"DE\",\"closed\":true}");
		assertThat(json.get("closedAction").toString())
			.isEqualTo("{\"type\":\"announce-next-opening\",\"then\":\"hangup\"}");
		assertThat(json.has("windows")).isFalse();
	}

	@Test
	void sundayToThursdayIsWrittenInTheOrderOfTheWorkingWeek() throws Exception {
		CountrySchedule schedule = this.reader.read("""
				country: SA
				timeZone: Asia/Riyadh
				version: 1
				windows: [{days: [MON, SUN, THU, TUE, WED], from: "08:00", to: "17:00", team: sa}]
				""");

		JsonNode json = new ObjectMapper().readTree(this.writer.toJson(schedule));

		assertThat(json.at("/windows/0/days").toString()).isEqualTo("[\"SUN\",\"MON\",\"TUE\",\"WED\",\"THU\"]");
		assertThat(schedule.windows().get(0).label()).isEqualTo("SUN-THU 08:00-17:00");
	}

}
