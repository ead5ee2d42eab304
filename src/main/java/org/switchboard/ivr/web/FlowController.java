package org.switchboard.ivr.web;

import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.switchboard.ivr.FlowRegistry;
import org.switchboard.ivr.FlowRegistry.FlowSummary;
import org.switchboard.ivr.FlowRegistry.ReloadReport;

/**
 * Flows for admins: what is in force, a reload, and a dry-run validation of a flow text.
 */
@RestController
@RequestMapping("/api/flows")
class FlowController {

	private final FlowRegistry flows;

	FlowController(FlowRegistry flows) {
		this.flows = flows;
	}

	@GetMapping
	List<FlowSummary> flows() {
		return this.flows.flows();
	}

	/**
	 * Reads every flow file again; 200 when all are valid, 422 naming the rejected ones
	 * (kept at their last good version).
	 */
	@PostMapping("/reload")
	ResponseEntity<ReloadReport> reload() {
		ReloadReport report = this.flows.reload();
		return report.clean() ? ResponseEntity.ok(report) : ResponseEntity.unprocessableEntity().body(report);
	}

	/** Validates a flow without putting it in force. */
	@PostMapping(path = "/validate", consumes = { "application/yaml", "application/x-yaml", "text/yaml", "text/plain" })
	ResponseEntity<Map<String, Object>> validate(@RequestParam(defaultValue = "flow.yml") String name,
			@RequestBody String yaml) {
		List<String> problems = this.flows.validate(name, yaml);
		Map<String, Object> body = Map.of("valid", problems.isEmpty(), "problems", problems);
		return problems.isEmpty() ? ResponseEntity.ok(body) : ResponseEntity.unprocessableEntity().body(body);
	}

}
