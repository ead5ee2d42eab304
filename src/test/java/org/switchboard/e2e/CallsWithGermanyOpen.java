package org.switchboard.e2e;

import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every end-to-end test starts from: the world running, Germany's line open all day;
 * and what it leaves: no caller or phone of its own still on the line.
 */
abstract class CallsWithGermanyOpen {

	static final String GERMAN_CALLER = "+4930123456";

	E2e e2e;

	/** When the test began: its calls' records are the ones that arrived since. */
	Instant started;

	@BeforeEach
	void openGermany() {
		this.e2e = E2e.world();
		this.started = Instant.now();
		this.e2e.schedule("DE", CallsToAgentsIT.alwaysOpen("DE"));
	}

	@AfterEach
	void hangUp() throws InterruptedException {
		this.e2e.hangUpAll();
	}

}
