package org.switchboard;

import java.util.UUID;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The users every {@link SwitchboardTest} context knows, one per role, and REST clients
 * logged in as them.
 */
public final class TestUsers {

	public static final String ADMIN = "admin";

	public static final String SUPERVISOR = "sue";

	/** An AGENT user who is agent {@link #AGENT_ID}. */
	public static final String AGENT = "alex";

	public static final String AGENT_ID = "7001";

	public static final String PASSWORD = "pw-" + UUID.randomUUID();

	private TestUsers() {
	}

	/** Test properties that configure these users, hashes made here. */
	static String[] properties() {
		BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
		String hash = bcrypt.encode(PASSWORD);
		return new String[] { "switchboard.admin.password=" + PASSWORD,
				"switchboard.admin.users." + SUPERVISOR + ".password-hash=" + hash,
				"switchboard.admin.users." + SUPERVISOR + ".roles=SUPERVISOR",
				"switchboard.admin.users." + AGENT + ".password-hash=" + hash,
				"switchboard.admin.users." + AGENT + ".roles=AGENT",
				"switchboard.admin.users." + AGENT + ".agent=" + AGENT_ID };
	}

	public static TestRestTemplate admin(TestRestTemplate http) {
		return http.withBasicAuth(ADMIN, PASSWORD);
	}

	public static TestRestTemplate supervisor(TestRestTemplate http) {
		return http.withBasicAuth(SUPERVISOR, PASSWORD);
	}

	public static TestRestTemplate agent(TestRestTemplate http) {
		return http.withBasicAuth(AGENT, PASSWORD);
	}

}
