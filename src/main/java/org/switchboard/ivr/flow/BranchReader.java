package org.switchboard.ivr.flow;

import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.switchboard.common.Fields;
import org.switchboard.common.Fields.Entry;

/**
 * Reads a branch node: what it branches on, and that every case is a value that condition
 * can have.
 */
final class BranchReader {

	private static final String DEFAULT_ZONE = "UTC";

	private static final Pattern WINDOW = Pattern.compile("([0-9]{2}:[0-9]{2})\\s*-\\s*([0-9]{2}:[0-9]{2})");

	private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

	private final String id;

	private final Fields fields;

	private final Declarations declared;

	private final NodeReader node;

	BranchReader(String id, Fields fields, Declarations declared, NodeReader node) {
		this.id = id;
		this.fields = fields;
		this.declared = declared;
		this.node = node;
	}

	/** Reads the branch node's condition, its cases and where it goes otherwise. */
	Node.Branch read() {
		Optional<Entry> onEntry = this.fields.require("on");
		Optional<Node.Condition> condition = onEntry.flatMap((on) -> condition(on));
		if (condition.isEmpty()) {
			this.fields.get("zone");
		}
		Map<String, String> cases = new LinkedHashMap<>();
		Optional<Fields> caseMap = this.fields.require("cases").flatMap((entry) -> this.fields.map(entry, "case"));
		caseMap.ifPresent((map) -> {
			if (map.entries().isEmpty()) {
				this.fields.problem("cases", "no cases");
			}
			for (Entry entry : map.entries()) {
				condition.ifPresent((on) -> checkCase(on, map, entry));
				this.node.target(map, entry).ifPresent((target) -> cases.put(entry.key(), target));
			}
		});
		return new Node.Branch(this.id, condition.orElse(null), cases, this.node.target("otherwise"));
	}

	private Optional<Node.Condition> condition(Entry on) {
		Optional<String> text = this.fields.text(on);
		if (text.isEmpty()) {
			return Optional.empty();
		}
		if (text.get().startsWith("attribute:")) {
			String name = text.get().substring("attribute:".length()).strip();
			if (!NodeReader.ATTRIBUTE.matcher(name).matches()) {
				this.fields.problem(on, "not an attribute name like caseNumber: '" + name + "'");
				return Optional.empty();
			}
			if (!this.declared.attributes().contains(name)) {
				this.fields.problem(on, "no collect node stores attribute '" + name + "'");
				return Optional.empty();
			}
			return Optional.of(new Node.Condition.Attribute(name));
		}
		return switch (text.get()) {
			case "schedule" -> Optional.of(new Node.Condition.ScheduleOpen());
			case "country" -> Optional.of(new Node.Condition.CallerCountry());
			case "time-of-day" -> zone().map(Node.Condition.TimeOfDay::new);
			default -> {
				this.fields.problem(on, "unknown condition '" + text.get()
						+ "', expected schedule, country, time-of-day or attribute:<name>");
				yield Optional.empty();
			}
		};
	}

	private Optional<String> zone() {
		Optional<Entry> entry = this.fields.get("zone");
		if (entry.isEmpty()) {
			return Optional.of(DEFAULT_ZONE);
		}
		Optional<String> zone = this.fields.text(entry.get());
		try {
			zone.ifPresent(ZoneId::of);
			return zone;
		}
		catch (DateTimeException ex) {
			this.fields.problem(entry.get(), "unknown time zone '" + zone.get() + "'");
			return Optional.empty();
		}
	}

	private void checkCase(Node.Condition on, Fields cases, Entry entry) {
		String value = entry.key();
		String wrong = switch (on) {
			case Node.Condition.ScheduleOpen schedule ->
				(value.equals("open") || value.equals("closed")) ? null : "expected open or closed";
			case Node.Condition.CallerCountry country ->
				COUNTRIES.contains(value) ? null : "not an ISO 3166 alpha-2 country code like DE";
			case Node.Condition.TimeOfDay time -> isWindow(value) ? null : "not a time window like 08:00-17:30";
			case Node.Condition.Attribute attribute -> null;
		};
		if (wrong != null) {
			cases.problem(entry, wrong + ": '" + value + "'");
		}
	}

	private static boolean isWindow(String text) {
		Matcher matcher = WINDOW.matcher(text);
		if (!matcher.matches()) {
			return false;
		}
		try {
			LocalTime.parse(matcher.group(1));
			LocalTime.parse(matcher.group(2));
			return true;
		}
		catch (DateTimeParseException ex) {
			return false;
		}
	}

}
