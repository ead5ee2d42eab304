package org.switchboard.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A Lua script run by its SHA-1 with {@code EVALSHA}. The script text crosses the wire
 * only when Redis answers NOSCRIPT (first use, a restart, or a {@code SCRIPT FLUSH});
 * then it is loaded and the call repeated once.
 */
public final class LuaScript {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final String name;

	private final String source;

	private final String sha;

	public LuaScript(String name, String source) {
		this.name = name;
		this.source = source;
		this.sha = sha1(source);
	}

	/** Reads a script from the class path, e.g. {@code agent/claim.lua}. */
	public static LuaScript fromClasspath(String path) {
		return new LuaScript(path, text(path));
	}

	/**
	 * The script at {@code path} with the texts of {@code before} in front of it, for
	 * functions several scripts share.
	 */
	public static LuaScript fromClasspath(String path, String... before) {
		StringBuilder source = new StringBuilder();
		for (String shared : before) {
			source.append(text(shared)).append('\n');
		}
		return new LuaScript(path, source.append(text(path)).toString());
	}

	private static String text(String path) {
		try (InputStream in = LuaScript.class.getClassLoader().getResourceAsStream(path)) {
			if (in == null) {
				throw new IllegalArgumentException("no Lua script on the class path: " + path);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read Lua script " + path, ex);
		}
	}

	/** Runs the script; all keys must share the site's hash tag. */
	public Object run(UnifiedJedis redis, List<String> keys, List<String> args) {
		try {
			return redis.evalsha(this.sha, keys, args);
		}
		catch (JedisNoScriptException ex) {
			String loaded = keys.isEmpty() ? redis.scriptLoad(this.source) : redis.scriptLoad(this.source, keys.get(0));
			if (!loaded.equals(this.sha)) {
				throw new IllegalStateException(
						"Redis hashed " + this.name + " to " + loaded + ", expected " + this.sha);
			}
			return redis.evalsha(this.sha, keys, args);
		}
	}

	/**
	 * Runs a script that takes the key prefix as {@code ARGV[1]} (the shared libraries
	 * read it there) and its other arguments by name, as one JSON object in
	 * {@code ARGV[2]} ({@code cjson.decode(ARGV[2])}), rather than as a long list whose
	 * order both sides must keep alike. Values are passed as given; no value may be null
	 * (cjson decodes it as a sentinel, not nil).
	 */
	public Object run(UnifiedJedis redis, List<String> keys, String prefix, Map<String, ?> named) {
		return run(redis, keys, List.of(prefix, json(named)));
	}

	/** The JSON object a script decodes its named arguments from. */
	public static String json(Map<String, ?> named) {
		try {
			return JSON.writeValueAsString(named);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalArgumentException("Lua arguments cannot be written as JSON: " + named.keySet(), ex);
		}
	}

	public String sha() {
		return this.sha;
	}

	public String name() {
		return this.name;
	}

	private static String sha1(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-1 is missing from this JDK", ex);
		}
	}

	@Override
	public String toString() {
		return "LuaScript[" + this.name + " " + this.sha + "]";
	}

}
