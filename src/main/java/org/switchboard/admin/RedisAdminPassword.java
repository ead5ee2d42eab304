package org.switchboard.admin;

import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import org.switchboard.redis.Keys;

/**
 * The bcrypt hash of the built-in admin's password. Set in the environment
 * ({@code SWITCHBOARD_ADMIN_PASSWORD}) it is used as is; unset, the first instance of a
 * site to start generates one, logs it once and keeps only its hash, in
 * {@code sb:{site}:admin:password-hash}, so every instance and every restart shares it.
 */
@Component
class RedisAdminPassword {

	private static final Logger log = LoggerFactory.getLogger(RedisAdminPassword.class);

	private final AdminSettings settings;

	private final PasswordEncoder encoder;

	private final UnifiedJedis redis;

	private final Keys keys;

	RedisAdminPassword(AdminSettings settings, PasswordEncoder encoder, UnifiedJedis redis, Keys keys) {
		this.settings = settings;
		this.encoder = encoder;
		this.redis = redis;
		this.keys = keys;
	}

	/** The hash to check the admin's password against; generates one on first use. */
	String hash() {
		if (this.settings.password() != null && !this.settings.password().isBlank()) {
			return this.encoder.encode(this.settings.password());
		}
		String key = this.keys.key("admin", "password-hash");
		byte[] random = new byte[15];
		new SecureRandom().nextBytes(random);
		String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		String hash = this.encoder.encode(generated);
		if ("OK".equals(this.redis.set(key, hash, SetParams.setParams().nx()))) {
			log.warn(
					"No SWITCHBOARD_ADMIN_PASSWORD set: generated the password of user 'admin', shown only this once: {}",
					generated);
			return hash;
		}
		return this.redis.get(key);
	}

}
