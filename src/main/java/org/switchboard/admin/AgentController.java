package org.switchboard.admin;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import org.switchboard.agent.Agent;
import org.switchboard.agent.AgentStatus;
import org.switchboard.agent.Agents;
import org.switchboard.schedule.ScheduleVersions;
import org.switchboard.common.InvalidFieldsException;
import org.switchboard.web.ApiProblem;

/**
 * Agents and their skills for admins, and their state for supervisors (and an agent's
 * own). A profile write is checked whole, field by field, and names the version it was
 * made on; a state change is refused with 409 when the agent's state does not allow it.
 */
@RestController
@Tag(name = "agents", description = "Agents, skills and agent states")
class AgentController {

	private static final String NO_AGENT = "No agent with this id";

	private static final Logger audit = LoggerFactory.getLogger("org.switchboard.audit");

	private final Agents agents;

	private final ScheduleVersions schedules;

	AgentController(Agents agents, ScheduleVersions schedules) {
		this.agents = agents;
		this.schedules = schedules;
	}

	/** An agent as the API shows it. */
	/**
	 * What a client sends to create or replace an agent, as the API documents it; read
	 * from the text by {@link AgentProfileReader}, so each problem names its line.
	 */
	record AgentProfile(String name, String endpoint, String team, Map<String, Integer> skills, Set<String> languages,
			Long version) {

	}

	record AgentView(String id, String name, String endpoint, Map<String, Integer> skills, Set<String> languages,
			String team, long version, AgentStatus status) {

	}

	/** A state change a supervisor (or the agent) asks for. */
	record StateRequest(String action, String reason) {

	}

	@GetMapping("/api/agents")
	@Operation(operationId = "listAgents", summary = "Every agent with skills, version and state")
	List<AgentView> all() {
		return this.agents.all().stream().map(this::view).toList();
	}

	@GetMapping("/api/skills")
	@Operation(operationId = "listSkills",
			summary = "The skills schedules may require: configured ones and every agent's")
	Set<String> skills() {
		return new TreeSet<>(this.schedules.knownSkills());
	}

	@GetMapping("/api/agents/{id}")
	@Operation(operationId = "getAgent", summary = "One agent; their profile's version is the ETag")
	@ApiResponse(responseCode = "200", description = "The agent, with their state")
	@ApiResponse(responseCode = "404", description = NO_AGENT)
	ResponseEntity<AgentView> get(@PathVariable String id) {
		AgentView view = view(find(id));
		return ResponseEntity.ok().eTag(Versions.etag(view.version())).body(view);
	}

