package org.switchboard.admin;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import org.switchboard.SwitchboardTest;
import org.switchboard.TestUsers;
import org.switchboard.schedule.CountrySchedule;
import org.switchboard.schedule.Quota;
import org.switchboard.schedule.ScheduleVersions;
import org.switchboard.schedule.Schedules;
import org.switchboard.schedule.Window;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The timelines in a real headless Chromium whose clock runs in New York: a supervisor
 * opens Coverage on Christmas Eve and the day after (who is open, who overflows to whom,
 * the holidays, the hours no country is open), then Germany's schedule with a Saturday
 * added: its history says so in words, and its week is drawn in Berlin time and in New
 * York time across the EU clock change. Screenshots go to
 * {@code target/browser-screenshots}.
 */
@SwitchboardTest
class TimelinesBrowserTest {

	@LocalServerPort
	int port;

	@Autowired
	Schedules schedules;

	@Autowired
	ScheduleVersions versions;

	Chromium chromium;

	ChromeDriver browser;

	WebDriverWait wait;

	CountrySchedule germanyBefore;

	@BeforeEach
	void openBrowser() {
		// the viewer sits in New York, so "your time" differs from every country's own
		this.chromium = new Chromium(this.port, "America/New_York");
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
	void coverageOnChristmasEveShowsWhoIsOpenWhoOverflowsToWhomAndTheGapBeforeIndiaOpens() {
		logIn();
		this.browser.get(url("/ui/#coverage/2026-12-24"));

		WebElement summary = this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("coverage-summary")));
		assertThat(summary.getText()).contains("Gap in coverage")
			.contains("01:00–03:30 UTC")
			.contains("20:00–22:30 your time");
		assertThat(this.browser.findElement(By.id("nav-coverage")).getAttribute("class")).contains("active");
		assertThat(texts(By.cssSelector(".coverage-country"), "data-country")).as("east to west")
			.containsSubsequence("IN", "SA", "DE", "FR", "US");
		WebElement gap = this.browser.findElement(By.cssSelector(".coverage-gap[data-from='2026-12-24T01:00:00Z']"));
		assertThat(gap.getAttribute("data-to")).isEqualTo("2026-12-24T03:30:00Z");
		assertThat(gap.getText()).isEqualTo("gap 01:00–03:30");
		WebElement germany = this.browser.findElement(By.cssSelector(".timeline-bar[data-country='DE']"));
		assertThat(germany.getAttribute("title")).contains("open 08:00–12:00 Europe/Berlin")
			.contains("special day: Christmas Eve")
			.contains("07:00–11:00 UTC")
			.contains("02:00–06:00 your time");
		WebElement toFrance = this.browser
			.findElement(By.cssSelector(".coverage-overflow[data-from-country='DE'][data-to-country='FR']"));
		assertThat(toFrance.getAttribute("title")).contains("Calls waiting 180 s in DE go to FR's team")
			.contains("08:00–11:00 UTC");
		assertThat(this.browser.findElements(By.cssSelector(".coverage-country[data-country='US'] .timeline-bar")))
			.as("the evening before, still open at midnight UTC, and the day's own hours")
			.hasSize(2);
		screenshot("coverage-christmas-eve");

		this.browser.findElement(By.id("coverage-after")).click();

