package org.switchboard.schedule;

import java.time.LocalDate;

/**
 * An official holiday.
 *
 * @param date the day off, which may be a weekday observed in place of a weekend date
 * @param name its English name, like {@code Whit Monday}
 */
public record Holiday(LocalDate date, String name) {

}
