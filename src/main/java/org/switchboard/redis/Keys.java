package org.switchboard.redis;

import java.util.Objects;

/**
 * Names every Redis key of one site as {@code sb:{site}:part:part}. The braces are a hash
 * tag, so all keys of a site land in one Redis Cluster slot and every Lua script stays
 * single-slot.
 */
public final class Keys {

	private final String prefix;

	public Keys(String site) {
		Objects.requireNonNull(site, "site");
		if (site.isBlank() || site.contains("{") || site.contains("}")) {
			throw new IllegalArgumentException("site is not a valid hash tag: '" + site + "'");
		}
		this.prefix = "sb:{" + site + "}:";
	}

	/**
	 * The key made of these parts, e.g. {@code key("agent", "1001")} →
	 * {@code sb:{main}:agent:1001}.
	 */
	public String key(String... parts) {
		if (parts.length == 0) {
			throw new IllegalArgumentException("a key needs at least one part");
		}
		StringBuilder key = new StringBuilder(this.prefix);
		for (int i = 0; i < parts.length; i++) {
			if (parts[i] == null || parts[i].isEmpty()) {
				throw new IllegalArgumentException("empty key part at " + i);
			}
			if (i > 0) {
				key.append(':');
			}
			key.append(parts[i]);
		}
		return key.toString();
	}

	/** The common prefix, for scans of one site. */
	public String prefix() {
		return this.prefix;
	}

}
