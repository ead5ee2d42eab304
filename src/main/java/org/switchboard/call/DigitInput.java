package org.switchboard.call;

/**
 * What a caller typed in answer to a prompt.
 *
 * @param digits the digits, without the terminating {@code #}; empty when nothing came
 * @param timedOut whether input ended because the caller stopped typing
 */
public record DigitInput(String digits, boolean timedOut) {

	public boolean isEmpty() {
		return this.digits.isEmpty();
	}

}
