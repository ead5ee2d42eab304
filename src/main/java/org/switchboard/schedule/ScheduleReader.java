package org.switchboard.schedule;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import org.switchboard.common.DidYouMean;
import org.switchboard.schedule.Fields.Value;
import org.switchboard.call.Mailboxes;

/**
 * Reads a schedule document, YAML or JSON, into a validated {@link CountrySchedule}, or
 * reports every problem in it at once, each named by its JSON path so the admin API can
 * answer 400 field by field. A document looks like this:
 *
 * <pre>{@code
 * country: DE                      # ISO 3166 alpha-2, upper case
 * timeZone: Europe/Berlin          # a region zone; every time below is local to it
 * version: 1                       # optional, 1 or more: the version an edit was made on
 * holidays: {calendar: DE, subdivision: BE, closed: true}   # optional; calendar defaults to the country, closed to true
 * specialDays:                     # optional; replace holidays and the week on their date
 *   - {date: 2026-12-24, windows: [{from: "08:00", to: "12:00", team: de-support, skills: {german: 2}}], reason: Christmas Eve}
 *   - {date: 2026-12-31, closed: true, reason: "New Year's Eve"}
 * windows:                         # weekly; several a day, never overlapping
 *   - {days: [MON, TUE, WED, THU, FRI], from: "08:00", to: "18:00", team: de-support, skills: {german: 2, support: 1}, quota: {maxConcurrent: 20, maxAnswered: 400}}
 *   - {days: [FRI], from: "22:00", to: "06:00", overnight: true, team: de-night, skills: {german: 1}}
 * quota: {maxConcurrent: 40}       # optional; country-wide calls at once
 * overflow:                        # optional; strictly ascending after, each step one action
 *   - {after: 60s, addSkills: {english: 2}}
 *   - {after: 120s, lowerLevelsBy: 1}
 *   - {after: 180s, country: FR}
 * closedAction: {type: announce-next-opening, then: voicemail, mailbox: "1000@switchboard"}
 *   # type: announce-next-opening | voicemail | callback; then (after an announcement): voicemail | callback | hangup
 *   # optional; defaults to announce-next-opening, then hangup
 * }</pre>
 *
 * Skill levels are 1..5; quotas 1..{@value Quota#MAX}; {@code after} is a duration like
 * {@code 90s} or {@code 2m}, at most a day. A window closes after it opens unless it is
 * {@code overnight}, and then it closes at or before its opening time on the next day; an
 * overnight window also counts on the next morning when overlaps are checked. A reader
 * made with known skills refuses any other skill name, so a typo cannot leave a window
 * that no agent can ever answer.
 */
public final class ScheduleReader {

	private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

	private static final Pattern TIME = Pattern.compile("([01]?[0-9]|2[0-3]):([0-5][0-9])");

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

	private static final Pattern DURATION = Pattern.compile("(-?[0-9]{1,9})(s|m)");

	private static final Duration MAX_AFTER = Duration.ofDays(1);

	private static final int MAX_LOWER_LEVELS = 4;

	private static final int MINUTES_A_DAY = 24 * 60;

	private static final Map<String, DayOfWeek> DAYS = days();

	private final Holidays holidays;

	private final Supplier<Set<String>> knownSkills;

	private final ObjectMapper json = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

	private final ObjectMapper yaml = new YAMLMapper(YAMLFactory.builder()
		.enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build());

	/**
	 * A reader that checks holiday calendars and subdivisions against {@code holidays}.
	 */
	public ScheduleReader(Holidays holidays) {
		this(holidays, null);
	}

	/**
	 * A reader that also refuses skills outside {@code knownSkills}, asked once per
	 * document; {@code null} accepts any skill.
	 */
	public ScheduleReader(Holidays holidays, Supplier<Set<String>> knownSkills) {
		this.holidays = holidays;
		this.knownSkills = knownSkills;
	}

	/**
	 * Reads a document; JSON when it starts with <code>{</code>, YAML otherwise.
	 * @throws InvalidScheduleException with every problem found, if there is any
	 */
	public CountrySchedule read(String text) {
		List<ScheduleProblem> problems = new ArrayList<>();
		JsonNode document = parse(text, problems);
		CountrySchedule schedule = Fields.of(new Value("", document), "an object of schedule fields", problems)
			.map((fields) -> new Document(fields, problems).schedule())
			.orElse(null);
		if (!problems.isEmpty()) {
			throw new InvalidScheduleException(problems);
		}
		return schedule;
	}