		this.wait.until(ExpectedConditions.attributeToBe(By.id("coverage-date"), "value", "2026-12-25"));
		WebElement christmas = this.wait.until(ExpectedConditions.visibilityOfElementLocated(
				By.cssSelector(".coverage-country[data-country='DE'] .timeline-mark.holiday.closed")));
		assertThat(christmas.getAttribute("data-name")).isEqualTo("1st Christmas day");
		assertThat(christmas.getAttribute("title")).contains("closed all day");
		assertThat(this.browser.findElement(By.id("coverage-summary")).getText()).contains("01:00–24:00 UTC");
		screenshot("coverage-christmas-day");
	}

	@Test
	void germanysScheduleSaysTheSaturdayAddedInWordsAndDrawsTheWeekInBerlinAndNewYorkTime() {
		CountrySchedule germany = this.schedules.find("DE").orElseThrow();
		List<Window> windows = new ArrayList<>(germany.windows());
		windows.add(new Window(Set.of(DayOfWeek.SATURDAY), LocalTime.of(9, 0), LocalTime.of(13, 0), false, "de-weekend",
				Map.of("german", 2), Quota.NONE));
		this.versions.publish(
				new CountrySchedule("DE", germany.timeZone(), germany.version(), germany.holidays(),
						germany.specialDays(), windows, germany.quota(), germany.overflow(), germany.closedAction()),
				germany.version(), "ada");
		logIn();
		this.browser.get(url("/ui/#schedules/DE"));

		WebElement newest = this.wait.until(ExpectedConditions.visibilityOfElementLocated(
				By.cssSelector("#history tr.history-row[data-version='" + (germany.version() + 1) + "']")));
		assertThat(newest.getText()).contains("ada").contains("Saturday 09:00–13:00 added (de-weekend)");
		screenshot("schedule-history", By.id("history"));

		WebElement week = this.browser.findElement(By.id("week-date"));
		this.browser.executeScript("arguments[0].value = '2026-03-25'; arguments[0].dispatchEvent(new Event('change'))",
				week);

		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By
			.cssSelector(".timeline[data-zone='Europe/Berlin'] .timeline-row[data-date='2026-03-29'] .timeline-note")));
		assertThat(row("Europe/Berlin", "2026-03-29").findElement(By.className("timeline-note")).getText())
			.contains("clocks go forward 1 h at 02:00");
		assertThat(bars("Europe/Berlin", "2026-03-23")).containsExactly("08:00–18:00");
		assertThat(bars("Europe/Berlin", "2026-03-27")).containsExactly("08:00–18:00", "22:00–24:00");
		assertThat(bars("Europe/Berlin", "2026-03-28")).containsExactly("00:00–06:00", "09:00–13:00");
		assertThat(bars("America/New_York", "2026-03-23")).as("Berlin is 5 hours ahead until its clocks change")
			.containsExactly("03:00–13:00");
		assertThat(bars("America/New_York", "2026-03-28")).containsExactly("00:00–01:00", "04:00–08:00");
		assertThat(this.browser.findElement(By.cssSelector(".timeline[data-zone='America/New_York'] .timeline-title"))
			.getText()).contains("your time");
		WebElement saturday = row("Europe/Berlin", "2026-03-28")
			.findElement(By.cssSelector(".timeline-bar[data-team='de-weekend']"));
		assertThat(saturday.getAttribute("title")).contains("de-weekend: 09:00–13:00 Europe/Berlin");
		screenshot("schedule-week", By.id("week-timeline"));

		this.browser.executeScript("arguments[0].value = '2026-12-24'; arguments[0].dispatchEvent(new Event('change'))",
				this.browser.findElement(By.id("week-date")));

		WebElement christmas = this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
				".timeline[data-zone='Europe/Berlin'] .timeline-row[data-date='2026-12-25'] .timeline-mark.holiday.closed")));
		assertThat(christmas.getAttribute("data-name")).isEqualTo("1st Christmas day");
		assertThat(bars("Europe/Berlin", "2026-12-24")).containsExactly("08:00–12:00");
		assertThat(bars("Europe/Berlin", "2026-12-25")).isEmpty();
		screenshot("schedule-week-christmas", By.id("week-timeline"));
	}

	private WebElement row(String zone, String date) {
		return this.browser
			.findElement(By.cssSelector(".timeline[data-zone='" + zone + "'] .timeline-row[data-date='" + date + "']"));
	}

	private List<String> bars(String zone, String date) {
		return row(zone, date).findElements(By.className("timeline-bar"))
			.stream()
			.map((bar) -> bar.getAttribute("data-from") + "–" + bar.getAttribute("data-to"))
			.toList();
	}

	private List<String> texts(By selector, String attribute) {
		return this.browser.findElements(selector).stream().map((element) -> element.getAttribute(attribute)).toList();
	}

	private void logIn() {
		this.chromium.logIn(TestUsers.SUPERVISOR);
	}

	private void screenshot(String name) {
		this.chromium.screenshot(name);
	}

	private void screenshot(String name, By at) {
		this.browser.executeScript("arguments[0].scrollIntoView({block: 'start'}); window.scrollBy(0, -10)",
				this.browser.findElement(at));
		save(name);
	}

	private void save(String name) {
		this.chromium.save(name);
	}

	private String url(String path) {
		return this.chromium.url(path);
	}

}
