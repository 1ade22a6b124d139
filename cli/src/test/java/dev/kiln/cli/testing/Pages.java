package dev.kiln.cli.testing;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Reading Kiln's pages in a browser: texts of elements, and waiting for what a live page will show. */
public final class Pages {
    private Pages() {}

    /** The visible texts of the elements {@code css} selects, read again if the page redraws them meanwhile. */
    public static List<String> texts(WebDriver browser, String css) {
        // a live page may redraw what was found before its text is read: read it again then
        for (int attempt = 1; ; attempt++) {
            try {
                return browser.findElements(By.cssSelector(css)).stream()
                        .map(WebElement::getText)
                        .toList();
            } catch (StaleElementReferenceException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    /** Waits up to {@code seconds} for {@code condition} to answer something other than null or false. */
    public static <T> T waitFor(WebDriver browser, int seconds, Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(browser, Duration.ofSeconds(seconds))
                    .ignoring(StaleElementReferenceException.class)
                    .until(condition::apply);
        } catch (TimeoutException e) {
            throw new AssertionError(
                    "waited " + seconds + " s in vain; " + browser.getCurrentUrl() + " showed:\n"
                            + browser.findElement(By.tagName("body")).getText() + "\ngrid cells: "
                            + texts(browser, "vaadin-grid-cell-content") + "\nconsole: " + console(browser),
                    e);
        }
    }

    /** Clicks an element after scrolling it to the middle of the window (below the fold, another would be hit). */
    public static void click(WebDriver browser, WebElement element) {
        ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    /** Logs in on the login page the UI sends a reader to, and waits to be let through. */
    public static void logIn(WebDriver browser, String url, String name, String password) {
        browser.get(url);
        waitForText(browser, 30, "vaadin-button", "Log in");
        browser.findElement(By.cssSelector("vaadin-text-field input")).sendKeys(name);
        browser.findElement(By.cssSelector("vaadin-password-field input")).sendKeys(password);
        org.openqa.selenium.Cookie before = browser.manage().getCookieNamed("JSESSIONID");
        browser.findElement(By.xpath("//vaadin-button[contains(., 'Log in')]")).click();
        waitForText(browser, 30, "vaadin-app-layout span", name + " · ");
        org.openqa.selenium.Cookie after = browser.manage().getCookieNamed("JSESSIONID");
        if (before != null && after != null && before.getValue().equals(after.getValue())) {
            throw new AssertionError("the session id was not changed at login");
        }
        if (after == null) {
            throw new AssertionError("no session cookie after login");
        }
    }

    private static String console(WebDriver browser) {
        try {
            return browser.manage().logs().get(LogType.BROWSER).getAll().toString();
        } catch (RuntimeException e) {
            return "(unavailable: " + e.getMessage() + ")";
        }
    }

    /** Waits until some element {@code css} selects holds {@code text}, and answers it. */
    public static WebElement waitForText(WebDriver browser, int seconds, String css, String text) {
        return waitFor(
                browser,
                seconds,
                b -> b.findElements(By.cssSelector(css)).stream()
                        .filter(e -> e.getText().contains(text))
                        .findFirst()
                        .orElse(null));
    }
}
