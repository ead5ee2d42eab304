package org.switchboard.admin;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;

import org.switchboard.common.InvalidFieldsException;
import org.switchboard.web.ApiProblem;

/**
 * Versions as HTTP carries them: the {@code ETag} of a document is its version in quotes,
 * and a write names the version it was made on in {@code If-Match}.
 */
final class Versions {

	private static final Pattern TAG = Pattern.compile("(?:W/)?\"?([0-9]{1,18})\"?");

	private Versions() {
	}

	static String etag(long version) {
		return "\"" + version + "\"";
	}

	/**
	 * The version a write was made on: {@code If-Match}, else {@code fallback} (e.g. the
	 * document's own version); {@code If-None-Match: *} means "only if there is none yet"
	 * (0). Neither: 428, so no write can skip the check.
	 */
	static long expected(String ifMatch, String ifNoneMatch, OptionalLong fallback) {
		if (ifMatch != null && !ifMatch.isBlank()) {
			Matcher matcher = TAG.matcher(ifMatch.strip());
			if (!matcher.matches()) {
				throw new InvalidFieldsException("Invalid If-Match", "If-Match",
						"not a version like \"3\": '" + ifMatch + "'");
			}
			return Long.parseLong(matcher.group(1));
		}
		if ("*".equals((ifNoneMatch != null) ? ifNoneMatch.strip() : null)) {
			return 0;
		}
		if (fallback.isPresent()) {
			return fallback.getAsLong();
		}
		throw new ApiProblem(HttpStatus.PRECONDITION_REQUIRED, null,
				"If-Match is required: the ETag of the version you edited (If-None-Match: * to create)");
	}

}
