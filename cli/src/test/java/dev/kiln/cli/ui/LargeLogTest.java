package dev.kiln.cli.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.cli.testing.Pages;
import dev.kiln.cli.testing.UiStack;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** A 100,000-line log opens in the browser with only the rows on screen rendered, and is searched and scrolled. */
class LargeLogTest {
    @TempDir
    Path dir;

    UiStack stack;

    @AfterEach
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void a_hundred_thousand_lines_open_and_scroll() throws Exception {
        stack = UiStack.start(dir);
        stack.remote.write(".kiln/pipeline.yml", """
                        version: 1
                        stages:
                          - name: build
                            actions:
                              - name: print
                                type: build
                                buildspec:
                                  version: 0.2
                                  phases:
                                    build:
                                      commands: ['seq 1 100000']
                        """).commitAndPush("a long log");
        JsonNode job = stack.ended("print", Duration.ofSeconds(120));
        assertThat(job.path("state").asText()).isEqualTo("Succeeded");

        stack.browser.get(stack.logPage(job));
        Pages.waitFor(
                stack.browser, 30, b -> Pages.texts(b, "span").stream().anyMatch(t -> t.matches("100,0\\d\\d lines")));
        // it opens at the end; only what is on screen is in the page
        Pages.waitForText(stack.browser, 10, ".kl", "Phase complete: FINALIZING");
        int rendered = stack.browser.findElements(By.cssSelector(".kl")).size();
        assertThat(rendered).isBetween(10, 300);

        WebElement search = stack.browser.findElement(By.cssSelector("vaadin-text-field input"));
        search.sendKeys("50000", Keys.ENTER);
        WebElement hit = Pages.waitForText(stack.browser, 10, ".kl.hl", "50000");
        assertThat(Pages.texts(stack.browser, "span")).contains("1 of 1");
        int line = Integer.parseInt(hit.getAttribute("data-line"));
        assertThat(stack.browser.findElements(By.cssSelector(".kl[data-line='" + (line - 3) + "']")))
                .isNotEmpty();
        assertThat(stack.browser.findElements(By.cssSelector(".kl"))).hasSizeLessThan(300);

        // scrolling to the top renders the first lines and drops the others
        stack.browser.executeScript("document.querySelector('vaadin-virtual-list').scrollToIndex(0)");
        Pages.waitForText(stack.browser, 10, ".kl[data-line='1']", "[Container]");
        assertThat(stack.browser.findElements(By.cssSelector(".kl[data-line='" + line + "']")))
                .isEmpty();
    }
}
