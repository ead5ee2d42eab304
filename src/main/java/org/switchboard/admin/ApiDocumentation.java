package org.switchboard.admin;

import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document at {@code /v3/api-docs}: what the API is, its version, and for
 * every operation the errors it can answer, each an RFC 9457 problem. The errors any
 * operation may meet (401, 403, 500) are added here; the operations name their own.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

	private static final String PROBLEM = "Problem";

	private static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

	private static final Map<String, String> COMMON = Map.of("401",
			"Not logged in, or a wrong user name or password: log in with HTTP Basic", "403",
			"The user's role may not do this (or a browser session's CSRF token is missing)", "500",
			"The server failed; the body names no internals, the server log has the cause");

	@Bean
	OpenAPI switchboardApi(@Value("${spring.application.version:unknown}") String version) {
		return new OpenAPI().info(new Info().title("Switchboard API").version(version).description("""
				Switchboard routes the calls of multi-country support lines. This API is for the \
				people who run it: country schedules (read, validate, publish, history, revert), \
				agents and their states, the live floor, call records and KPIs, IVR flows, \
				emergency announcements and what-if routing.

				Log in with HTTP Basic. A write names the version it was made on (If-Match with \
				the ETag, or the document's own version): a stale one gets 412, one with no \
				version 428. Every error is an RFC 9457 problem (application/problem+json) with \
				status, title and detail; a 400 lists each invalid field in errors."""))
			.components(new Components().addSecuritySchemes("basic",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
			.addSecurityItem(new SecurityRequirement().addList("basic"));
	}

	/**
	 * Adds the errors every operation may meet and gives each error response the problem
	 * body, so an operation's annotations need only name its own errors and why.
	 */
	@Bean
	OpenApiCustomizer errorResponses() {
		return (api) -> {
			// here, not in the document above: springdoc drops schemas it did not find
			// itself
			api.getComponents().addSchemas(PROBLEM, problemSchema());
			api.getPaths().values().forEach((path) -> path.readOperations().forEach(ApiDocumentation::addErrors));
		};
	}

	private static void addErrors(Operation operation) {
		ApiResponses responses = operation.getResponses();
		COMMON.forEach((code, description) -> {
			if (!responses.containsKey(code)) {
				responses.addApiResponse(code, new ApiResponse().description(description));
			}
		});
		responses.forEach((code, response) -> {
			if (code.startsWith("4") || code.startsWith("5")) {
				response.setContent(new Content().addMediaType(PROBLEM_JSON,
						new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
			}
		});
	}

	private static Schema<?> problemSchema() {
		return new ObjectSchema().description("An RFC 9457 problem: what went wrong, and for a 400 each field")
			.addProperty("type", new StringSchema().description("A URI naming the kind of problem, or about:blank"))
			.addProperty("title", new StringSchema().description("The kind of problem, short"))
			.addProperty("status", new IntegerSchema().description("The HTTP status"))
			.addProperty("detail", new StringSchema().description("What went wrong here, with the values concerned"))
			.addProperty("instance", new StringSchema().description("The path that was asked"))
			.addProperty("errors",
					new ArraySchema().description("400: every invalid field of the request")
						.items(new ObjectSchema()
							.addProperty("field", new StringSchema().description("A JSON path like windows[0].to"))
							.addProperty("message", new StringSchema().description("Why, with the value"))))
			.addProperty("currentVersion",
					new IntegerSchema().format("int64").description("412: the version in force now"));
	}

}
