package org.switchboard.schedule;

import java.time.LocalDate;
import java.time.Year;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;

/**
 * Official holidays from jollyday's calendars. Building a calendar parses its XML, so
 * each is built once, and each year's holidays of a calendar and subdivision are worked
 * out once; both are kept for the life of this object.
 */
public final class JollydayHolidays implements Holidays {

	private final Set<String> calendars = HolidayManager.getSupportedCalendarCodes()
		.stream()
		.map((code) -> code.toUpperCase(Locale.ROOT))
		.collect(Collectors.toUnmodifiableSet());

	private final Map<String, HolidayManager> managers = new ConcurrentHashMap<>();

	private final Map<String, Map<String, String>> subdivisions = new ConcurrentHashMap<>();

	private final Map<YearKey, Map<LocalDate, Holiday>> years = new ConcurrentHashMap<>();

	@Override
	public boolean knows(String calendar) {
		return this.calendars.contains(calendar);
	}

	@Override
	public Set<String> subdivisions(String calendar) {
		return jollydaySubdivisions(calendar).keySet();
	}

	@Override
	public Optional<Holiday> on(HolidayRule rule, LocalDate date) {
		YearKey key = new YearKey(rule.calendar(), rule.subdivision(), date.getYear());
		return Optional.ofNullable(this.years.computeIfAbsent(key, this::holidays).get(date));
	}

	private Map<LocalDate, Holiday> holidays(YearKey key) {
		if (!knows(key.calendar())) {
			throw new IllegalArgumentException("holiday calendar not supported: '" + key.calendar() + "'");
		}
		String[] region = key.subdivision().map((code) -> {
			String jollyday = jollydaySubdivisions(key.calendar()).get(code);
			if (jollyday == null) {
				throw new IllegalArgumentException("unknown subdivision of " + key.calendar() + ": '" + code + "'");
			}
			return new String[] { jollyday };
		}).orElse(new String[0]);
		return manager(key.calendar()).getHolidays(Year.of(key.year()), HolidayType.PUBLIC_HOLIDAY, region)
			.stream()
			.sorted(Comparator.naturalOrder())
			.collect(Collectors.toUnmodifiableMap(de.focus_shift.jollyday.core.Holiday::getDate,
					(holiday) -> new Holiday(holiday.getDate(), holiday.getDescription(Locale.ENGLISH)),
					(first, second) -> new Holiday(first.date(), first.name() + ", " + second.name())));
	}

	/** Our upper-case codes to jollyday's own spelling, which differs by calendar. */
	private Map<String, String> jollydaySubdivisions(String calendar) {
		if (!knows(calendar)) {
			return Map.of();
		}
		return this.subdivisions.computeIfAbsent(calendar,
				(code) -> manager(code).getCalendarHierarchy()
					.getChildren()
					.keySet()
					.stream()
					.collect(Collectors.toUnmodifiableMap((child) -> child.toUpperCase(Locale.ROOT), (child) -> child,
							(first, second) -> first)));
	}

	/**
	 * Jollyday finds its calendar data with a ServiceLoader on the thread's context class
	 * loader, which on a thread some library started need not see the application's
	 * classes: the first schedule read there failed ("no implementations").
	 */
	private HolidayManager manager(String calendar) {
		return this.managers.computeIfAbsent(calendar, (code) -> {
			Thread thread = Thread.currentThread();
			ClassLoader before = thread.getContextClassLoader();
			thread.setContextClassLoader(JollydayHolidays.class.getClassLoader());
			try {
				return HolidayManager.getInstance(ManagerParameters.create(code.toLowerCase(Locale.ROOT)));
			}
			finally {
				thread.setContextClassLoader(before);
			}
		});
	}

	private record YearKey(String calendar, Optional<String> subdivision, int year) {

	}

}
