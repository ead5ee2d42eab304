package org.switchboard.ivr.web;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.switchboard.ivr.FlowRegistry;
import org.switchboard.ivr.FlowRegistry.FlowSummary;
import org.switchboard.ivr.FlowRegistry.ReloadReport;
import org.switchboard.web.ApiProblem;

/**
 * Flows for admins: what is in force, a reload, and a dry-run validation of a flow text.
 */
@RestController
@RequestMapping("/api/flows")
@Tag(name = "flows", description = "IVR flows: in force, reload, validate")
class FlowController {

	private final FlowRegistry flows;

	FlowController(FlowRegistry flows) {
		this.flows = flows;
	}

	@GetMapping
	@Operation(operationId = "listFlows", summary = "The flows in force: name, file, version, lines, languages")
	List<FlowSummary> flows() {
		return this.flows.flows();
	}

	/**
	 * Reads every flow file again; 200 when all are valid, 422 naming the rejected ones
	 * (kept at their last good version).
	 */
	@PostMapping("/reload")
	@Operation(operationId = "reloadFlows", summary = "Read every flow file again")
	@ApiResponse(responseCode = "200", description = "Every file valid and in force")
	@ApiResponse(responseCode = "422", description = "Some files were rejected, each kept at its last good version: "
			+ "rejected names the problems of each")
	ReloadReport reload() {
		ReloadReport report = this.flows.reload();
		if (!report.clean()) {
			throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "Flows rejected",
					report.rejected().size() + " flow file(s) rejected, each kept at its last good version: "
							+ report.rejected().keySet())
				.with("at", report.at())
				.with("loaded", report.loaded())
				.with("rejected", report.rejected());
		}
		return report;
	}

	/** Validates a flow without putting it in force. */
	@Operation(operationId = "validateFlow", summary = "Validate a flow text without putting it in force")
	@ApiResponse(responseCode = "200", description = "Valid")
	@ApiResponse(responseCode = "400", description = "No flow text in the body")
	@ApiResponse(responseCode = "415", description = "The body is not YAML (application/yaml) or text")
	@ApiResponse(responseCode = "422", description = "Invalid: problems names the file, line, node and field of each")
	@PostMapping(path = "/validate", consumes = { "application/yaml", "application/x-yaml", "text/yaml", "text/plain" })
	Map<String, Object> validate(@RequestParam(defaultValue = "flow.yml") String name, @RequestBody String yaml) {
		List<String> problems = this.flows.validate(name, yaml);
		if (!problems.isEmpty()) {
			throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "Invalid flow",
					problems.size() + ((problems.size() == 1) ? " problem" : " problems") + " in " + name)
				.with("problems", problems);
		}
		return Map.of("valid", true, "problems", problems);
	}

}
