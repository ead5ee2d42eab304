package org.switchboard.fakeasterisk;

import java.util.List;

/**
 * One {@code Key: value} line of an AMI action, response or event.
 *
 * @param key the key as written
 * @param value the value
 */
public record AmiField(String key, String value) {

	/**
	 * The lines as one AMI block: each ends with CRLF, and an empty line ends the block.
	 */
	static String wire(List<AmiField> fields) {
		StringBuilder block = new StringBuilder();
		fields.forEach((field) -> block.append(field.key).append(": ").append(field.value).append("\r\n"));
		return block.append("\r\n").toString();
	}

	/**
	 * The value of the first field with this key, ignoring case as Asterisk does, or
	 * null.
	 */
	static String first(List<AmiField> fields, String key) {
		return fields.stream()
			.filter((field) -> field.key.equalsIgnoreCase(key))
			.map(AmiField::value)
			.findFirst()
			.orElse(null);
	}

}
