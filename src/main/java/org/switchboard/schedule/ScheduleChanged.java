package org.switchboard.schedule;

/**
 * A country's schedule was published in this or another instance, heard over Redis
 * pub/sub and published in-process on every instance.
 */
public record ScheduleChanged(String country, long version) {

}
