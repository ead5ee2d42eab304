package org.switchboard.routing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.switchboard.redis.LuaScript;

/**
 * Routing's Lua scripts, each run with the functions of {@code routing/lib.lua} before
 * it, so the claim and the waiting line share one text of reserving an agent and lining
 * up a call.
 */
final class RoutingLua {

	static final LuaScript CLAIM = load("claim");

	static final LuaScript CLAIM_CALL = load("claim-call");

	static final LuaScript WAITING_LINE = load("waiting-line");

	private RoutingLua() {
	}

	private static LuaScript load(String name) {
		String path = "routing/" + name + ".lua";
		return new LuaScript(path, text("routing/lib.lua") + "\n" + text(path));
	}

	private static String text(String path) {
		try (InputStream in = RoutingLua.class.getClassLoader().getResourceAsStream(path)) {
			if (in == null) {
				throw new IllegalStateException("no Lua script on the class path: " + path);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read Lua script " + path, ex);
		}
	}

}
