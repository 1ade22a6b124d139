package dev.kiln.cli.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.cli.testing.Runs;
import dev.kiln.cli.testing.UiStack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The Pipelines page in chromium (a pushed pipeline's latest run, a chip per stage), then the Agents page. */
class PipelinesPageTest {
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
    void lists_each_pipeline_with_its_latest_run_and_stages_then_the_agents() throws Exception {
        stack = UiStack.start(dir);
        ChromeDriver browser = stack.browser;
        String commit = stack.remote.write(".kiln/pipeline.yml", """
                        version: 1
                        stages:
                          - name: build
                            actions:
                              - name: compile
                                type: build
                                buildspec:
                                  version: 0.2
                                  phases:
                                    build:
                                      commands: [echo compiled]
                          - name: test
                            actions:
                              - name: unit
                                type: test
                                buildspec:
                                  version: 0.2
                                  phases:
                                    build:
                                      commands: ['false']
                        """).commitAndPush("a pipeline that fails its tests");
        JsonNode run = Runs.ended(stack.api, commit, Duration.ofSeconds(90));
        browser.get(stack.ui.url().toString());
        List<String> cells = new WebDriverWait(browser, Duration.ofSeconds(30))
                .ignoring(StaleElementReferenceException.class)
                .until(b -> {
                    List<String> texts = b.findElements(By.tagName("vaadin-grid-cell-content")).stream()
                            .map(WebElement::getText)
                            .toList();
                    return texts.contains("shop") ? texts : null;
                });

        assertThat(run.path("status").asText()).isEqualTo("Failed");
        assertThat(browser.getTitle()).isEqualTo("Pipelines · Kiln");
        assertThat(cells).contains("shop", "✗ Failed", commit.substring(0, 10) + " a pipeline that fails its tests");
        assertThat(String.join("|", cells)).contains("✓ Source", "✓ build", "✗ test");

        browser.findElement(By.linkText("Agents")).click();
        List<String> agents = new WebDriverWait(browser, Duration.ofSeconds(30))
                .ignoring(StaleElementReferenceException.class)
                .until(b -> {
                    List<String> texts = b.findElements(By.tagName("vaadin-grid-cell-content")).stream()
                            .map(WebElement::getText)
                            .toList();
                    return texts.contains("build") ? texts : null;
                });
        assertThat(browser.getTitle()).isEqualTo("Agents · Kiln");
        assertThat(browser.getCurrentUrl()).endsWith("/agents");
        assertThat(agents).contains("build", "0 of 1");
    }
}
