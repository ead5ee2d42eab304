package org.switchboard.admin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import org.switchboard.SwitchboardTest;
import org.switchboard.TestUsers;
import org.switchboard.agent.Agent;
import org.switchboard.agent.Agents;
import org.switchboard.callrecord.CallRecords;
import org.switchboard.callrecord.Calls;
import org.switchboard.callrecord.Outcome;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page of the UI in a real Chromium, as an admin and as a supervisor, with data
 * that leaves fields empty (an agent who speaks no language, a call nobody rated, a
 * schedule without a country quota): no page shows {@code null}, {@code undefined},
 * {@code NaN} or a raw ISO duration, and every input and select has a label and no
 * placeholder. Every page is one the navigation links to, so a new page is walked too.
 */
@SwitchboardTest
class EveryPageBrowserTest {

	@LocalServerPort
	int port;

	@Autowired
	TestRestTemplate http;

	Chromium chromium;

	@BeforeEach
	void dataWithGaps(@Autowired Agents agents, @Autowired CallRecords records) {
		agents.save(new Agent("7501", "Pat", "PJSIP/7501", Map.of(), Set.of(), "walk"));
		Instant now = SwitchboardTest.OFFICE_HOURS.instant().minusSeconds(300);
		records.append(Calls.answered("walk-1." + System.nanoTime(), now, "DE", "7501", 25, 95, 10, 20, null));
		records.append(Calls.other("walk-2." + System.nanoTime(), now, null, Outcome.CLOSED, false));
		HttpHeaders json = new HttpHeaders();
		json.setContentType(MediaType.APPLICATION_JSON);
		TestUsers.admin(this.http)
			.exchange("/api/announcements/FR", HttpMethod.PUT,
					new HttpEntity<>("{\"sounds\": {\"fr\": \"custom/fr/outage\"}, \"on\": false}", json),
					String.class);
		this.chromium = new Chromium(this.port, "Asia/Kolkata");
	}

	@AfterEach
	void closeBrowser() {
		this.chromium.close();
		TestUsers.admin(this.http).delete("/api/announcements/FR");
	}

	@Test
	void everyPageReadsRightForAnAdminAndASupervisor() {
		List<String> flaws = new ArrayList<>();
		this.chromium.open("/login");
		this.chromium.await(By.name("username"));
		assertThat(this.chromium.text(By.tagName("h1"))).isEqualTo("Sign in to Switchboard");
		this.chromium.flaws().forEach((flaw) -> flaws.add("login: " + flaw));
		this.chromium.screenshot("page-login");

		for (String user : List.of(TestUsers.ADMIN, TestUsers.SUPERVISOR)) {
			this.chromium.logIn(user);
			Set<String> pages = new LinkedHashSet<>();
			for (WebElement link : this.chromium.browser.findElements(By.cssSelector("header nav a"))) {
				String href = link.getAttribute("href");
				if (link.isDisplayed() && href.contains("#")) {
					pages.add(href.substring(href.indexOf('#')));
				}
			}
			assertThat(pages).contains("#schedules", "#agents", "#live", "#kpis", "#what-if", "#announcements");
			pages.addAll(List.of("#schedules/DE", "#schedules/US"));
			for (String page : pages) {
				show(page);
				this.chromium.flaws().forEach((flaw) -> flaws.add(user + " " + page + ": " + flaw));
				this.chromium.screenshot("page-" + user + "-" + page.substring(1).replace('/', '-'));
			}
			this.chromium.open("/ui/#what-if");
			this.chromium.await(By.id("what-if-caller")).sendKeys("+12125550123");
			this.chromium.browser.findElement(By.id("what-if-ask")).click();
			this.chromium.await(By.cssSelector("#what-if-answer ol"));
			this.chromium.flaws().forEach((flaw) -> flaws.add(user + " what-if answered: " + flaw));
			this.chromium.screenshot("page-" + user + "-what-if-answered");
			this.chromium.browser.findElement(By.cssSelector("#logout button")).click();
			this.chromium.awaitText(By.tagName("main"), "You are signed out.");
		}

		assertThat(flaws).isEmpty();
	}

	/**
	 * Opens the page of this {@code #hash} and waits until the view before it is gone and
	 * nothing on the new one says it is still loading.
	 */
	private void show(String page) {
		this.chromium.browser.executeScript("""
				for (const shown of document.querySelector('main').children) shown.dataset.stale = 'yes';
				location.hash = arguments[0];
				""", page);
		this.chromium.wait.until((driver) -> (Boolean) this.chromium.browser.executeScript(
				"""
						const main = document.querySelector('main');
						return main.children.length > 0 && !main.querySelector('[data-stale]')
							&& !main.innerText.includes('Loading…')
							&& ![...main.querySelectorAll('*')].some((e) => e.children.length === 0 && e.textContent.trim() === '…');
						"""));
	}

}