	private JsonNode parse(String text, List<ScheduleProblem> problems) {
		boolean isJson = text.strip().startsWith("{");
		try {
			JsonNode document = (isJson ? this.json : this.yaml).readTree(text);
			if (document == null || document.isMissingNode() || document.isNull()) {
				throw new InvalidScheduleException(List.of(new ScheduleProblem("", "empty document")));
			}
			return document;
		}
		catch (JsonProcessingException ex) {
			String where = (ex.getLocation() != null && ex.getLocation().getLineNr() > 0)
					? " at line " + ex.getLocation().getLineNr() : "";
			throw new InvalidScheduleException(List.of(new ScheduleProblem("",
					"not valid " + (isJson ? "JSON" : "YAML") + where + ": " + ex.getOriginalMessage())));
		}
	}

	private static Map<String, DayOfWeek> days() {
		Map<String, DayOfWeek> days = new HashMap<>();
		for (DayOfWeek day : DayOfWeek.values()) {
			days.put(Window.name(day), day);
			days.put(day.name(), day);
		}
		return Map.copyOf(days);
	}

	/** A window read in place, with the path that names it in problems. */
	private record Placed(String path, Window window) {

	}

	/** One reading of one document: its problems and what later checks need. */
	private final class Document {

		private final Fields fields;

		private final List<ScheduleProblem> problems;

		private Set<String> skillNames;

		private Document(Fields fields, List<ScheduleProblem> problems) {
			this.fields = fields;
			this.problems = problems;
		}

		/** Whether the skill may be required; asks for the known skills once. */
		private Optional<String> unknownSkill(String skill) {
			if (ScheduleReader.this.knownSkills == null) {
				return Optional.empty();
			}
			if (this.skillNames == null) {
				this.skillNames = new TreeSet<>(ScheduleReader.this.knownSkills.get());
			}
			if (this.skillNames.contains(skill)) {
				return Optional.empty();
			}
			return Optional
				.of("unknown skill: no agent has it and it is not in switchboard.schedule.skills: '" + skill + "'"
						+ DidYouMean.nearest(skill, this.skillNames)
							.map((known) -> ", did you mean '" + known + "'?")
							.orElse(""));
		}

		CountrySchedule schedule() {
			Optional<String> country = this.fields.require("country").flatMap(this::country);
			Optional<ZoneId> zone = this.fields.require("timeZone").flatMap(this::zone);
			Optional<Integer> version = this.fields.get("version")
				.flatMap((value) -> this.fields.number(value, 1, Integer.MAX_VALUE));
			Optional<HolidayRule> holidays = this.fields.get("holidays").flatMap((value) -> holidays(value, country));
			List<SpecialDay> specialDays = specialDays();
			List<Placed> windows = new ArrayList<>();
			for (Value item : this.fields.items("windows")) {
				window(item, true).ifPresent((window) -> windows.add(new Placed(item.path(), window)));
			}
			checkWeeklyOverlaps(windows);
			Quota quota = this.fields.get("quota").map((value) -> quota(value, false)).orElse(Quota.NONE);
			List<OverflowStep> overflow = overflow(country);
			ClosedAction closedAction = this.fields.get("closedAction")
				.flatMap(this::closedAction)
				.orElse(new ClosedAction.AnnounceNextOpening(new ClosedAction.Hangup()));
			this.fields.reportUnknownFields();
			if (!this.problems.isEmpty()) {
				return null;
			}
			return new CountrySchedule(country.orElseThrow(), zone.orElseThrow(), version.orElse(0), holidays,
					specialDays, windows.stream().map(Placed::window).toList(), quota, overflow, closedAction);
		}

		private Optional<String> country(Value value) {
			Optional<String> code = this.fields.text(value);
			if (code.isPresent() && !COUNTRIES.contains(code.get())) {
				this.fields.problem(value.path(), "not an ISO 3166 alpha-2 country code like DE: '" + code.get() + "'");
				return Optional.empty();
			}
			return code;
		}

		private Optional<ZoneId> zone(Value value) {
			Optional<String> id = this.fields.text(value);
			if (id.isEmpty()) {
				return Optional.empty();
			}
			if (!ZoneId.getAvailableZoneIds().contains(id.get())) {
				this.fields.problem(value.path(),
						"unknown time zone, expected a region like Europe/Berlin: '" + id.get() + "'");
				return Optional.empty();
			}
			return Optional.of(ZoneId.of(id.get()));
		}

