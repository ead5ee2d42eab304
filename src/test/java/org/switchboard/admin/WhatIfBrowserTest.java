package org.switchboard.admin;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import org.springframework.boot.test.web.server.LocalServerPort;

import org.switchboard.SwitchboardTest;
import org.switchboard.TestUsers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The What-if page in a real Chromium whose clock reads New York time: a closed answer
 * says when the country opens, in its own zone and the viewer's; an open one says who
 * would take the call.
 */
@SwitchboardTest
class WhatIfBrowserTest {

	@LocalServerPort
	int port;

	Chromium chromium;

	@BeforeEach
	void openBrowser() {
		this.chromium = new Chromium(this.port, "America/New_York");
		this.chromium.logIn(TestUsers.SUPERVISOR);
	}

	@AfterEach
	void closeBrowser() {
		this.chromium.close();
	}

	@Test
	void berlinCallerOnChristmasEveAfternoonSeesWhenGermanyOpensInBerlinTimeAndTheirOwn() {
		// 11:30 in New York is 17:30 in Berlin: after Christmas Eve's morning hours
		ask("+4930123456", "2026-12-24T11:30");

		this.chromium.await(By.id("what-if-next-open"));
		assertThat(this.chromium.text(By.id("what-if-decision"))).startsWith("DE: closed");
		// the 25th and 26th are Berlin's holidays, the 27th a Sunday
		assertThat(this.chromium.text(By.id("what-if-next-country"))).isEqualTo("Mon 28 Dec, 08:00 CET");
		assertThat(this.chromium.text(By.id("what-if-next-viewer"))).startsWith("Mon 28 Dec, 02:00");
		assertThat(this.chromium.text(By.id("what-if-next-open"))).contains("in Europe/Berlin")
			.contains("your time (America/New_York)");
		assertThat(this.chromium.flaws()).isEmpty();
		this.chromium.screenshot("what-if-closed");
	}

	@Test
	void berlinCallerOnAMondayMorningIsServedAndNoOpeningIsShown() {
		// 06:00 in New York is noon in Berlin
		ask("+4930123456", "2026-11-23T06:00");

		this.chromium.awaitText(By.id("what-if-decision"), "open");
		assertThat(this.chromium.text(By.id("what-if-decision"))).startsWith("DE: open");
		assertThat(this.chromium.text(By.id("what-if-answer"))).contains("An agent needs the skills")
			.contains("german:2")
			.contains("Europe/Berlin");
		assertThat(this.chromium.browser.findElements(By.id("what-if-next-open"))).isEmpty();
		assertThat(this.chromium.flaws()).isEmpty();
		this.chromium.screenshot("what-if-open");
	}

	private void ask(String caller, String localTime) {
		this.chromium.open("/ui/#what-if");
		this.chromium.await(By.id("what-if-caller")).sendKeys(caller);
		this.chromium.browser.executeScript("arguments[0].value = arguments[1]",
				this.chromium.browser.findElement(By.id("what-if-at")), localTime);
		this.chromium.browser.findElement(By.id("what-if-ask")).click();
	}

}
