package org.switchboard.ivr.web;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import org.switchboard.ivr.Announcement;
import org.switchboard.ivr.EmergencyAnnouncements;
import org.switchboard.web.ApiProblem;

/**
 * Emergency announcements: {@code PUT /api/announcements/DE} with {@code {"sounds":
 * {"en": "custom/en/outage"}, "on": true}} switches one on for German callers; scope
 * {@code global} reaches every caller.
 */
@RestController
@RequestMapping("/api/announcements")
@Tag(name = "announcements", description = "Emergency announcements played to callers before anything else")
class AnnouncementController {

	private final EmergencyAnnouncements announcements;

	private final Clock clock;

	AnnouncementController(EmergencyAnnouncements announcements, Clock clock) {
		this.announcements = announcements;
		this.clock = clock;
	}

	/** The body of a PUT. */
	record AnnouncementRequest(Map<String, String> sounds, Boolean on) {

	}

	@GetMapping
	@Operation(operationId = "listAnnouncements", summary = "Every emergency announcement, on or off")
	List<Announcement> all() {
		return this.announcements.all();
	}

	@PutMapping("/{scope}")
	@Operation(operationId = "putAnnouncement",
			summary = "Set the announcement of a country (scope DE) or of every caller (scope global)")
	@ApiResponse(responseCode = "200", description = "The announcement as set")
	@ApiResponse(responseCode = "400",
			description = "The scope is neither global nor a country code, or a sound "
					+ "is missing or not a sound name")
	@ApiResponse(responseCode = "415", description = "The body is not application/json")
	Announcement put(@PathVariable String scope, @RequestBody AnnouncementRequest request) {
		if (request.sounds() == null || request.sounds().isEmpty()) {
			throw invalid("sounds: at least one language -> sound is required");
		}
		request.sounds().forEach((language, sound) -> {
			if (sound == null || sound.isBlank() || sound.contains(" ")) {
				throw invalid("sounds." + language + ": not a sound name: '" + sound + "'");
			}
		});
		try {
			Announcement announcement = new Announcement(scope, request.sounds(), request.on() == null || request.on(),
					this.clock.instant());
			this.announcements.put(announcement);
			return announcement;
		}
		catch (IllegalArgumentException ex) {
			// the scope is checked where announcements are kept
			throw invalid(ex.getMessage());
		}
	}

	@DeleteMapping("/{scope}")
	@Operation(operationId = "deleteAnnouncement", summary = "Remove the announcement of a scope")
	@ApiResponse(responseCode = "204", description = "Removed")
	@ApiResponse(responseCode = "400", description = "The scope is neither global nor a country code")
	@ApiResponse(responseCode = "404", description = "No announcement for this scope")
	ResponseEntity<Void> remove(@PathVariable String scope) {
		boolean removed;
		try {
			removed = this.announcements.remove(scope);
		}
		catch (IllegalArgumentException ex) {
			throw invalid(ex.getMessage());
		}
		if (!removed) {
			throw new ApiProblem(HttpStatus.NOT_FOUND, null, "no announcement for " + scope);
		}
		return ResponseEntity.noContent().build();
	}

	private static ApiProblem invalid(String detail) {
		return new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid announcement", detail);
	}

}
