package org.switchboard.schedule;

import java.time.DayOfWeek;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Writes a schedule back as the document {@link ScheduleReader} reads, in JSON for the
 * admin API or YAML for seed files; reading what it writes gives the same schedule.
 * Defaults are written out, so a written document says everything it means; YAML quotes
 * every text, so no YAML reader takes {@code 18:00} for a number.
 */
public final class ScheduleWriter {

	private final JsonNodeFactory nodes = JsonNodeFactory.instance;

	private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

	private final ObjectMapper yaml = new YAMLMapper(
			YAMLFactory.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build());

	public String toJson(CountrySchedule schedule) {
		return write(this.json, schedule);
	}

	public String toYaml(CountrySchedule schedule) {
		return write(this.yaml, schedule);
	}

	/** The document as a JSON tree, fields in the order the reader's example shows. */
	ObjectNode tree(CountrySchedule schedule) {
		ObjectNode document = this.nodes.objectNode();
		document.put("country", schedule.country());
		document.put("timeZone", schedule.timeZone().getId());
		document.put("version", schedule.version());
		schedule.holidays().ifPresent((rule) -> {
			ObjectNode holidays = document.putObject("holidays");
			holidays.put("calendar", rule.calendar());
			rule.subdivision().ifPresent((code) -> holidays.put("subdivision", code));
			holidays.put("closed", rule.closed());
		});
		if (!schedule.specialDays().isEmpty()) {
			ArrayNode days = document.putArray("specialDays");
			for (SpecialDay day : schedule.specialDays()) {
				ObjectNode written = days.addObject();
				written.put("date", day.date().toString());
				if (day.closed()) {
					written.put("closed", true);
				}
				else {
					day.windows().forEach((window) -> written.withArray("windows").add(window(window)));
				}
				day.reason().ifPresent((reason) -> written.put("reason", reason));
			}
		}
		if (!schedule.windows().isEmpty()) {
			ArrayNode windows = document.putArray("windows");
			schedule.windows().forEach((window) -> windows.add(window(window)));
		}
		if (!schedule.quota().isNone()) {
			document.set("quota", quota(schedule.quota()));
		}
		if (!schedule.overflow().isEmpty()) {
			ArrayNode overflow = document.putArray("overflow");
			for (OverflowStep step : schedule.overflow()) {
				ObjectNode written = overflow.addObject();
				written.put("after", step.after().toSeconds() + "s");
				switch (step) {
					case OverflowStep.AddSkills add -> written.set("addSkills", skills(add.skills()));
					case OverflowStep.LowerLevels lower -> written.put("lowerLevelsBy", lower.by());
					case OverflowStep.OtherCountry other -> written.put("country", other.country());
				}
			}
		}
		document.set("closedAction", closedAction(schedule.closedAction()));
		return document;
	}

	private ObjectNode window(Window window) {
		ObjectNode written = this.nodes.objectNode();
		if (!window.days().isEmpty()) {
			ArrayNode days = written.putArray("days");
			for (DayOfWeek day : window.orderedDays()) {
				days.add(Window.name(day));
			}
		}
		written.put("from", window.from().toString());
		written.put("to", window.to().toString());
		if (window.overnight()) {
			written.put("overnight", true);
		}
		written.put("team", window.team());
		if (!window.skills().isEmpty()) {
			written.set("skills", skills(window.skills()));
		}
		if (!window.quota().isNone()) {
			written.set("quota", quota(window.quota()));
		}
		return written;
	}

	private ObjectNode skills(Map<String, Integer> skills) {
		ObjectNode written = this.nodes.objectNode();
		skills.forEach(written::put);
		return written;
	}

	private ObjectNode quota(Quota quota) {
		ObjectNode written = this.nodes.objectNode();
		quota.maxConcurrent().ifPresent((max) -> written.put("maxConcurrent", max));
		quota.maxAnswered().ifPresent((max) -> written.put("maxAnswered", max));
		return written;
	}

	private ObjectNode closedAction(ClosedAction action) {
		ObjectNode written = this.nodes.objectNode();
		switch (action) {
			case ClosedAction.AnnounceNextOpening announce -> {
				written.put("type", "announce-next-opening");
				switch (announce.then()) {
					case ClosedAction.Voicemail voicemail -> {
						written.put("then", "voicemail");
						written.put("mailbox", voicemail.mailbox());
					}
					case ClosedAction.Callback callback -> written.put("then", "callback");
					case ClosedAction.Hangup hangup -> written.put("then", "hangup");
				}
			}
			case ClosedAction.Voicemail voicemail -> {
				written.put("type", "voicemail");
				written.put("mailbox", voicemail.mailbox());
			}
			case ClosedAction.Callback callback -> written.put("type", "callback");
		}
		return written;
	}

	private String write(ObjectMapper mapper, CountrySchedule schedule) {
		try {
			return mapper.writeValueAsString(tree(schedule));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("cannot write schedule of " + schedule.country(), ex);
		}
	}

}
