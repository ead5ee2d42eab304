package org.switchboard.e2e;

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

import org.switchboard.load.SwitchboardProcess;

/** Switchboard's REST API as the admin uses it, over HTTP with basic auth. */
final class Api {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String base;

	private final String authorization;

	Api(SwitchboardProcess switchboard) {
		this.base = "http://127.0.0.1:" + switchboard.httpPort();
		this.authorization = "Basic " + Base64.getEncoder()
			.encodeToString(("admin:" + switchboard.adminPassword()).getBytes(StandardCharsets.UTF_8));
	}

	JsonNode get(String path) {
		return JSON_OF(send("GET", path, null, null));
	}

	/** A PUT or POST whose answer must be 2xx. */
	JsonNode write(String method, String path, String contentType, String body, String... headers) {
		return JSON_OF(send(method, path, contentType, body, headers));
	}

	private String send(String method, String path, String contentType, String body, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(10))
			.header("Authorization", this.authorization)
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		for (int i = 0; i + 1 < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() / 100 != 2) {
				throw new IllegalStateException(
						method + " " + path + " answered " + response.statusCode() + ": " + response.body());
			}
			return response.body();
		}
		catch (IOException ex) {
			throw new IllegalStateException(method + " " + path + " failed: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	private static JsonNode JSON_OF(String body) {
		try {
			return body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
		}
		catch (IOException ex) {
			throw new IllegalStateException("not JSON: " + body, ex);
		}
	}

}
