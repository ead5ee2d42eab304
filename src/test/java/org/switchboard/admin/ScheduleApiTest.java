package org.switchboard.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import org.switchboard.PublishedEvents;
import org.switchboard.SwitchboardTest;
import org.switchboard.TestUsers;
import org.switchboard.schedule.CountrySchedule;
import org.switchboard.schedule.ScheduleChanged;
import org.switchboard.schedule.ScheduleVersions;
import org.switchboard.schedule.Schedules;
import org.switchboard.schedule.StaleScheduleException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an admin sees editing a schedule over the API: every invalid edit refused whole
 * with the field and the reason, stale versions refused, history and revert.
 */
@SwitchboardTest
class ScheduleApiTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Autowired
	TestRestTemplate http;

	@Autowired
	ScheduleVersions versions;

	@Autowired
	Schedules schedules;

	@Autowired
	PublishedEvents events;

	TestRestTemplate admin;

	@BeforeEach
	void logIn() {
		this.admin = TestUsers.admin(this.http);
	}

	@Test
	void scheduleIsServedAsTheFileShapeWithItsVersionAsETag() throws Exception {
		ResponseEntity<String> response = this.admin.getForEntity("/api/schedules/PL", String.class);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		JsonNode document = JSON.readTree(response.getBody());
		assertThat(document.fieldNames()).toIterable()
			.contains("country", "timeZone", "version", "holidays", "specialDays", "windows", "quota", "overflow",
					"closedAction");
		assertThat(response.getHeaders().getETag()).isEqualTo("\"" + document.get("version").asLong() + "\"");
	}

	@Test
	void unknownTimeZoneIsRefusedNamingTheField() {
		assertRefused((doc) -> doc.put("timeZone", "Europe/Berln"), "timeZone", "unknown time zone");
	}

	@Test
	void windowClosingBeforeItOpensIsRefusedUnlessOvernight() {
		assertRefused((doc) -> window(doc, 0).put("to", "07:00"), "windows[0].to", "closes at or before it opens");
	}

	@Test
	void overlappingWindowsAreRefused() {
		assertRefused((doc) -> ((ArrayNode) doc.get("windows")).addObject()
			.put("from", "15:00")
			.put("to", "17:00")
			.put("team", "pl-late")
			.set("days", JSON.createArrayNode().add("MON")), "windows[1]", "overlaps windows[0]");
	}

	@Test
	void unknownSkillIsRefusedWithTheNearestKnownOne() {
		assertRefused((doc) -> ((ObjectNode) window(doc, 0).get("skills")).put("polsih", 2), "windows[0].skills.polsih",
				"did you mean 'polish'");
	}

	@Test
	void negativeAndAbsurdQuotasAreRefused() {
		assertRefused((doc) -> ((ObjectNode) doc.get("quota")).put("maxConcurrent", -1), "quota.maxConcurrent",
				"not within 1..100000");
		assertRefused((doc) -> ((ObjectNode) doc.get("quota")).put("maxConcurrent", 5_000_000), "quota.maxConcurrent",
				"not within 1..100000");
	}

	@Test
	void unknownCountryCodeIsRefused() {
		assertRefused((doc) -> ((ObjectNode) doc.get("overflow").get(1)).put("country", "XX"), "overflow[1].country",
				"not an ISO 3166");
	}

	@Test
	void unsupportedHolidayCalendarIsRefused() {
		assertRefused((doc) -> ((ObjectNode) doc.get("holidays")).put("calendar", "QQ"), "holidays.calendar",
				"holiday calendar not supported");
	}

	@Test
	void everyProblemOfOneEditIsNamedAtOnce() throws Exception {
		ObjectNode doc = current();
		doc.put("timeZone", "Mars/Base");
		window(doc, 0).put("to", "07:00");
		ResponseEntity<String> response = put(doc, etag());

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(fields(response)).contains("timeZone", "windows[0].to");
	}

	@Test
	void staleVersionGets412AndChangesNothing() throws Exception {
		ObjectNode first = current();
		String seen = etag();
		window(first, 0).put("to", "16:30");
		assertThat(put(first, seen).getStatusCode()).isEqualTo(HttpStatus.OK);

		ObjectNode second = current();
		window(second, 0).put("to", "15:00");
		ResponseEntity<String> stale = put(second, seen);

		assertThat(stale.getStatusCode()).isEqualTo(HttpStatus.PRECONDITION_FAILED);
		assertThat(stale.getBody()).contains("Version conflict").contains("nothing was changed");
		assertThat(window(current(), 0).get("to").asText()).isEqualTo("16:30");
	}

	@Test
	void staleVersionInTheDocumentItselfIsRefusedToo() throws Exception {
		ObjectNode doc = current();
		ObjectNode colleagues = doc.deepCopy();
		window(colleagues, 0).put("to", "16:15");
		assertThat(put(colleagues, null).getStatusCode()).isEqualTo(HttpStatus.OK);
		window(doc, 0).put("to", "15:30");

		assertThat(put(doc, null).getStatusCode()).isEqualTo(HttpStatus.PRECONDITION_FAILED);
		assertThat(window(current(), 0).get("to").asText()).isEqualTo("16:15");
	}

	@Test
	void aScheduleWrittenWithNoVersionGets428AsAnAgentDoesAndChangesNothing() throws Exception {
		String before = this.admin.getForObject("/api/schedules/PL", String.class);
		ObjectNode doc = current();
		doc.remove("version");
		window(doc, 0).put("to", "15:45");

		ResponseEntity<String> response = put(doc, null);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.PRECONDITION_REQUIRED);
		assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
		assertThat(JSON.readTree(response.getBody()).get("detail").asText()).contains("If-Match");
		assertThat(this.admin.getForObject("/api/schedules/PL", String.class)).isEqualTo(before);
	}

	@Test
	void aDocumentWithoutItsOwnVersionIsPublishedOnTheVersionIfMatchNames() throws Exception {
		ObjectNode doc = current();
		doc.remove("version");
		window(doc, 0).put("to", "16:45");
		String seen = etag();

		ResponseEntity<String> response = put(doc, seen);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getHeaders().getETag())
			.isEqualTo("\"" + (Long.parseLong(seen.replace("\"", "")) + 1) + "\"");
		assertThat(window(current(), 0).get("to").asText()).isEqualTo("16:45");
	}

	@Test
	void concurrentPublishesOnOneVersionLetExactlyOneWin() throws Exception {
		CountrySchedule schedule = this.schedules.find("PL").orElseThrow();
		List<Callable<Boolean>> writers = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			writers.add(() -> {
				try {
					this.versions.publish(schedule, schedule.version(), "racer");
					return true;
				}
				catch (StaleScheduleException ex) {
					return false;
				}
			});
		}
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			long wins = 0;
			for (Future<Boolean> result : pool.invokeAll(writers)) {
				wins += result.get() ? 1 : 0;
			}
			assertThat(wins).isEqualTo(1);
		}
		finally {
			pool.shutdown();
		}
		assertThat(this.schedules.find("PL").orElseThrow().version()).isEqualTo(schedule.version() + 1);
	}

	@Test
	void historyShowsWhoWhenAndWhatAndARevertBringsAVersionBack() throws Exception {
		ObjectNode before = current();
		long original = before.get("version").asLong();
		ObjectNode edited = before.deepCopy();
		window(edited, 0).put("from", "09:00");
		assertThat(put(edited, etag()).getStatusCode()).isEqualTo(HttpStatus.OK);

		JsonNode history = JSON.readTree(this.admin.getForObject("/api/schedules/PL/history", String.class));
		assertThat(history.get(0).get("version").asLong()).isEqualTo(original + 1);
		assertThat(history.get(0).get("by").asText()).isEqualTo("admin");
		assertThat(history.get(0).get("at").asText()).isNotBlank();
		String from = before.at("/windows/0/from").asText();
		String to = before.at("/windows/0/to").asText();
		assertThat(history.get(0).get("changes")).singleElement()
			.satisfies((change) -> assertThat(change.asText()).endsWith(from + "–" + to + " changed to 09:00–" + to));
		assertThat(history.get(0).get("changed").toString()).contains("windows[0].from");

		HttpHeaders headers = new HttpHeaders();
		headers.setIfMatch("\"" + (original + 1) + "\"");
		ResponseEntity<String> reverted = this.admin.exchange("/api/schedules/PL/history/" + original + "/revert",
				HttpMethod.POST, new HttpEntity<>(headers), String.class);

		assertThat(reverted.getStatusCode()).isEqualTo(HttpStatus.OK);
		JsonNode now = JSON.readTree(reverted.getBody());
		assertThat(now.get("version").asLong()).isEqualTo(original + 2);
		assertThat(window((ObjectNode) now, 0).get("from").asText()).isEqualTo(before.at("/windows/0/from").asText());
		JsonNode after = JSON.readTree(this.admin.getForObject("/api/schedules/PL/history", String.class));
		assertThat(after.get(0).get("revertedTo").asLong()).isEqualTo(original);
	}

	@Test
	void aPublishedChangeIsAnnouncedOverRedisToEveryInstance() throws Exception {
		ObjectNode doc = current();
		window(doc, 0).put("to", "16:45");
		long next = doc.get("version").asLong() + 1;

		assertThat(put(doc, etag()).getStatusCode()).isEqualTo(HttpStatus.OK);

		this.events.await(ScheduleChanged.class,
				(changed) -> changed.country().equals("PL") && changed.version() == next, Duration.ofSeconds(5));
	}

	@Test
	void aNewCountryIsCreatedOnlyOnceWithIfNoneMatchAndShownWithEveryField() throws Exception {
		String luxembourg = """
				{"country": "LU", "timeZone": "Europe/Luxembourg", "version": 1,
				 "windows": [{"days": ["MON", "TUE", "WED", "THU", "FRI"], "from": "09:00", "to": "17:00", "team": "lu-support", "skills": {"french": 1}}]}
				""";
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		headers.setIfNoneMatch("*");

		ResponseEntity<String> created = this.admin.exchange("/api/schedules/LU", HttpMethod.PUT,
				new HttpEntity<>(luxembourg, headers), String.class);
		ResponseEntity<String> again = this.admin.exchange("/api/schedules/LU", HttpMethod.PUT,
				new HttpEntity<>(luxembourg, headers), String.class);

		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(created.getHeaders().getETag()).isEqualTo("\"1\"");
		assertThat(again.getStatusCode()).isEqualTo(HttpStatus.PRECONDITION_FAILED);
		assertThat(this.admin.getForObject("/api/schedules", String.class)).contains("\"country\":\"LU\"");
		JsonNode shown = JSON.readTree(this.admin.getForObject("/api/schedules/LU", String.class));
		assertThat(shown.get("holidays").isNull()).isTrue();
		assertThat(shown.get("quota").isNull()).isTrue();
		assertThat(shown.get("specialDays").isEmpty()).isTrue();
		assertThat(shown.get("overflow").isEmpty()).isTrue();
		assertThat(shown.at("/closedAction/type").asText()).isEqualTo("announce-next-opening");
	}

	@Test
	void unknownCountryInThePathIs400AndACountryWithoutScheduleIs404() {
		assertThat(this.admin.getForEntity("/api/schedules/XX", String.class).getStatusCode())
			.isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(this.admin.getForEntity("/api/schedules/NZ", String.class).getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void theOpenApiDocumentDescribesTheScheduleApi() {
		String openApi = this.admin.getForObject("/v3/api-docs", String.class);

		assertThat(openApi).contains("\"/api/schedules/{country}\"")
			.contains("\"/api/schedules/{country}/history/{version}/revert\"")
			.contains("\"/api/agents/{id}/state\"")
			.contains("\"/api/live\"");
	}

	@Test
	void theDocumentMustBeTheCountrysOfThePath() throws Exception {
		ObjectNode doc = current();
		doc.put("country", "FR");

		ResponseEntity<String> response = put(doc, etag());

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(fields(response)).containsExactly("country");
	}

	@Test
	void listShowsEveryCountryOpenOrClosedNowWithTheNextChange() throws Exception {
		JsonNode list = JSON.readTree(this.admin.getForObject("/api/schedules", String.class));

		JsonNode germany = null;
		for (JsonNode country : list) {
			if (country.get("country").asText().equals("DE")) {
				germany = country;
			}
		}
		assertThat(germany).isNotNull();
		assertThat(germany.at("/status/open").asBoolean()).isTrue();
		// ISO 8601 with seconds and the offset, which every browser parses; the zone
		// beside it
		assertThat(germany.at("/status/nextChange").asText()).isEqualTo("2026-11-23T18:00:00+01:00");
		assertThat(germany.at("/status/timeZone").asText()).isEqualTo("Europe/Berlin");
	}

	private void assertRefused(Consumer<ObjectNode> edit, String field, String reason) {
		try {
			String before = this.admin.getForObject("/api/schedules/PL", String.class);
			ObjectNode doc = (ObjectNode) JSON.readTree(before);
			edit.accept(doc);

			ResponseEntity<String> response = put(doc, etag());

			assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
			assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
			JsonNode problem = JSON.readTree(response.getBody());
			assertThat(problem.get("status").asInt()).isEqualTo(400);
			assertThat(problem.get("errors").toString()).contains(field);
			boolean named = false;
			for (JsonNode error : problem.get("errors")) {
				named |= error.get("field").asText().equals(field) && error.get("message").asText().contains(reason);
			}
			assertThat(named).as("%s: %s in %s", field, reason, problem).isTrue();
			assertThat(this.admin.getForObject("/api/schedules/PL", String.class)).isEqualTo(before);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private ObjectNode current() throws Exception {
		return (ObjectNode) JSON.readTree(this.admin.getForObject("/api/schedules/PL", String.class));
	}

	private String etag() {
		return this.admin.getForEntity("/api/schedules/PL", String.class).getHeaders().getETag();
	}

	private ResponseEntity<String> put(ObjectNode doc, String ifMatch) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		if (ifMatch != null) {
			headers.setIfMatch(ifMatch);
		}
		return this.admin.exchange("/api/schedules/PL", HttpMethod.PUT, new HttpEntity<>(doc.toString(), headers),
				String.class);
	}

	private static ObjectNode window(ObjectNode doc, int index) {
		return (ObjectNode) doc.get("windows").get(index);
	}

	private static List<String> fields(ResponseEntity<String> response) throws Exception {
		List<String> fields = new ArrayList<>();
		JSON.readTree(response.getBody()).get("errors").forEach((error) -> fields.add(error.get("field").asText()));
		return fields;
	}

}
