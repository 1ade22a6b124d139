package dev.kiln.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.cli.testing.Pages;
import dev.kiln.cli.testing.UiStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The web UI's two figures, measured in chromium against a real stack ({@code bench/ui.sh} runs it and prints them):
 * how long after a build container prints a line it is on screen in an open Log page (the line carries its print
 * time; the page notes when its row appears), and how long a 100,000-line log takes to open.
 */
@EnabledIfSystemProperty(named = "kiln.bench", matches = "ui")
class UiBench {
    private static final int MARKS = 30;
    private static final int OPENS = 5;
    private static final String OBSERVE = "window.__marks = {};"
            + "const list = document.querySelector('vaadin-virtual-list');"
            + "new MutationObserver(() => { const now = Date.now();"
            + " for (const row of list.querySelectorAll('.kl')) {"
            + "  const m = /MARK (\\d+) (\\d{13})/.exec(row.textContent);"
            + "  if (m && !(m[1] in window.__marks)) { window.__marks[m[1]] = [Number(m[2]), now]; } } })"
            + ".observe(list, {subtree: true, childList: true, characterData: true});";

    private static final String OBSERVE_STAGES = "window.__stages = {};"
            + "new MutationObserver(() => { const now = Date.now();"
            + " for (const box of document.querySelectorAll('.kiln-stage')) {"
            + "  const chip = box.querySelector('[data-status]');"
            + "  const key = box.dataset.stage + ' ' + (chip ? chip.dataset.status : '');"
            + "  if (!(key in window.__stages)) { window.__stages[key] = now; } } })"
            + ".observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true});";

    @TempDir
    Path dir;

    /**
     * A second run watched on its Run page: for each stage status change the page shows, the time it showed minus
     * the time the orchestrator recorded it (the run's history).
     */
    private static List<Long> statusChanges(UiStack stack) throws Exception {
        stack.remote.write("README.md", "# shop, again\n").commitAndPush("run again");
        JsonNode run = dev.kiln.cli.testing.Waits.until(Duration.ofSeconds(60), "run 2", () -> {
            JsonNode runs = stack.api.get("/api/v1/runs?limit=1").body();
            return runs.isEmpty() || runs.get(0).path("id").asText().equals("1") ? null : runs.get(0);
        });
        String id = run.path("id").asText();
        stack.browser.get(stack.ui.url() + "runs/" + id);
        Pages.waitForText(stack.browser, 30, ".kiln-stage", "live");
        stack.browser.executeScript(OBSERVE_STAGES);
        JsonNode ended = dev.kiln.cli.testing.Waits.until(Duration.ofSeconds(120), "run " + id + " to end", () -> {
            JsonNode r = stack.api.get("/api/v1/runs/" + id).body();
            return r.path("endTime").isNull() ? null : r;
        });
        Thread.sleep(2000);
        @SuppressWarnings("unchecked")
        Map<String, Number> seen = (Map<String, Number>) stack.browser.executeScript("return window.__stages");
        List<Long> delays = new ArrayList<>();
        for (JsonNode change : ended.path("history")) {
            if (change.path("stage").isNull() || !change.path("action").isNull()) {
                continue;
            }
            Number shown = seen.get(
                    change.path("stage").asText() + " " + change.path("status").asText());
            if (shown != null) {
                delays.add(shown.longValue()
                        - java.time.Instant.parse(change.path("time").asText()).toEpochMilli());
            }
        }
        Collections.sort(delays);
        return delays;
    }

    @Test
    void measure() throws Exception {
        try (UiStack stack = UiStack.start(dir)) {
            stack.remote.write(".kiln/pipeline.yml", """
                            version: 1
                            stages:
                              - name: live
                                actions:
                                  - name: marks
                                    type: build
                                    buildspec:
                                      version: 0.2
                                      phases:
                                        build:
                                          commands:
                                            - sleep 8
                                            - for i in $(seq 1 %d); do echo "MARK $i $(date +%%s%%3N)"; sleep 0.25; done
                              - name: long
                                actions:
                                  - name: print
                                    type: build
                                    buildspec:
                                      version: 0.2
                                      phases:
                                        build:
                                          commands: ['seq 1 100000']
                            """.formatted(MARKS)).commitAndPush("bench");
            JsonNode marks = stack.job("marks", Duration.ofSeconds(60));
            stack.browser.get(stack.logPage(marks));
            Pages.waitForText(stack.browser, 30, ".kl", "Running command sleep 8");
            stack.browser.executeScript(OBSERVE);
            Pages.waitFor(
                    stack.browser,
                    60,
                    b -> ((Number) stack.browser.executeScript("return Object.keys(window.__marks).length")).intValue()
                            >= MARKS);
            @SuppressWarnings("unchecked")
            Map<String, List<Number>> seen =
                    (Map<String, List<Number>>) stack.browser.executeScript("return window.__marks");
            List<Long> delays = new ArrayList<>();
            seen.values()
                    .forEach(pair ->
                            delays.add(pair.get(1).longValue() - pair.get(0).longValue()));
            Collections.sort(delays);

            JsonNode print = stack.ended("print", Duration.ofSeconds(120));
            List<Long> opens = new ArrayList<>();
            int rendered = 0;
            for (int i = 0; i < OPENS; i++) {
                stack.browser.get("about:blank");
                long start = System.nanoTime();
                stack.browser.get(stack.logPage(print));
                Pages.waitFor(
                        stack.browser,
                        30,
                        b -> b.findElements(By.cssSelector(".kl")).stream()
                                .anyMatch(e -> e.getText().contains("Phase complete: FINALIZING")));
                opens.add((System.nanoTime() - start) / 1_000_000);
                rendered = stack.browser.findElements(By.cssSelector(".kl")).size();
            }
            Collections.sort(opens);

            List<Long> changes = statusChanges(stack);

            ObjectNode out = new ObjectMapper().createObjectNode();
            out.put("printToVisibleMillisMedian", delays.get(delays.size() / 2));
            out.put("printToVisibleMillisMin", delays.get(0));
            out.put("printToVisibleMillisMax", delays.get(delays.size() - 1));
            out.put("lines", delays.size());
            out.put("open100kMillisMedian", opens.get(opens.size() / 2));
            out.putPOJO("open100kMillis", opens);
            out.put("rowsInPage", rendered);
            out.put("statusChangeToVisibleMillisMedian", changes.get(changes.size() / 2));
            out.putPOJO("statusChangeToVisibleMillis", changes);
            String file =
                    System.getProperty("kiln.bench.out", dir.resolve("ui.json").toString());
            Files.writeString(Path.of(file), out.toPrettyString() + "\n");
        }
    }
}
