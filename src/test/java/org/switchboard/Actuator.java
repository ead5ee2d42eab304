package org.switchboard;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Requests to a Switchboard on a port of its own, anonymous or as {@code admin}, as an
 * orchestrator's probe or an operator's browser sends them.
 */
final class Actuator {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private static final ObjectMapper JSON = new ObjectMapper();

	private final int port;

	private final String adminPassword;

	Actuator(int port, String adminPassword) {
		this.port = port;
		this.adminPassword = adminPassword;
	}

	/** A GET with no credentials. */
	Answer anonymous(String path) {
		return send(request(path).GET());
	}

	/** A GET as user {@code admin}. */
	Answer admin(String path) {
		return send(asAdmin(request(path)).GET());
	}

	/** A request with a JSON body as user {@code admin}. */
	Answer admin(String method, String path, String json, String... headers) {
		HttpRequest.Builder request = asAdmin(request(path)).header("Content-Type", "application/json")
			.method(method, HttpRequest.BodyPublishers.ofString(json));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return send(request);
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(10));
	}

	private HttpRequest.Builder asAdmin(HttpRequest.Builder request) {
		String credentials = Base64.getEncoder()
			.encodeToString(("admin:" + this.adminPassword).getBytes(StandardCharsets.UTF_8));
		return request.header("Authorization", "Basic " + credentials);
	}

	private static Answer send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** A status code and the body, read as JSON where it is. */
	record Answer(int status, String body) {

		JsonNode json() {
			try {
				return JSON.readTree(this.body);
			}
			catch (IOException ex) {
				throw new IllegalStateException("not JSON: " + this.body, ex);
			}
		}

		/** The status of one component, e.g. {@code "ami"}, or "" when not shown. */
		String component(String name) {
			return json().path("components").path(name).path("status").asText();
		}

	}

}
