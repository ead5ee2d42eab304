package org.switchboard.admin;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import org.switchboard.SwitchboardTest;
import org.switchboard.TestUsers;
import org.switchboard.agent.Agent;
import org.switchboard.agent.Agents;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random and malformed payloads on every admin write and query an admin can send: mutated
 * schedules, agents, state changes, what-if questions, flow YAML and call-record queries,
 * with junk paths and headers. None may answer 5xx, every refusal is a problem
 * ({@code application/problem+json}), and the published schedule of a country the fuzzing
 * did not target stays as it was. Seeded, so a failure replays;
 * {@code -Dswitchboard.fuzz.seed=n} tries others.
 */
@SwitchboardTest
class AdminFuzzTest {

	private static final long SEED = Long.getLong("switchboard.fuzz.seed", 7_2026L);

	private static final int REQUESTS = 600;

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final String[] KEYS = { "country", "timeZone", "version", "windows", "days", "from", "to", "team",
			"skills", "quota", "maxConcurrent", "maxAnswered", "overflow", "after", "closedAction", "type", "then",
			"mailbox", "holidays", "specialDays", "date", "name", "endpoint", "languages", "group", "action", "reason",
			"callerId", "dialed", "at", "", "__proto__", "x".repeat(300) };

	@Autowired
	TestRestTemplate http;

	@Autowired
	Agents agents;

	/** The agents the fuzzing made leave, so none takes another test's calls. */
	@AfterEach
	void removeTheFuzzedAgents() {
		this.agents.all().stream().map(Agent::id).filter((id) -> id.startsWith("fz-")).forEach((id) -> {
			this.agents.logout(id);
			this.agents.delete(id);
		});
	}

	@Test
	void randomAdminPayloadsNeverGetA5xxNorChangeWhatTheyDidNotTarget() throws Exception {
		TestRestTemplate admin = TestUsers.admin(this.http);
		String germany = admin.getForObject("/api/schedules/DE", String.class);
		String poland = admin.getForObject("/api/schedules/PL", String.class);
		JsonNode schedule = JSON.readTree(germany);
		Random random = new Random(SEED);
		List<String> failures = new ArrayList<>();
		java.util.Set<Integer> statuses = new java.util.TreeSet<>();

		for (int i = 0; i < REQUESTS; i++) {
			Request request = request(random, schedule, i);
			HttpHeaders headers = new HttpHeaders();
			headers.set(HttpHeaders.CONTENT_TYPE, request.contentType());
			if (random.nextInt(4) == 0) {
				headers.set(random.nextBoolean() ? HttpHeaders.IF_MATCH : HttpHeaders.IF_NONE_MATCH,
						pick(random, "*", "\"1\"", "\"-1\"", "junk", "\"99999999999999999999\"", "W/\"2\"", ""));
			}
			ResponseEntity<String> response = admin.exchange(request.path(), request.method(),
					new HttpEntity<>(request.body(), headers), String.class);
			statuses.add(response.getStatusCode().value());
			MediaType type = response.getHeaders().getContentType();
			if (response.getStatusCode().is5xxServerError() || (response.getStatusCode().isError()
					&& (type == null || !type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)))) {
				failures.add(request.method() + " " + request.path() + " " + abbreviate(request.body()) + " -> "
						+ response.getStatusCode() + " " + type + " " + abbreviate(response.getBody()));
			}
		}

