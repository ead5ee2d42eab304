package org.switchboard.call;

/**
 * Masks phone numbers for logs: enough to recognise a country, never enough to call back.
 */
public final class Masked {

	private Masked() {
	}

	/**
	 * {@code +4930123456} → {@code +49******56}; short or empty values are masked whole.
	 */
	public static String number(String number) {
		if (number == null || number.isBlank()) {
			return "<none>";
		}
		String value = number.strip();
		int plus = value.startsWith("+") ? 1 : 0;
		int digits = value.length() - plus;
		if (digits <= 4) {
			return "*".repeat(value.length());
		}
		int keepStart = plus + 2;
		int keepEnd = 2;
		return value.substring(0, keepStart) + "*".repeat(value.length() - keepStart - keepEnd)
				+ value.substring(value.length() - keepEnd);
	}

}
