package org.switchboard.ivr.web;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import org.switchboard.ivr.Announcement;
import org.switchboard.ivr.EmergencyAnnouncements;

/**
 * Emergency announcements: {@code PUT /api/announcements/DE} with {@code {"sounds":
 * {"en": "custom/en/outage"}, "on": true}} switches one on for German callers; scope
 * {@code global} reaches every caller.
 */
@RestController
@RequestMapping("/api/announcements")
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
	List<Announcement> all() {
		return this.announcements.all();
	}

	@PutMapping("/{scope}")
	Announcement put(@PathVariable String scope, @RequestBody AnnouncementRequest request) {
		if (request.sounds() == null || request.sounds().isEmpty()) {
			throw new IllegalArgumentException("sounds: at least one language -> sound is required");
		}
		request.sounds().forEach((language, sound) -> {
			if (sound == null || sound.isBlank() || sound.contains(" ")) {
				throw new IllegalArgumentException("sounds." + language + ": not a sound name: '" + sound + "'");
			}
		});
		Announcement announcement = new Announcement(scope, request.sounds(), request.on() == null || request.on(),
				this.clock.instant());
		this.announcements.put(announcement);
		return announcement;
	}

	@DeleteMapping("/{scope}")
	ResponseEntity<Void> remove(@PathVariable String scope) {
		if (!this.announcements.remove(scope)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no announcement for " + scope);
		}
		return ResponseEntity.noContent().build();
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ProblemDetail invalid(IllegalArgumentException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setTitle("Invalid announcement");
		return problem;
	}

}