		private Optional<HolidayRule> holidays(Value value, Optional<String> country) {
			return Fields.of(value, "an object like {calendar: DE, subdivision: BE}", this.problems).flatMap((rule) -> {
				Optional<String> calendar = rule.get("calendar")
					.flatMap(rule::text)
					.map((code) -> code.toUpperCase(Locale.ROOT))
					.or(() -> country);
				Optional<String> subdivision = rule.text("subdivision").map((code) -> code.toUpperCase(Locale.ROOT));
				boolean closed = rule.flag("closed", true);
				rule.reportUnknownFields();
				if (calendar.isEmpty()) {
					if (rule.get("calendar").isEmpty() && this.fields.get("country").isEmpty()) {
						rule.problem(rule.path("calendar"), "required when there is no country");
					}
					return Optional.empty();
				}
				if (!ScheduleReader.this.holidays.knows(calendar.get())) {
					rule.problem(rule.path("calendar"), "holiday calendar not supported: '" + calendar.get() + "'");
					return Optional.empty();
				}
				if (subdivision.isPresent()) {
					Set<String> known = new TreeSet<>(ScheduleReader.this.holidays.subdivisions(calendar.get()));
					if (!known.contains(subdivision.get())) {
						rule.problem(rule.path("subdivision"),
								known.isEmpty() ? calendar.get() + " has no subdivisions: '" + subdivision.get() + "'"
										: "unknown subdivision of " + calendar.get() + ": '" + subdivision.get()
												+ "', expected one of " + String.join(", ", known));
						return Optional.empty();
					}
				}
				return Optional.of(new HolidayRule(calendar.get(), subdivision, closed));
			});
		}

		private List<SpecialDay> specialDays() {
			List<SpecialDay> days = new ArrayList<>();
			Map<LocalDate, String> seen = new HashMap<>();
			for (Value item : this.fields.items("specialDays")) {
				Fields.of(item, "an object like {date: 2026-12-31, closed: true}", this.problems).ifPresent((day) -> {
					Optional<LocalDate> date = day.require("date").flatMap((value) -> date(day, value));
					date.ifPresent((found) -> {
						String first = seen.putIfAbsent(found, item.path());
						if (first != null) {
							day.problem(day.path("date"), found + " is already " + first);
						}
					});
					boolean closedSet = day.has("closed");
					boolean closed = day.flag("closed", false);
					List<Placed> windows = new ArrayList<>();
					int count = 0;
					for (Value window : day.items("windows")) {
						count++;
						window(window, false).ifPresent((read) -> windows.add(new Placed(window.path(), read)));
					}
					checkDayOverlaps(windows);
					Optional<String> reason = day.text("reason");
					day.reportUnknownFields();
					if (closed && count > 0) {
						day.problem(day.path("closed"), "closed but has " + count + " windows: drop one or the other");
					}
					else if (!closed && count == 0) {
						day.problem(closedSet ? day.path("closed") : item.path(),
								"neither closed: true nor any windows");
					}
					date.ifPresent((found) -> days
						.add(new SpecialDay(found, windows.stream().map(Placed::window).toList(), reason)));
				});
			}
			return days;
		}

		private Optional<LocalDate> date(Fields day, Value value) {
			return day.text(value).flatMap((text) -> {
				try {
					return Optional.of(LocalDate.parse(text));
				}
				catch (DateTimeException ex) {
					day.problem(value.path(), "not a date like 2026-12-24: '" + text + "'");
					return Optional.empty();
				}
			});
		}

		/** A window, weekly with its days or a special day's without. */
		private Optional<Window> window(Value item, boolean weekly) {
			String example = weekly ? "{days: [MON], from: \"08:00\", to: \"18:00\", team: support}"
					: "{from: \"08:00\", to: \"12:00\", team: support}";
			return Fields.of(item, "an object like " + example, this.problems).flatMap((window) -> {
				int before = this.problems.size();
				Set<DayOfWeek> days = weekly ? days(window) : Set.of();
				Optional<LocalTime> from = window.require("from").flatMap((value) -> time(window, value));
				Optional<LocalTime> to = window.require("to").flatMap((value) -> time(window, value));
				boolean overnight = window.flag("overnight", false);
				Optional<String> team = window.require("team").flatMap((value) -> name(window, value, "team"));
				Map<String, Integer> skills = window.get("skills")
					.map((value) -> skills(window, value))
					.orElse(Map.of());
				Quota quota = window.get("quota").map((value) -> quota(value, true)).orElse(Quota.NONE);
				window.reportUnknownFields();
				if (from.isPresent() && to.isPresent()) {
					String hours = from.get() + "-" + to.get();
					if (!overnight && !to.get().isAfter(from.get())) {
						window.problem(window.path("to"), "closes at or before it opens: " + hours
								+ "; a window that runs past midnight needs overnight: true");
					}
					else if (overnight && to.get().isAfter(from.get())) {
						window.problem(window.path("overnight"),
								"overnight but closes after it opens on the same day: " + hours);
					}
				}
				if (this.problems.size() > before) {
					return Optional.empty();
				}
				return Optional.of(new Window(days, from.get(), to.get(), overnight, team.get(), skills, quota));
			});
		}

