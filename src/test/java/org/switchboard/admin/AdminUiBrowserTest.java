package org.switchboard.admin;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

import org.switchboard.SwitchboardTest;
import org.switchboard.callrecord.CallRecords;
import org.switchboard.callrecord.Calls;
import org.switchboard.TestUsers;
import org.switchboard.agent.Agent;
import org.switchboard.agent.Agents;
import org.switchboard.fakeasterisk.FakeAsterisk;
import org.switchboard.schedule.CountrySchedule;
import org.switchboard.schedule.ScheduleVersions;
import org.switchboard.schedule.Schedules;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web UI in a real headless Chromium: an admin logs in, edits Germany's schedule (an
 * invalid edit is shown at its field, the fixed one is saved and appears in the history)
 * and watches the live floor change when an agent logs in from their phone through the
 * fake Asterisk. Screenshots go to {@code target/browser-screenshots}.
 */
@SwitchboardTest
class AdminUiBrowserTest {

	@LocalServerPort
	int port;

	@Value("${switchboard.agi.port}")
	int agiPort;

	@Autowired
	FakeAsterisk asterisk;

	@Autowired
	Agents agents;

	@Autowired
	Schedules schedules;

	@Autowired
	ScheduleVersions versions;

	@Autowired
	TestRestTemplate http;

	Chromium chromium;

	ChromeDriver browser;

	WebDriverWait wait;

	CountrySchedule germanyBefore;

	@BeforeEach
	void openBrowser() {
		this.chromium = new Chromium(this.port, "UTC");
		this.browser = this.chromium.browser;
		this.wait = this.chromium.wait;
		this.germanyBefore = this.schedules.find("DE").orElseThrow();
	}

	@AfterEach
	void closeBrowserAndPutGermanyBack() {
		if (this.chromium != null) {
			this.chromium.close();
		}
		CountrySchedule now = this.schedules.find("DE").orElseThrow();
		if (now.version() != this.germanyBefore.version()) {
			this.versions.publish(this.germanyBefore, now.version(), "test");
		}
	}

