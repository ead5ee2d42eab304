package org.switchboard.fakeasterisk;

import java.util.ArrayList;
import java.util.List;

/**
 * An AMI event, written exactly with the fields given, in order. {@link AmiEvents} builds
 * the Asterisk 20 layouts.
 *
 * @param name the event type, e.g. DeviceStateChange
 * @param fields the fields after the Event line
 */
public record AmiEvent(String name, List<AmiField> fields) {

	public AmiEvent {
		fields = List.copyOf(fields);
	}

	/** An event with no fields but its type. */
	public static AmiEvent of(String name) {
		return new AmiEvent(name, List.of());
	}

	/** This event with one more field at the end. */
	public AmiEvent with(String key, String value) {
		List<AmiField> more = new ArrayList<>(this.fields);
		more.add(new AmiField(key, value));
		return new AmiEvent(this.name, more);
	}

	/**
	 * This event as Asterisk stamped it at another instant (its Timestamp field), for
	 * tests that need exact durations between events.
	 */
	public AmiEvent stampedAt(java.time.Instant at) {
		return new AmiEvent(this.name,
				this.fields.stream()
					.map((field) -> field.key().equalsIgnoreCase("Timestamp")
							? new AmiField(field.key(), AmiEvents.timestamp(at)) : field)
					.toList());
	}

	/** The value of the first field with this key, ignoring case, or null. */
	public String get(String key) {
		return AmiField.first(this.fields, key);
	}

	String wire() {
		List<AmiField> all = new ArrayList<>();
		all.add(new AmiField("Event", this.name));
		all.addAll(this.fields);
		return AmiField.wire(all);
	}

}