	/**
	 * Creates ({@code If-None-Match: *}) or replaces ({@code If-Match}) an agent's
	 * profile; their state is kept.
	 */
	@PutMapping(path = "/api/agents/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(operationId = "putAgent", summary = "Create (If-None-Match: *) or replace (If-Match) an agent's profile")
	@ApiResponse(responseCode = "200", description = "Replaced: the profile, its new version the ETag")
	@ApiResponse(responseCode = "201", description = "Created: the profile, version 1 the ETag")
	@ApiResponse(responseCode = "400",
			description = "Invalid: errors names every field and why (an endpoint that is "
					+ "another agent's too); nothing was changed")
	@ApiResponse(responseCode = "412",
			description = "Someone saved first, or the id is taken: currentVersion and the "
					+ "ETag name the version in force; nothing was changed")
	@ApiResponse(responseCode = "415", description = "The body is not application/json")
	@ApiResponse(responseCode = "428",
			description = "No version named: neither If-Match, If-None-Match: * nor " + "the body's version")
	ResponseEntity<AgentView> put(@PathVariable String id,
			@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
							schema = @Schema(implementation = AgentProfile.class))) @RequestBody String body,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch, Principal who) {
		AgentProfileReader.Profile profile = AgentProfileReader.read(id, body);
		Agent agent = profile.agent();
		long expected = Versions.expected(ifMatch, ifNoneMatch, profile.version());
		try {
			this.agents.save(agent, expected);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidFieldsException("Invalid agent", "endpoint", ex.getMessage());
		}
		AgentView view = view(agent);
		audit.info("agent {} version {} saved by {}: {}", id, view.version(), who.getName(), agent);
		return ResponseEntity.status((expected == 0) ? HttpStatus.CREATED : HttpStatus.OK)
			.eTag(Versions.etag(view.version()))
			.body(view);
	}

	@DeleteMapping("/api/agents/{id}")
	@Operation(operationId = "deleteAgent", summary = "Remove an agent; If-Match names the version deleted")
	@ApiResponse(responseCode = "204", description = "Removed")
	@ApiResponse(responseCode = "400", description = "If-Match is not a version like \"3\"")
	@ApiResponse(responseCode = "404", description = NO_AGENT)
	@ApiResponse(responseCode = "412", description = "Someone saved first; nothing was changed")
	@ApiResponse(responseCode = "428", description = "No If-Match: the version deleted must be named")
	ResponseEntity<Void> delete(@PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Principal who) {
		find(id);
		this.agents.delete(id, Versions.expected(ifMatch, null, OptionalLong.empty()));
		audit.info("agent {} deleted by {}", id, who.getName());
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/api/agents/{id}/state")
	@Operation(operationId = "getAgentState", summary = "An agent's state now")
	@ApiResponse(responseCode = "200", description = "The state, and what applies to it (reason, call, until when)")
	@ApiResponse(responseCode = "404", description = NO_AGENT)
	AgentStatus state(@PathVariable String id) {
		return this.agents.status(id).orElseThrow(() -> new NoSuchElementException("no agent: " + id));
	}

	/** {@code {"action": "pause", "reason": "coaching"}}; also ready, login, logout. */
	@PostMapping("/api/agents/{id}/state")
	@Operation(operationId = "changeAgentState",
			summary = "Change an agent's state: ready, pause (with a reason), login or logout")
	@ApiResponse(responseCode = "200", description = "Done: the agent's state now")
	@ApiResponse(responseCode = "400", description = "Not an action, or a reason longer than 64 characters")
	@ApiResponse(responseCode = "404", description = NO_AGENT)
	@ApiResponse(responseCode = "409",
			description = "The agent's state does not allow it now; agentStatus is that " + "state")
	@ApiResponse(responseCode = "415", description = "The body is not application/json")
	ResponseEntity<AgentStatus> changeState(@PathVariable String id, @RequestBody StateRequest request, Principal who) {
		find(id);
		String action = (request.action() != null) ? request.action() : "";
		boolean done = switch (action) {
			case "ready" -> this.agents.ready(id);
			case "login" -> this.agents.login(id);
			case "logout" -> this.agents.logout(id);
			case "pause" -> {
				String reason = (request.reason() != null && !request.reason().isBlank()) ? request.reason()
						: "supervisor";
				if (reason.length() > 64) {
					throw new InvalidFieldsException("Invalid state change", "reason", "longer than 64 characters");
				}
				yield this.agents.pause(id, reason);
			}
			default -> throw new InvalidFieldsException("Invalid state change", "action",
					"expected ready, pause, login or logout: '" + action + "'");
		};
		AgentStatus status = state(id);
		audit.info("agent {} {} by {}: {}", id, action, who.getName(), done ? status.state() : "refused");
		if (!done) {
			throw new ApiProblem(HttpStatus.CONFLICT, "Not possible in the agent's state",
					"agent " + id + " is " + status.state() + ": " + action + " is not possible now")
				.with("agentStatus", status);
		}
		return ResponseEntity.ok(status);
	}

	private Agent find(String id) {
		return this.agents.find(id).orElseThrow(() -> new NoSuchElementException("no agent: " + id));
	}

	private AgentView view(Agent agent) {
		return new AgentView(agent.id(), agent.name(), agent.endpoint(), agent.skills(), agent.languages(),
				agent.team(), this.agents.version(agent.id()), this.agents.status(agent.id()).orElse(null));
	}

}
