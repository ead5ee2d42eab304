package org.switchboard.fakeasterisk;

import java.util.List;

/**
 * An action a client sent to the fake AMI server, with its headers in the order and case
 * they arrived.
 *
 * @param name the value of the Action header, e.g. Redirect
 * @param headers every header, Action and ActionID included
 */
public record AmiAction(String name, List<AmiField> headers) {

	public AmiAction {
		headers = List.copyOf(headers);
	}

	/** The value of the first header with this key, ignoring case, or null. */
	public String get(String key) {
		return AmiField.first(this.headers, key);
	}

	/** The values of every header with this key, e.g. Originate's Variable headers. */
	public List<String> getAll(String key) {
		return this.headers.stream()
			.filter((header) -> header.key().equalsIgnoreCase(key))
			.map(AmiField::value)
			.toList();
	}

	/**
	 * The ActionID, echoed verbatim in every answer, or null when the client sent none.
	 */
	public String actionId() {
		return get("ActionID");
	}

}