	@Test
	void adminFixesAnInvalidEditOfGermanysScheduleAndSeesTheNewVersionInTheHistory() {
		logIn();
		this.browser.get(url("/ui/#schedules/DE"));
		WebElement to = this.wait
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[data-path='windows[0].to']")));
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Now open"));
		assertThat(this.browser.findElement(By.id("status")).getText()).contains("closes at")
			.contains("Europe/Berlin")
			.contains("your time");
		long version = Long.parseLong(this.browser.findElement(By.id("version")).getText());

		type(to, "07:00");
		this.browser.findElement(By.id("save")).click();

		WebElement errors = this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("errors")));
		assertThat(errors.getText()).contains("windows[0].to: closes at or before it opens");
		to = this.browser.findElement(By.cssSelector("input[data-path='windows[0].to']"));
		assertThat(to.getAttribute("class")).contains("invalid");
		assertThat(to.findElement(By.xpath("following-sibling::span[@class='field-error']")).getText())
			.contains("closes at or before it opens");
		assertThat(this.schedules.find("DE").orElseThrow().version()).isEqualTo(version);
		screenshot("schedule-invalid-edit");

		type(to, "17:00");
		this.browser.findElement(By.id("save")).click();

		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"),
				"Saved: version " + (version + 1)));
		assertThat(this.browser.findElement(By.id("version")).getText()).isEqualTo(Long.toString(version + 1));
		WebElement newest = this.wait.until(ExpectedConditions.visibilityOfElementLocated(
				By.cssSelector("#history tr.history-row[data-version='" + (version + 1) + "']")));
		assertThat(newest.getText()).contains("admin").contains("Monday–Friday 08:00–18:00 changed to 08:00–17:00");
		assertThat(this.schedules.find("DE").orElseThrow().windows().get(0).to()).hasToString("17:00");
		screenshot("schedule-editor");
	}

	@Test
	void aColleaguesSaveInBetweenIsShownAsAConflictAndTheirVersionStays() {
		logIn();
		this.browser.get(url("/ui/#schedules/DE"));
		WebElement to = this.wait
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[data-path='windows[0].to']")));
		CountrySchedule germany = this.schedules.find("DE").orElseThrow();
		this.versions.publish(germany, germany.version(), "colleague");

		type(to, "16:00");
		this.browser.findElement(By.id("save")).click();

		WebElement conflict = this.wait
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#messages .banner.conflict")));
		assertThat(conflict.getText()).contains("Someone else saved this schedule meanwhile")
			.contains("version " + (germany.version() + 1))
			.contains("not saved");
		assertThat(this.schedules.find("DE").orElseThrow().windows().get(0).to())
			.isEqualTo(germany.windows().get(0).to());
		screenshot("schedule-conflict");
	}

	@Test
	void liveFloorShowsAnAgentWhoLogsInFromTheirPhone() {
		this.agents.delete("7301");
		this.agents.save(new Agent("7301", "Jonas", "PJSIP/7301", Map.of("support", 2), Set.of("de"), "de-support"));
		this.agents.reachable("7301", true);
		logIn();
		this.browser.get(url("/ui/#live"));
		WebElement loggedOut = this.wait.until(ExpectedConditions
			.visibilityOfElementLocated(By.cssSelector("#state-LOGGED_OUT li[data-agent='7301']")));
		assertThat(loggedOut.getText()).contains("Jonas");

		this.asterisk.call(this.agiPort, "agent")
			.channel("PJSIP/7301-00000042")
			.args("login")
			.start()
			.awaitEnd(Duration.ofSeconds(10));

		WebElement loggedIn = this.wait.until(ExpectedConditions
			.visibilityOfElementLocated(By.cssSelector("#state-NOT_READY li[data-agent='7301']")));
		assertThat(loggedIn.getText()).contains("Jonas").contains("login");
		assertThat(this.browser.findElements(By.cssSelector("#state-LOGGED_OUT li[data-agent='7301']"))).isEmpty();
		screenshot("live-floor");
	}

	@Test
	void adminAddsAnAgentAfterFixingTheFieldTheServerRefused() {
		this.agents.delete("7401");
		logIn();
		this.browser.get(url("/ui/#agents"));
		WebElement form = this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("agent-form")));
		form.findElement(By.cssSelector("[data-path='id']")).sendKeys("7401");
		form.findElement(By.cssSelector("[data-path='name']")).sendKeys("Mia");
		WebElement endpoint = form.findElement(By.cssSelector("[data-path='endpoint']"));
		endpoint.sendKeys("7401");
		form.findElement(By.cssSelector("[data-path='team']")).sendKeys("de-support");
		form.findElement(By.cssSelector("[data-path='skills']")).sendKeys("support:2");
		form.findElement(By.cssSelector("[data-path='languages']")).sendKeys("de");

		this.browser.findElement(By.id("save-agent")).click();

		WebElement error = this.wait.until(
				ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-path='endpoint'] + .field-error")));
		assertThat(error.getText()).contains("not a dial string like PJSIP/1001");
		assertThat(this.agents.find("7401")).isEmpty();

		type(endpoint, "PJSIP/7401");
		this.browser.findElement(By.id("save-agent")).click();

		WebElement row = this.wait
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#agents tr[data-agent='7401']")));
		assertThat(row.getText()).contains("Mia").contains("PJSIP/7401").contains("support:2").contains("Logged out");
		assertThat(this.agents.find("7401"))
			.hasValueSatisfying((mia) -> assertThat(mia.skills()).containsEntry("support", 2));
		screenshot("agents");
	}

	@Test
	void whatIfAnswersForABerlinCallerAndAnAnnouncementIsSwitchedOnAndOff() {
		logIn();
		this.browser.get(url("/ui/#what-if"));
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("what-if-caller"))).sendKeys("+4930123456");
		// a Monday noon in the browser's time zone, inside Berlin's weekday hours: the
		// answer must not depend on the hour the test runs
		this.browser.executeScript("arguments[0].value = arguments[1]", this.browser.findElement(By.id("what-if-at")),
				"2026-11-23T12:00");
		this.browser.findElement(By.id("what-if-ask")).click();

		WebElement answer = this.wait
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#what-if-answer ol li")));
		assertThat(this.browser.findElement(By.id("what-if-answer")).getText()).contains("DE").contains("open");
		assertThat(answer.getText()).contains("Europe/Berlin");
		screenshot("what-if");

		this.browser.get(url("/ui/#announcements"));
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("announcement-scope"))).sendKeys("FR");
		this.browser.findElement(By.id("announcement-sounds")).sendKeys("fr=custom/fr/outage");
		this.browser.findElement(By.xpath("//button[text()='Switch on']")).click();
		WebElement toggle = this.wait
			.until(ExpectedConditions.elementToBeClickable(By.xpath("//tr[td[text()='FR']]//input[@type='checkbox']")));
		assertThat(toggle.isSelected()).isTrue();
		screenshot("announcements");

		toggle.click();

		this.wait.until(ExpectedConditions
			.elementSelectionStateToBe(By.xpath("//tr[td[text()='FR']]//input[@type='checkbox']"), false));
		this.wait.until((driver) -> TestUsers.admin(this.http)
			.getForObject("/api/announcements", String.class)
			.contains("\"on\":false"));
		TestUsers.admin(this.http).delete("/api/announcements/FR");
	}

	@Test
	void kpiPageChartsTheKpisOfTheCallsPerCountryAndPerQueue(@Autowired CallRecords records) {
		java.time.Instant now = SwitchboardTest.OFFICE_HOURS.instant().minusSeconds(600);
		records.append(Calls.answered("ui-kpi-1." + System.nanoTime(), now, "NZ", "ui-agent", 12, 300, 0, 30, 4));
		records.append(Calls.abandoned("ui-kpi-2." + System.nanoTime(), now.plusSeconds(5), "NZ", 40, false));
		logIn();
		this.browser.get(url("/ui/#kpis"));

		WebElement row = this.wait
			.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//main//tr[td[text()='NZ']]")));
		assertThat(row.getText()).contains("NZ");
		assertThat(this.browser.findElements(By.cssSelector("main svg rect.bar"))).isNotEmpty();
		assertThat(this.browser.findElement(By.cssSelector("main")).getText()).contains("Service level",
				"Abandon rate");
		screenshot("kpis");

		new org.openqa.selenium.support.ui.Select(this.browser.findElement(By.id("kpi-group-by")))
			.selectByValue("queue");
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//main//tr[td[text()='billing']]")));
	}

	private void logIn() {
		this.browser.get(url("/ui/"));
		WebElement user = this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("username")));
		screenshot("login");
		user.sendKeys(TestUsers.ADMIN);
		this.browser.findElement(By.name("password")).sendKeys(TestUsers.PASSWORD, Keys.ENTER);
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("me"), "admin (ADMIN)"));
	}

	private static void type(WebElement input, String text) {
		input.sendKeys(Keys.chord(Keys.CONTROL, "a"), text, Keys.TAB);
	}

	private void screenshot(String name) {
		this.chromium.screenshot(name);
	}

	private String url(String path) {
		return this.chromium.url(path);
	}

}
