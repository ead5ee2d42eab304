package org.switchboard.admin;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import org.switchboard.SwitchboardTest;
import org.switchboard.TestUsers;
import org.switchboard.agent.Agent;
import org.switchboard.agent.AgentState;
import org.switchboard.agent.Agents;
import org.switchboard.callrecord.CallRecords;
import org.switchboard.callrecord.Calls;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An AGENT user in a real Chromium: they land on their own page, pause and get ready with
 * its buttons, see their calls of the day with handle time and CSAT, and meet a page with
 * a way back, not an error, where only supervisors may go.
 */
@SwitchboardTest
class AgentPageBrowserTest {

	@LocalServerPort
	int port;

	@Autowired
	Agents agents;

	@Autowired
	CallRecords records;

	Chromium chromium;

	String callId;

	@BeforeEach
	void agentAlexIsLoggedInWithACallToday() {
		this.agents.save(new Agent(TestUsers.AGENT_ID, "Alex", "PJSIP/" + TestUsers.AGENT_ID, Map.of("support", 2),
				Set.of("de", "en"), "de-support"));
		this.agents.reachable(TestUsers.AGENT_ID, true);
		this.agents.logout(TestUsers.AGENT_ID);
		this.agents.login(TestUsers.AGENT_ID);
		// waited 12 s, talked 2 min, no hold, 30 s of wrap-up, rated 4
		this.callId = "agent-page-" + System.nanoTime();
		this.records.append(Calls.answered(this.callId, SwitchboardTest.OFFICE_HOURS.instant().minusSeconds(600), "DE",
				TestUsers.AGENT_ID, 12, 120, 0, 30, 4));
		this.chromium = new Chromium(this.port, "Europe/Berlin");
	}

	@AfterEach
	void closeBrowser() {
		this.chromium.close();
	}

	@Test
	void agentLandsOnTheirPagePausesForLunchAndGetsReadyAgain() {
		this.chromium.logIn(TestUsers.AGENT);

		this.chromium.awaitText(By.id("my-state-name"), "Not ready (login)");
		assertThat(this.chromium.text(By.cssSelector("main h2"))).isEqualTo("Alex · agent " + TestUsers.AGENT_ID);
		assertThat(this.chromium.text(By.id("my-profile"))).contains("support:2")
			.contains("de (German)")
			.contains("en (English)");
		assertThat(this.chromium.browser.findElements(By.cssSelector("header nav a")))
			.filteredOn(WebElement::isDisplayed)
			.extracting(WebElement::getText)
			.containsExactly("My page");
		WebElement call = this.chromium.await(By.cssSelector("#my-call-list tr[data-call='" + this.callId + "']"));
		assertThat(call.getText()).contains("answered").contains("12 s").contains("2 min").contains("2 min 30 s");
		assertThat(Integer.parseInt(this.chromium.text(By.id("my-answered")))).isPositive();
		assertThat(this.chromium.text(By.id("my-handle-time"))).matches("\\d.* (s|min)( \\d+ s)?");
		assertThat(this.chromium.text(By.id("my-csat"))).matches("\\d\\.\\d of 5");
		assertThat(this.chromium.text(By.id("my-csat-ratings"))).matches("\\d+ ratings?");

		new Select(this.chromium.browser.findElement(By.id("pause-reason"))).selectByValue("lunch");
		this.chromium.browser.findElement(By.id("my-pause")).click();

		this.chromium.awaitText(By.id("my-state-name"), "Not ready (lunch)");
		assertThat(this.agents.status(TestUsers.AGENT_ID).orElseThrow().reason()).isEqualTo("lunch");

		this.chromium.browser.findElement(By.id("my-ready")).click();

		this.chromium.awaitText(By.id("my-state-name"), "Ready");
		assertThat(this.agents.status(TestUsers.AGENT_ID).orElseThrow().state()).isEqualTo(AgentState.READY);
		assertThat(this.chromium.browser.findElement(By.id("my-ready")).isEnabled()).isFalse();
		assertThat(this.chromium.flaws()).isEmpty();
		this.chromium.screenshot("agent-page");

		this.chromium.browser.findElement(By.id("my-logout")).click();

		this.chromium.awaitText(By.id("my-state-name"), "Logged out");
		assertThat(this.chromium.await(By.id("my-login")).getText()).isEqualTo("Log in");
		assertThat(this.agents.status(TestUsers.AGENT_ID).orElseThrow().state()).isEqualTo(AgentState.LOGGED_OUT);
	}

	@Test
	void agentWhoOpensASupervisorsPageIsShownTheWayBack() {
		this.chromium.logIn(TestUsers.AGENT);
		this.chromium.awaitText(By.id("my-state-name"), "Not ready");

		this.chromium.open("/ui/#schedules/DE");

		this.chromium.awaitText(By.cssSelector("main h2"), "Not for your role");
		assertThat(this.chromium.text(By.tagName("main"))).contains("This page is for supervisors and admins.");
		this.chromium.screenshot("agent-not-for-your-role");
		this.chromium.browser.findElement(By.id("back")).click();
		this.chromium.awaitText(By.id("my-state-name"), "Not ready");

		this.chromium.open("/swagger-ui.html");

		this.chromium.awaitText(By.tagName("h1"), "Not for your role");
		assertThat(this.chromium.browser.getPageSource()).doesNotContain("Whitelabel");
		this.chromium.screenshot("agent-forbidden-page");
		this.chromium.browser.findElement(By.id("back")).click();
		this.chromium.awaitText(By.id("my-state-name"), "Not ready");
	}

}