		assertThat(failures).as("seed %d", SEED).isEmpty();
		// the payloads reached the controllers: some were accepted, many refused by name
		assertThat(statuses).contains(200, 400);
		assertThat(admin.getForObject("/api/schedules/DE", String.class)).isEqualTo(germany);
		assertThat(admin.getForObject("/api/schedules/PL", String.class)).isEqualTo(poland);
	}

	private static Request request(Random random, JsonNode schedule, int number) {
		String target = pick(random, "FJ", "fj", "F", "FJJ", "12", "%20", "..", "FJ%00", "Ω");
		return switch (random.nextInt(9)) {
			case 0, 1 -> new Request(HttpMethod.PUT, "/api/schedules/" + target, body(random, mutate(random, schedule)),
					MediaType.APPLICATION_JSON_VALUE);
			case 2 -> new Request(HttpMethod.POST, "/api/schedules/" + target + "/validate",
					body(random, mutate(random, schedule)), pick(random, "application/yaml", "application/json"));
			case 3 -> new Request(HttpMethod.PUT, "/api/agents/fz-" + pick(random, "" + number, "", "x".repeat(500)),
					body(random, mutate(random, agent())), MediaType.APPLICATION_JSON_VALUE);
			case 4 -> new Request(HttpMethod.POST, "/api/agents/fz-" + number % 7 + "/state",
					body(random, mutate(random, JSON.createObjectNode().put("action", "pause").put("reason", "x"))),
					MediaType.APPLICATION_JSON_VALUE);
			case 5 -> new Request(HttpMethod.POST, "/api/routing/what-if",
					body(random,
							mutate(random,
									JSON.createObjectNode()
										.put("callerId", "+4930123456")
										.put("dialed", "8000")
										.put("at", "2026-11-23T10:00:00Z"))),
					MediaType.APPLICATION_JSON_VALUE);
			case 6 -> new Request(HttpMethod.POST, "/api/flows/validate", yaml(random), "application/yaml");
			case 7 -> new Request(HttpMethod.GET, pick(random, "/api/calls", "/api/calls.csv", "/api/kpis") + "?"
					+ pick(random, "from", "to", "country", "queue", "outcome", "limit", "page", "agent", "x") + "="
					+ pick(random, "", "-1", "99999999999", "2026-13-45", "abc", "%FF", "2026-11-23T10:00:00Z") + "&"
					+ pick(random, "from", "to", "limit") + "=" + random.nextInt(), null, MediaType.TEXT_PLAIN_VALUE);
			default -> new Request(HttpMethod.GET,
					"/api/schedules/" + target + "/history/"
							+ pick(random, "1", "0", "-1", "abc", "99999999999999999999"),
					null, MediaType.TEXT_PLAIN_VALUE);
		};
	}

	private static ObjectNode agent() {
		ObjectNode agent = JSON.createObjectNode();
		agent.put("name", "Fuzz");
		agent.put("endpoint", "PJSIP/fz");
		agent.putObject("skills").put("support", 2);
		agent.putArray("languages").add("en");
		agent.put("group", "support");
		return agent;
	}

	/** The JSON as text, now and then cut short or replaced by junk. */
	private static String body(Random random, JsonNode json) {
		String text = json.toString();
		return switch (random.nextInt(12)) {
			case 0 -> text.substring(0, random.nextInt(text.length() + 1));
			case 1 -> junk(random);
			case 2 -> "";
			case 3 -> "[" + text + "]";
			default -> text;
		};
	}

	/**
	 * A copy with a few random edits: values swapped for other types, keys added or
	 * removed.
	 */
	private static JsonNode mutate(Random random, JsonNode original) {
		JsonNode copy = original.deepCopy();
		int edits = 1 + random.nextInt(4);
		for (int i = 0; i < edits; i++) {
			copy = edit(random, copy, 0);
		}
		return copy;
	}

	private static JsonNode edit(Random random, JsonNode node, int depth) {
		if (node instanceof ObjectNode object && object.size() > 0 && random.nextInt(3) != 0) {
			List<String> names = new ArrayList<>();
			object.fieldNames().forEachRemaining(names::add);
			String name = names.get(random.nextInt(names.size()));
			switch (random.nextInt(4)) {
				case 0 -> object.remove(name);
				case 1 -> object.set(pick(random, KEYS), value(random, depth));
				default -> object.set(name, edit(random, object.get(name), depth + 1));
			}
			return object;
		}
		if (node instanceof ArrayNode array && array.size() > 0 && random.nextInt(3) != 0) {
			int index = random.nextInt(array.size());
			array.set(index, edit(random, array.get(index), depth + 1));
			return array;
		}
		return value(random, depth);
	}

	private static JsonNode value(Random random, int depth) {
		JsonNodeFactory nodes = JsonNodeFactory.instance;
		return switch (random.nextInt(depth > 4 ? 9 : 11)) {
			case 0 -> nodes.nullNode();
			case 1 -> nodes.booleanNode(random.nextBoolean());
			case 2 -> nodes.numberNode(random.nextLong());
			case 3 -> nodes.numberNode(random.nextDouble() * 1e12 - 5e11);
			case 4 -> nodes.textNode("");
			case 5 -> nodes.textNode(junk(random));
			case 6 -> nodes.textNode(pick(random, "25:99", "00:00", "24:00", "MON", "Europe/Nowhere", "PT-5S", "-1s",
					"1000000d", "2026-02-30", "announce-next-opening", "hangup", "voicemail", "callback", "ready"));
			case 7 -> nodes.numberNode(pick(random, 0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE));
			case 8 -> nodes.textNode("x".repeat(random.nextInt(20_000)));
			case 9 -> {
				ArrayNode array = nodes.arrayNode();
				for (int i = random.nextInt(4); i > 0; i--) {
					array.add(value(random, depth + 1));
				}
				yield array;
			}
			default -> {
				ObjectNode object = nodes.objectNode();
				for (int i = random.nextInt(4); i > 0; i--) {
					object.set(pick(random, KEYS), value(random, depth + 1));
				}
				yield object;
			}
		};
	}

	private static String yaml(Random random) {
		String flow = """
				name: fuzz
				lines: ["7777"]
				languages: [en]
				start: menu
				nodes:
				  menu: {type: menu, prompt: custom/en/menu, options: {"1": agent}, retries: 2, timeout: 5s}
				  agent: {type: route, skills: {support: 2}, queue: support}
				""";
		StringBuilder mutated = new StringBuilder(flow);
		for (int i = random.nextInt(5); i > 0; i--) {
			int at = random.nextInt(mutated.length());
			switch (random.nextInt(4)) {
				case 0 -> mutated.insert(at, pick(random, "{", "}", "[", ":", "&a", "*a", "!!python/object", "\t", "- ",
						"\"", "'", "%", "\n  x: y\n", "<<: *a"));
				case 1 -> mutated.deleteCharAt(at);
				case 2 -> mutated.insert(at, junk(random));
				default -> mutated.setLength(at);
			}
		}
		return mutated.toString();
	}

	private static String junk(Random random) {
		byte[] bytes = new byte[random.nextInt(300)];
		random.nextBytes(bytes);
		return new String(bytes, StandardCharsets.ISO_8859_1);
	}

	private static String abbreviate(String text) {
		if (text == null) {
			return "";
		}
		return text.length() > 300 ? text.substring(0, 300) + "..." : text;
	}

	@SafeVarargs
	private static <T> T pick(Random random, T... choices) {
		return choices[random.nextInt(choices.length)];
	}

	private record Request(HttpMethod method, String path, String body, String contentType) {

	}

}
