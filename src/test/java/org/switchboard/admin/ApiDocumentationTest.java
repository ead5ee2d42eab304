package org.switchboard.admin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

import org.switchboard.SwitchboardTest;
import org.switchboard.TestUsers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a client developer reads in {@code /v3/api-docs}: what the API is and its version,
 * and for every operation a name, a tag and the errors it can answer, each a problem.
 */
@SwitchboardTest
class ApiDocumentationTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final String PROBLEM_JSON = "application/problem+json";

	@Autowired
	TestRestTemplate http;

	JsonNode document;

	@BeforeEach
	void readTheDocument() throws Exception {
		String text = TestUsers.supervisor(this.http).getForObject("/v3/api-docs", String.class);
		Files.createDirectories(Path.of("target"));
		Files.writeString(Path.of("target/api-docs.json"),
				JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(text)));
		this.document = JSON.readTree(text);
	}

	@Test
	void saysWhatTheApiIsAndWhichVersionOfSwitchboardServesIt() {
		JsonNode info = this.document.get("info");

		assertThat(info.get("title").asText()).isEqualTo("Switchboard API");
		assertThat(info.get("version").asText()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
		assertThat(info.get("description").asText()).contains("application/problem+json").contains("428");
	}

	@Test
	void everyOperationHasANameATagAndItsErrorsAsProblems() {
		List<String> missing = new ArrayList<>();
		Set<String> names = new HashSet<>();
		this.document.get("paths").properties().forEach((path) -> path.getValue().properties().forEach((entry) -> {
			String where = entry.getKey().toUpperCase() + " " + path.getKey();
			JsonNode operation = entry.getValue();
			JsonNode responses = operation.get("responses");
			String name = operation.path("operationId").asText();
			if (name.isEmpty() || name.matches(".*_\\d+") || !names.add(name)) {
				missing.add(where + ": a name of its own, not '" + name + "'");
			}
			if (operation.path("tags").isEmpty() || operation.path("summary").asText().isBlank()) {
				missing.add(where + ": a tag and a summary");
			}
			if (responses.properties().stream().noneMatch((response) -> response.getKey().startsWith("2"))) {
				missing.add(where + ": a success response");
			}
			for (List<String> anyOf : expectedErrors(path.getKey(), operation)) {
				if (anyOf.stream().noneMatch(responses::has)) {
					missing.add(where + ": " + String.join(" or ", anyOf));
				}
			}
			responses.properties().forEach((response) -> {
				if (response.getKey().matches("[45]..") && !response.getValue().at("/content").has(PROBLEM_JSON)) {
					missing.add(where + ": " + response.getKey() + " as " + PROBLEM_JSON);
				}
				if (response.getValue().path("description").asText().isBlank()) {
					missing.add(where + ": a description of " + response.getKey());
				}
			});
		}));

		assertThat(this.document.get("paths").size()).isGreaterThan(20);
		assertThat(missing).isEmpty();
	}

	@Test
	void anAgentsProfileIsDocumentedAsTheObjectItIsNotAsText() {
		JsonNode body = this.document.at("/paths/~1api~1agents~1{id}/put/requestBody/content/application~1json/schema");
		JsonNode profile = this.document.at("/components/schemas/"
				+ body.path("$ref").asText().substring(body.path("$ref").asText().lastIndexOf('/') + 1)
				+ "/properties");

		assertThat(profile.properties()).extracting(java.util.Map.Entry::getKey)
			.contains("name", "endpoint", "team", "skills", "languages", "version");
	}

	@Test
	void theProblemIsDescribedOnceForAll() {
		JsonNode problem = this.document.at("/components/schemas/Problem/properties");

		assertThat(problem.properties()).extracting(java.util.Map.Entry::getKey)
			.contains("type", "title", "status", "detail", "instance", "errors");
	}

	/**
	 * The errors an operation must name: any may meet 401, 403 and 500; one that names a
	 * thing in its path 404 or 400 (a malformed name); one that reads a body 400 or 422,
	 * and 415; one that checks a version 412 and 428.
	 */
	private static List<List<String>> expectedErrors(String path, JsonNode operation) {
		List<List<String>> codes = new ArrayList<>(List.of(List.of("401"), List.of("403"), List.of("500")));
		Set<String> parameters = new HashSet<>();
		operation.path("parameters").forEach((parameter) -> parameters.add(parameter.path("name").asText()));
		if (path.contains("{")) {
			codes.add(List.of("404", "400"));
		}
		if (operation.has("requestBody")) {
			codes.add(List.of("400", "422"));
			codes.add(List.of("415"));
		}
		if (parameters.contains("If-Match")) {
			codes.add(List.of("412"));
			codes.add(List.of("428"));
		}
		return codes;
	}

}
