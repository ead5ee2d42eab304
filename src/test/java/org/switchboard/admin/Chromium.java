package org.switchboard.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.switchboard.TestUsers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real headless Chromium on the UI of a running Switchboard, in a time zone of the
 * test's choosing (so a page that shows the viewer's time is seen to), logged in through
 * the sign-in page. Screenshots go to {@code target/browser-screenshots}.
 */
final class Chromium implements AutoCloseable {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");

	final ChromeDriver browser;

	final WebDriverWait wait;

	private final int port;

	/** A browser whose clock reads the time in {@code zone}, e.g. America/New_York. */
	Chromium(int port, String zone) {
		assertThat(CHROMIUM).as("Chromium (apt-get install chromium chromium-driver; .ci/run does it)").exists();
		assertThat(CHROMEDRIVER).as("chromedriver (apt-get install chromium-driver)").exists();
		this.port = port;
		try {
			Files.createDirectories(SCREENSHOTS);
			Path profile = Files.createTempDirectory("switchboard-chromium");
			ChromeOptions options = new ChromeOptions();
			options.setBinary(CHROMIUM.toFile());
			options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
					"--disable-sync", "--window-size=1400,1200", "--user-data-dir=" + profile);
			// the driver's path is given, so Selenium Manager never looks for one; the
			// browser inherits the driver's environment, and with it the zone
			ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
				.usingAnyFreePort()
				.withEnvironment(Map.of("TZ", zone))
				.build();
			this.browser = new ChromeDriver(service, options);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.wait = new WebDriverWait(this.browser, Duration.ofSeconds(15));
	}

	/** Signs in as this user on the sign-in page the UI sends them to. */
	void logIn(String user) {
		this.browser.get(url("/ui/"));
		WebElement name = this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("username")));
		name.sendKeys(user);
		this.browser.findElement(By.name("password")).sendKeys(TestUsers.PASSWORD, Keys.ENTER);
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("me"), user + " ("));
	}

	void open(String path) {
		this.browser.get(url(path));
	}

	WebElement await(By what) {
		return this.wait.until(ExpectedConditions.visibilityOfElementLocated(what));
	}

	void awaitText(By what, String text) {
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(what, text));
	}

	String text(By what) {
		return this.browser.findElement(what).getText();
	}

	/**
	 * What a person would notice is wrong on the page now: a placeholder word for a value
	 * that is missing ({@code null}, {@code undefined}, {@code NaN}), a raw ISO duration,
	 * an input or select without a label, a placeholder.
	 */
	@SuppressWarnings("unchecked")
	List<String> flaws() {
		return (List<String>) this.browser.executeScript(
				"""
						const flaws = [];
						const text = document.body.innerText;
						for (const word of ['null', 'undefined', 'NaN']) {
							const at = text.search(new RegExp('\\\\b' + word + '\\\\b'));
							if (at >= 0) flaws.push(word + ' in "' + text.substring(Math.max(0, at - 40), at + 20) + '"');
						}
						const duration = text.match(/\\bPT[0-9.]+[HMS]/);
						if (duration) flaws.push('raw duration ' + duration[0]);
						for (const control of document.querySelectorAll('input, select, textarea')) {
							if (control.type === 'hidden') continue;
							const name = control.id || control.dataset.path || control.name || control.outerHTML.substring(0, 80);
							if (!control.labels || control.labels.length === 0 || !control.labels[0].textContent.trim())
								flaws.push('no label: ' + name);
							if (control.placeholder) flaws.push('placeholder "' + control.placeholder + '": ' + name);
						}
						return flaws;
						""");
	}

	void screenshot(String name) {
		this.browser.executeScript("window.scrollTo(0, 0)");
		save(name);
	}

	/** The page as it is scrolled now. */
	void save(String name) {
		try {
			Files.copy(this.browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name + ".png"),
					StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	@Override
	public void close() {
		this.browser.quit();
	}

}
