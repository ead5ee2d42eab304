package org.switchboard.callrecord;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/**
 * A call's durations in JSON as seconds, named so ({@code "queueWaitSeconds": 20.5}), as
 * the API and the CSV show them. Records kept before were written as ISO-8601 durations
 * under the bare names ({@code "queueWait": "PT20.5S"}); they are read too.
 */
final class DurationsJson {

	private static final String[] NAMES = { "ivr", "queueWait", "ring", "talk", "hold", "wrapUp", "handle" };

	private DurationsJson() {
	}

	/**
	 * Writes each duration as {@code <name>Seconds}, null when the part did not happen.
	 */
	static final class Writer extends StdSerializer<CallRecord.Durations> {

		Writer() {
			super(CallRecord.Durations.class);
		}

		@Override
		public void serialize(CallRecord.Durations durations, JsonGenerator json, SerializerProvider provider)
				throws IOException {
			Duration[] values = { durations.ivr(), durations.queueWait(), durations.ring(), durations.talk(),
					durations.hold(), durations.wrapUp(), durations.handle() };
			json.writeStartObject();
			for (int i = 0; i < NAMES.length; i++) {
				json.writeFieldName(NAMES[i] + "Seconds");
				writeSeconds(values[i], json);
			}
			json.writeEndObject();
		}

	}

	/** One duration as a number of seconds, e.g. a ring nobody answered. */
	static final class SecondsWriter extends StdSerializer<Duration> {

		SecondsWriter() {
			super(Duration.class);
		}

		@Override
		public void serialize(Duration duration, JsonGenerator json, SerializerProvider provider) throws IOException {
			writeSeconds(duration, json);
		}

	}

	/** One duration from a number of seconds. */
	static final class SecondsReader extends StdDeserializer<Duration> {

		SecondsReader() {
			super(Duration.class);
		}

		@Override
		public Duration deserialize(JsonParser parser, DeserializationContext context) throws IOException {
			return Duration.ofMillis(parser.getDecimalValue().movePointRight(3).longValue());
		}

	}

	private static void writeSeconds(Duration duration, JsonGenerator json) throws IOException {
		if (duration == null) {
			json.writeNull();
		}
		else {
			json.writeNumber(BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString());
		}
	}

	/** Reads {@code <name>Seconds}, or an ISO-8601 {@code <name>} of an older record. */
	static final class Reader extends StdDeserializer<CallRecord.Durations> {

		Reader() {
			super(CallRecord.Durations.class);
		}

		@Override
		public CallRecord.Durations deserialize(JsonParser parser, DeserializationContext context) throws IOException {
			JsonNode node = parser.readValueAsTree();
			Duration[] values = new Duration[NAMES.length];
			for (int i = 0; i < NAMES.length; i++) {
				values[i] = duration(node, NAMES[i], context);
			}
			return new CallRecord.Durations(values[0], values[1], values[2], values[3], values[4], values[5],
					values[6]);
		}

		private static Duration duration(JsonNode node, String name, DeserializationContext context)
				throws IOException {
			JsonNode seconds = node.path(name + "Seconds");
			if (seconds.isNumber()) {
				return Duration.ofMillis(seconds.decimalValue().movePointRight(3).longValue());
			}
			JsonNode iso = node.path(name);
			if (iso.isTextual()) {
				try {
					return Duration.parse(iso.asText());
				}
				catch (DateTimeParseException ex) {
					return (Duration) context.handleWeirdStringValue(Duration.class, iso.asText(),
							"durations.%s: not an ISO-8601 duration", name);
				}
			}
			return null;
		}

	}

}
