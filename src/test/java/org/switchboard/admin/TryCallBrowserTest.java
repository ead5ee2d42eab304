package org.switchboard.admin;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import org.switchboard.PublishedEvents;
import org.switchboard.SwitchboardTest;
import org.switchboard.TestUsers;
import org.switchboard.agent.Agents;
import org.switchboard.fakeasterisk.FakeAsterisk;
import org.switchboard.ivr.TestCallWitness;
import org.switchboard.routing.WaitingLine;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "Try a call" page in a real headless Chromium: an admin places a test call on the
 * shipped support line, picks German on the keypad, then technical support, and sees each
 * prompt with its language and the decision with its trace, while the agent it names
 * stays ready and no trace of the call is left. Screenshots go to
 * {@code target/browser-screenshots}.
 */
@SwitchboardTest
class TryCallBrowserTest {

	private static final String AGENT = "7703";

	@LocalServerPort
	int port;

	@Autowired
	FakeAsterisk asterisk;

	@Autowired
	Agents agents;

	@Autowired
	PublishedEvents events;

	@Autowired
	WaitingLine line;

	@Autowired
	MeterRegistry meters;

	Chromium chromium;

	ChromeDriver browser;

	WebDriverWait wait;

	TestCallWitness witness;

	@BeforeEach
	void openBrowserWithAnIdleAgent() {
		this.witness = new TestCallWitness(this.events, this.line, this.agents, this.meters);
		this.witness.readyGermanSupportAgent(this.asterisk, AGENT);
		this.events.clear();
		this.chromium = new Chromium(this.port, "UTC");
		this.browser = this.chromium.browser;
		this.wait = this.chromium.wait;
	}

	@AfterEach
	void closeBrowser() {
		if (this.chromium != null) {
			this.chromium.close();
		}
		this.agents.delete(AGENT);
	}

	@Test
	void authorTriesTheSupportLineInGermanAndSeesPromptsLanguagesAndTheDecisionWithNothingLeftBehind() {
		logIn();
		this.browser.get(url("/ui/#try-call"));
		WebElement line = this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("try-line")));
		type(line, "9999");
		this.browser.findElement(By.id("try-place")).click();

		WebElement error = this.wait
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#try-line + .field-error")));
		assertThat(error.getText()).isEqualTo("no flow answers line 9999");
		assertThat(this.browser.findElement(By.id("try-line")).getAttribute("class")).contains("invalid");
		screenshot("try-call-no-flow");

		type(this.browser.findElement(By.id("try-line")), "8000");
		// a Monday noon in Berlin, inside the German team's hours whenever the test runs
		this.browser.executeScript("arguments[0].value = arguments[1]", this.browser.findElement(By.id("try-at")),
				"2026-11-23T12:00");
		new Select(this.browser.findElement(By.id("try-zone"))).selectByValue("Europe/Berlin");
		this.browser.findElement(By.id("try-place")).click();

		this.wait.until(ExpectedConditions.attributeToBe(By.id("try-status"), "data-state", "LISTENING"));
		assertThat(prompts()).containsExactly("Prompt custom/choose-language every language");
		assertThat(this.browser.findElement(By.id("try-status")).getText()).contains("Listening for keys")
			.contains("line 8000")
			.contains("+4930123456")
			.contains("23 Nov");

		key("2");

		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("try-transcript"), "main-menu"));
		assertThat(prompts()).last().isEqualTo("Prompt main-menu de custom/de/main-menu");
		assertThat(this.browser.findElement(By.cssSelector("#try-transcript .heard-keys")).getText())
			.isEqualTo("2 caller presses 2");
		screenshot("try-call-menu");

		key("2");

		WebElement decision = this.wait
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("try-decision-card")));
		assertThat(decision.findElement(By.className("next")).getText()).isEqualTo("connect");
		assertThat(decision.findElement(By.id("try-summary")).getText())
			.isEqualTo("agent " + AGENT + " would take the call now (a test call reserves nobody)");
		assertThat(decision.findElements(By.cssSelector("#try-trace li"))).hasSizeGreaterThan(2);
		assertThat(decision.findElement(By.id("try-trace")).getText()).contains("window").contains("agent " + AGENT);
		assertThat(decision.findElement(By.id("try-variables")).getText()).contains("SB_QUEUE support")
			.contains("SB_LANGUAGE de");
		this.wait.until(ExpectedConditions.attributeToBe(By.id("try-status"), "data-state", "ENDED"));
		assertThat(this.browser.findElement(By.cssSelector("[data-key='1']")).isEnabled()).isFalse();
		screenshot("try-call-decision");

		String callId = "test-call." + this.browser.findElement(By.id("try-status")).getAttribute("data-call");
		this.witness.assertUntouched(AGENT);
		this.witness.assertNoTraceOf(callId);
	}

	private List<String> prompts() {
		return this.browser.findElements(By.cssSelector("#try-transcript .heard-prompt"))
			.stream()
			.map(WebElement::getText)
			.toList();
	}

	private void key(String key) {
		this.wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-key='" + key + "']"))).click();
	}

	private void logIn() {
		this.chromium.logIn(TestUsers.ADMIN);
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