		private Set<DayOfWeek> days(Fields window) {
			Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
			Optional<Value> list = window.require("days");
			List<Value> items = list.map(window::items).orElse(List.of());
			if (list.isPresent() && items.isEmpty() && list.get().node().isArray()) {
				window.problem(list.get().path(), "no days");
			}
			for (Value item : items) {
				window.text(item).ifPresent((name) -> {
					DayOfWeek day = DAYS.get(name.toUpperCase(Locale.ROOT));
					if (day == null) {
						window.problem(item.path(),
								"unknown day, expected MON, TUE, WED, THU, FRI, SAT or SUN: '" + name + "'");
					}
					else if (!days.add(day)) {
						window.problem(item.path(), Window.name(day) + " listed twice");
					}
				});
			}
			return days;
		}

		private Optional<LocalTime> time(Fields fields, Value value) {
			return fields.text(value).flatMap((text) -> {
				Matcher matcher = TIME.matcher(text);
				if (!matcher.matches()) {
					fields.problem(value.path(), "not a time like 08:00: '" + text + "'");
					return Optional.empty();
				}
				return Optional
					.of(LocalTime.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2))));
			});
		}

		private Optional<String> name(Fields fields, Value value, String noun) {
			return fields.text(value).flatMap((text) -> {
				if (!NAME.matcher(text).matches()) {
					fields.problem(value.path(),
							"not a " + noun + " name of letters, digits, '-', '_' and '.': '" + text + "'");
					return Optional.empty();
				}
				return Optional.of(text);
			});
		}

		private Map<String, Integer> skills(Fields fields, Value value) {
			Map<String, Integer> skills = new LinkedHashMap<>();
			List<Map.Entry<String, Value>> entries = fields.entries(value);
			if (value.node().isObject() && entries.isEmpty()) {
				fields.problem(value.path(), "no skills");
			}
			for (Map.Entry<String, Value> entry : entries) {
				if (!NAME.matcher(entry.getKey()).matches()) {
					fields.problem(entry.getValue().path(),
							"not a skill name of letters, digits, '-', '_' and '.': '" + entry.getKey() + "'");
				}
				else {
					unknownSkill(entry.getKey())
						.ifPresent((message) -> fields.problem(entry.getValue().path(), message));
				}
				fields.number(entry.getValue(), 1, 5).ifPresent((level) -> skills.put(entry.getKey(), level));
			}
			return skills;
		}

		/** A quota; only a window's may set maxAnswered, which counts per occurrence. */
		private Quota quota(Value value, boolean perWindow) {
			return Fields.of(value, "an object like {maxConcurrent: 20}", this.problems).map((quota) -> {
				OptionalInt maxConcurrent = limit(quota, "maxConcurrent");
				OptionalInt maxAnswered = OptionalInt.empty();
				if (perWindow) {
					maxAnswered = limit(quota, "maxAnswered");
				}
				else if (quota.has("maxAnswered")) {
					quota.problem(quota.path("maxAnswered"),
							"counts calls per window occurrence: set it on a window's quota, not the country's");
				}
				quota.reportUnknownFields();
				if (maxConcurrent.isEmpty() && maxAnswered.isEmpty() && value.node().isEmpty()) {
					quota.problem(value.path(),
							"empty: set " + (perWindow ? "maxConcurrent or maxAnswered" : "maxConcurrent"));
				}
				return new Quota(maxConcurrent, maxAnswered);
			}).orElse(Quota.NONE);
		}

		private OptionalInt limit(Fields quota, String key) {
			return quota.get(key)
				.flatMap((value) -> quota.number(value, 1, Quota.MAX))
				.map(OptionalInt::of)
				.orElse(OptionalInt.empty());
		}

		private List<OverflowStep> overflow(Optional<String> country) {
			List<OverflowStep> steps = new ArrayList<>();
			Duration previous = null;
			String previousPath = null;
			for (Value item : this.fields.items("overflow")) {
				Optional<Fields> read = Fields.of(item, "an object like {after: 60s, lowerLevelsBy: 1}", this.problems);
				if (read.isEmpty()) {
					continue;
				}
				Fields step = read.get();
				int before = this.problems.size();
				Optional<Duration> after = step.require("after").flatMap((value) -> after(step, value));
				if (after.isPresent() && previous != null && after.get().compareTo(previous) <= 0) {
					step.problem(step.path("after"), format(after.get()) + " is not after the step before it ("
							+ previousPath + ", " + format(previous) + ")");
				}
				if (after.isPresent()) {
					previous = after.get();
					previousPath = item.path();
				}
				List<String> actions = List.of("addSkills", "lowerLevelsBy", "country")
					.stream()
					.filter(step::has)
					.toList();
				Optional<OverflowStep> action = Optional.empty();
				if (actions.isEmpty()) {
					step.problem(item.path(), "no action: set addSkills, lowerLevelsBy or country");
				}
				else if (actions.size() > 1) {
					step.problem(item.path(),
							"more than one action: " + String.join(", ", actions) + "; one step does one thing");
				}
				else if (after.isPresent()) {
					Duration delay = after.get();
					action = switch (actions.get(0)) {
						case "addSkills" -> step.get("addSkills")
							.map((value) -> skills(step, value))
							.map((skills) -> new OverflowStep.AddSkills(delay, skills));
						case "lowerLevelsBy" -> step.get("lowerLevelsBy")
							.flatMap((value) -> step.number(value, 1, MAX_LOWER_LEVELS))
							.map((by) -> new OverflowStep.LowerLevels(delay, by));
						default -> step.get("country")
							.flatMap((value) -> otherCountry(step, value, country))
							.map((other) -> new OverflowStep.OtherCountry(delay, other));
					};
				}
				step.reportUnknownFields();
				if (this.problems.size() == before) {
					action.ifPresent(steps::add);
				}
			}
			return steps;
		}

		private Optional<Duration> after(Fields step, Value value) {
			return step.text(value).flatMap((text) -> {
				Matcher matcher = DURATION.matcher(text);
				if (!matcher.matches()) {
					step.problem(value.path(), "not a duration like 60s or 2m: '" + text + "'");
					return Optional.empty();
				}
				long amount = Long.parseLong(matcher.group(1));
				Duration after = matcher.group(2).equals("s") ? Duration.ofSeconds(amount) : Duration.ofMinutes(amount);
				if (after.isNegative() || after.isZero()) {
					step.problem(value.path(), "not after 0s: " + text);
					return Optional.empty();
				}
				if (after.compareTo(MAX_AFTER) > 0) {
					step.problem(value.path(), "longer than a day: " + text);
					return Optional.empty();
				}
				return Optional.of(after);
			});
		}

		private Optional<String> otherCountry(Fields step, Value value, Optional<String> own) {
			return country(value).flatMap((other) -> {
				if (own.isPresent() && own.get().equals(other)) {
					step.problem(value.path(), "the schedule's own country: '" + other + "'");
					return Optional.empty();
				}
				return Optional.of(other);
			});
		}

		private Optional<ClosedAction> closedAction(Value value) {
			return Fields.of(value, "an object like {type: voicemail, mailbox: \"1000@switchboard\"}", this.problems)
				.flatMap((action) -> {
					int before = this.problems.size();
					Optional<String> type = action.requiredText("type");
					Optional<String> then = action.text("then");
					Optional<Value> mailboxValue = action.get("mailbox");
					Optional<String> mailbox = mailboxValue.flatMap(action::text).flatMap((written) -> {
						try {
							return Optional.of(Mailboxes.number(written));
						}
						catch (IllegalArgumentException ex) {
							action.problem(action.path("mailbox"), ex.getMessage());
							return Optional.empty();
						}
					});
					action.reportUnknownFields();
					boolean announces = type.filter("announce-next-opening"::equals).isPresent();
					if (then.isPresent() && type.isPresent() && !announces) {
						action.problem(action.path("then"),
								"only follows type announce-next-opening, not " + type.get());
					}
					boolean voicemail = type.filter("voicemail"::equals).isPresent()
							|| (announces && then.filter("voicemail"::equals).isPresent());
					if (voicemail && mailboxValue.isEmpty()) {
						action.problem(action.path("mailbox"), "required for voicemail but missing");
					}
					else if (!voicemail && mailboxValue.isPresent() && (type.isEmpty() || knownType(type.get()))
							&& (then.isEmpty() || knownThen(then.get()))) {
						action.problem(action.path("mailbox"), "only goes with voicemail");
					}
					Optional<ClosedAction> read = type.flatMap((name) -> switch (name) {
						case "announce-next-opening" ->
							then(action, then, mailbox).map(ClosedAction.AnnounceNextOpening::new);
						case "voicemail" -> mailbox.map(ClosedAction.Voicemail::new);
						case "callback" -> Optional.of(new ClosedAction.Callback());
						default -> {
							action.problem(action.path("type"), "unknown closed action type, expected "
									+ "announce-next-opening, voicemail or callback: '" + name + "'");
							yield Optional.empty();
						}
					});
					return (this.problems.size() == before) ? read : Optional.empty();
				});
		}

		private Optional<ClosedAction.Then> then(Fields action, Optional<String> then, Optional<String> mailbox) {
			return switch (then.orElse("hangup")) {
				case "hangup" -> Optional.of(new ClosedAction.Hangup());
				case "callback" -> Optional.of(new ClosedAction.Callback());
				case "voicemail" -> mailbox.map(ClosedAction.Voicemail::new);
				default -> {
					action.problem(action.path("then"),
							"unknown then, expected voicemail, callback or hangup: '" + then.get() + "'");
					yield Optional.empty();
				}
			};
		}

		private static boolean knownType(String type) {
			return Set.of("announce-next-opening", "voicemail", "callback").contains(type);
		}

		private static boolean knownThen(String then) {
			return Set.of("voicemail", "callback", "hangup").contains(then);
		}

		/**
		 * Weekly windows on a circle of a week's minutes: an overnight window runs into
		 * the next day, Sunday's into Monday.
		 */
		private void checkWeeklyOverlaps(List<Placed> windows) {
			int week = 7 * MINUTES_A_DAY;
			List<List<int[]>> spans = new ArrayList<>();
			for (Placed placed : windows) {
				List<int[]> own = new ArrayList<>();
				for (DayOfWeek day : placed.window().days()) {
					int start = (day.getValue() - 1) * MINUTES_A_DAY + minutes(placed.window().from());
					int end = start - minutes(placed.window().from()) + minutes(placed.window().to())
							+ (placed.window().overnight() ? MINUTES_A_DAY : 0);
					if (end > week) {
						own.add(new int[] { start, week });
						own.add(new int[] { 0, end - week });
					}
					else {
						own.add(new int[] { start, end });
					}
				}
				spans.add(own);
			}
			reportOverlaps(windows, spans, true);
		}

		/** A special day's windows, on that day and, overnight, into the next. */
		private void checkDayOverlaps(List<Placed> windows) {
			List<List<int[]>> spans = new ArrayList<>();
			for (Placed placed : windows) {
				int start = minutes(placed.window().from());
				int end = minutes(placed.window().to()) + (placed.window().overnight() ? MINUTES_A_DAY : 0);
				spans.add(List.of(new int[] { start, end }));
			}
			reportOverlaps(windows, spans, false);
		}

		private void reportOverlaps(List<Placed> windows, List<List<int[]>> spans, boolean weekly) {
			for (int later = 1; later < windows.size(); later++) {
				earlier: for (int earlier = 0; earlier < later; earlier++) {
					for (int[] a : spans.get(earlier)) {
						for (int[] b : spans.get(later)) {
							int start = Math.max(a[0], b[0]);
							if (start < Math.min(a[1], b[1])) {
								Placed first = windows.get(earlier);
								String day = weekly ? " on " + Window.name(DayOfWeek.of(start / MINUTES_A_DAY % 7 + 1))
										: "";
								LocalTime at = LocalTime.ofSecondOfDay((start % MINUTES_A_DAY) * 60L);
								this.fields.problem(windows.get(later).path(), "overlaps " + first.path() + " ("
										+ first.window().label() + ")" + day + " at " + at);
								break earlier;
							}
						}
					}
				}
			}
		}

		private static int minutes(LocalTime time) {
			return time.getHour() * 60 + time.getMinute();
		}

		private static String format(Duration duration) {
			return duration.toSeconds() + "s";
		}

	}

}
