package org.switchboard.admin;

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

import org.switchboard.web.Problems;

/**
 * A path under {@code /api} that no controller serves is 404 for every method. Without
 * this the static files' catch-all would take it and answer a POST with 405, as if the
 * path existed for GET.
 */
@Configuration(proxyBeanMethods = false)
class UnknownApiPaths {

	@Bean
	SimpleUrlHandlerMapping unknownApiPathMapping(ObjectMapper json) {
		HttpRequestHandler notFound = (request, response) -> Problems.write(json, request, response, Problems.problem(
				HttpStatus.NOT_FOUND, "Not found",
				"No API at " + request.getMethod() + " " + request.getRequestURI() + "; /v3/api-docs lists every one"));
		SimpleUrlHandlerMapping mapping = new SimpleUrlHandlerMapping(Map.of("/api", notFound, "/api/**", notFound));
		// after the controllers (whose wrong method stays 405), before the static files
		mapping.setOrder(Ordered.LOWEST_PRECEDENCE - 2);
		return mapping;
	}

}
