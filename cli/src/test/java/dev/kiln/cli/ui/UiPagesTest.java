package dev.kiln.cli.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.cli.testing.Api;
import dev.kiln.cli.testing.Pages;
import dev.kiln.cli.testing.Runs;
import dev.kiln.cli.testing.UiStack;
import dev.kiln.model.api.Role;
import dev.kiln.orchestrator.server.KilnServer;
import dev.kiln.ui.UiServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI's pages in chromium against a real orchestrator, agent, database and git repository: one stack for the
 * class (a browser, a UI server, an orchestrator and an agent cost about a minute of CPU to start), each test pushing
 * its own pipeline to the stack's repository and finding its own run.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UiPagesTest {
    private static final String HOSTILE_COMMIT = "<img src=x onerror=\"window.kilnPwned=1\"> fix the build";
    private static final String HOSTILE_LINE = "<script>window.kilnPwned=2</script><b>not bold</b>";

    @TempDir
    static Path dir;

    static UiStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = UiStack.start(dir);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    /** The Pipelines page (a pushed pipeline's latest run, a chip per stage), then the Agents page. */
    @Test
    @Order(1)
    void lists_each_pipeline_with_its_latest_run_and_stages_then_the_agents() throws Exception {
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

    /** The Run and Log pages: a pushed run turns up and moves on in an open page without reloading, its approval is
     * decided in the page, the failing action's log is searched for its error line, a line link opens on that line, and
     * hostile text in a commit message and a log line shows as text. */
    @Test
    @Order(2)
    void a_run_is_watched_approved_and_its_failing_log_searched_in_the_browser() throws Exception {
        ChromeDriver browser = stack.browser;
        Api api = stack.api;
        KilnServer server = stack.server;
        UiServer ui = stack.ui;
        server.addUser("vic", "a viewer's passphrase", Role.VIEWER);
        // the Pipelines page is open before the push
        browser.get(ui.url().toString());
        Pages.waitForText(browser, 30, "h1", "Pipelines");

        String commit = stack.remote
                .write(".kiln/pipeline.yml", """
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
                                      commands:
                                        - printf '\\033[1;32mcompiled\\033[0m in green\\n'
                                        - echo '%s'
                          - name: approve
                            actions:
                              - name: release-ok
                                type: approval
                          - name: test
                            actions:
                              - name: unit
                                type: test
                                buildspec:
                                  version: 0.2
                                  phases:
                                    build:
                                      commands:
                                        - mkdir -p out
                                        - echo '<testsuite name="cart" tests="3"><testcase classname="shop.Cart" name="adds"/><testcase classname="shop.Cart" name="totals"><failure message="expected 3 &lt;b&gt;items&lt;/b&gt; but was 4">at Cart.total</failure></testcase><testcase classname="shop.Cart" name="later"><skipped/></testcase></testsuite>' > out/TEST-cart.xml
                                        - seq 1 300
                                        - "echo 'ERROR: 3 tests failed'"
                                        - 'false'
                                  reports:
                                    unit-tests:
                                      files: ['out/TEST-*.xml']
                        """.formatted(HOSTILE_LINE))
                .commitAndPush(HOSTILE_COMMIT);

        // the open Pipelines page shows the pushed run reach its approval, without a reload
        // (the page redraws its rows as the run moves on: each read and click is retried on a redrawn row)
        String latest = Pages.waitFor(
                browser,
                90,
                b -> Pages.texts(b, "vaadin-grid-cell-content").stream()
                        .filter(t -> t.contains("● approve"))
                        .findFirst()
                        .orElse(null));
        assertThat(latest).contains("✓ build");
        Pages.waitFor(browser, 10, b -> {
            b.findElement(By.cssSelector("vaadin-grid-cell-content a")).click();
            return true;
        });

        // the Run page: the stage graph, the commit as text, then the approval decided in the page
        Pages.waitForText(browser, 30, ".kiln-stage", "release-ok");
        assertThat(browser.getCurrentUrl()).matches(".*/runs/[^/]+$");
        assertThat(browser.getTitle()).contains("shop · run").contains("InProgress");
        assertThat(browser.findElement(By.tagName("body")).getText()).contains(HOSTILE_COMMIT);
        assertThat(Pages.texts(browser, ".kiln-stage[data-stage=build]").get(0)).contains("✓ Succeeded");
        WebElement approval = browser.findElement(By.cssSelector(".kiln-action[data-action=release-ok]"));
        approval.findElement(By.tagName("input")).sendKeys("looks good");
        approval.findElement(By.xpath(".//vaadin-button[contains(., 'Approve')]"))
                .click();
        Pages.waitFor(
                browser,
                90,
                b -> Pages.texts(b, ".kiln-stage[data-stage=test]").stream().anyMatch(t -> t.contains("✗ Failed")));
        assertThat(Pages.texts(browser, "vaadin-grid-cell-content"))
                .anyMatch(t -> t.contains("approved by olga: looks good"));
        String runPage = browser.getCurrentUrl();
        assertThat(Pages.texts(browser, "vaadin-button")).contains("Retry failed actions");

        // the failing action's tests, from its report
        Pages.click(
                browser,
                browser.findElement(By.cssSelector(".kiln-action[data-action=unit]"))
                        .findElement(By.linkText("Tests")));
        WebElement summary = Pages.waitForText(browser, 30, ".kiln-report-summary", "passed");
        assertThat(summary.getText()).startsWith("1 passed · 1 failed · 1 skipped · 3 in all");
        WebElement failing = Pages.waitForText(browser, 10, ".kiln-case", "shop.Cart › totals");
        assertThat(failing.getText()).contains("expected 3 <b>items</b> but was 4");
        assertThat(Pages.texts(browser, ".kiln-case")).hasSize(1);
        browser.navigate().back();
        Pages.waitForText(browser, 30, ".kiln-stage", "release-ok");

        // the failing action's log, searched for its error line
        Pages.click(
                browser,
                browser.findElement(By.cssSelector(".kiln-action[data-action=unit]"))
                        .findElement(By.linkText("View log")));
        // it opens at the end, where a failed build's error is
        Pages.waitForText(browser, 30, ".kl", "Phase complete: BUILD State: FAILED");
        assertThat(browser.getTitle()).contains("test · unit · log");
        WebElement search = browser.findElement(By.cssSelector("vaadin-text-field input"));
        search.sendKeys("error: 3", Keys.ENTER);
        WebElement hit = Pages.waitForText(browser, 10, ".kl.hl", "ERROR: 3 tests failed");
        assertThat(hit.isDisplayed()).isTrue();
        // the command line and its output
        assertThat(Pages.texts(browser, "span")).anyMatch(t -> t.matches("[12] of 2"));
        search.sendKeys(Keys.chord(Keys.CONTROL, "a"), "entering phase build", Keys.ENTER);
        WebElement phase = Pages.waitForText(browser, 10, ".kl.kh.hl", "Entering phase BUILD");
        assertThat(phase.getText()).contains("▼ BUILD · FAILED ·");
        phase.findElement(By.cssSelector("button.kp")).click();
        Pages.waitForText(browser, 10, ".kl.kh", "▶ BUILD · FAILED");
        assertThat(Pages.texts(browser, ".kl")).noneMatch(t -> t.contains("ERROR: 3 tests failed"));

        // the build's log: colours as classes, hostile text as text, and a link to one line
        JsonNode run = Runs.ended(api, commit, Duration.ofSeconds(30));
        String buildJob = null;
        for (JsonNode job :
                api.get("/api/v1/runs/" + run.path("id").asText() + "/jobs").body()) {
            if (job.path("action").asText().equals("compile")) {
                buildJob = job.path("id").asText();
            }
        }
        browser.get(ui.url() + "runs/" + run.path("id").asText() + "/logs/" + buildJob);
        WebElement hostile = Pages.waitForText(browser, 30, ".kl", "<script>");
        assertThat(hostile.getText()).contains(HOSTILE_LINE);
        assertThat(hostile.findElements(By.tagName("b"))).isEmpty();
        WebElement green = Pages.waitForText(browser, 10, ".kl", "compiled in green");
        assertThat(green.findElement(By.cssSelector(".af32")).getText()).isEqualTo("compiled");
        assertThat(green.getText()).doesNotContain("[1;32m");
        String number = green.getAttribute("data-line");
        green.findElement(By.cssSelector("a.kn")).click();
        Pages.waitFor(browser, 10, b -> b.getCurrentUrl().endsWith("?line=" + number));
        Pages.waitForText(browser, 10, ".kl.hl", "compiled in green");
        assertThat(browser.executeScript("return window.kilnPwned === undefined"))
                .isEqualTo(true);
    }

    /** A 100,000-line log opens with only the rows on screen rendered, and is searched and scrolled. */
    @Test
    @Order(3)
    void a_hundred_thousand_lines_open_and_scroll() throws Exception {
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
