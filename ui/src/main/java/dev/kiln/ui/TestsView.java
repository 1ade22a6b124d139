package dev.kiln.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A build job's test reports at {@code /runs/<run>/tests/<job>}: per report its status and passed, failed and skipped
 * counts, and the failing cases with their messages; coverage reports as their line and branch percentages.
 */
@Route(value = "runs/:run/tests/:job", layout = MainLayout.class)
public class TestsView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {
    /**
     * A failing case.
     *
     * @param name its prefix and name
     * @param status FAILED or ERROR
     * @param message what it said
     */
    record Case(String name, String status, String message) {}

    private final Anchor back = new Anchor();
    private final H2 heading = new H2();
    private final Span problem = new Span();
    private final Div reports = new Div();
    private String title = "Tests · Kiln";

    public TestsView() {
        problem.getStyle().set("color", "var(--lumo-error-text-color)");
        reports.setWidthFull();
        add(back, heading, problem, reports);
    }

    @Override
    public String getPageTitle() {
        return title;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (Access.current().isEmpty()) {
            return;
        }
        String run = event.getRouteParameters().get("run").orElse("");
        String job = event.getRouteParameters().get("job").orElse("");
        back.setHref("runs/" + run);
        back.setText("← Run " + run);
        reports.removeAll();
        try {
            KilnApi api = KilnApi.current();
            String name = job;
            for (JsonNode j : api.get("/api/v1/runs/" + run + "/jobs")) {
                if (j.path("id").asText().equals(job)) {
                    name = j.path("stage").asText() + " · " + j.path("action").asText();
                }
            }
            heading.setText(name + " · tests");
            title = name + " · tests · run " + run + " · Kiln";
            JsonNode found = api.get("/api/v1/jobs/" + job + "/reports");
            if (found.isEmpty()) {
                reports.add(new Span("This action made no reports: list its test result files under reports: in its"
                        + " buildspec."));
            }
            for (JsonNode report : found) {
                reports.add(report.path("type").asText().equals("CODE_COVERAGE") ? coverage(report) : tests(report));
            }
            problem.setText("");
        } catch (UiException e) {
            problem.setText(e.getMessage());
        }
    }

    private static Div tests(JsonNode report) {
        JsonNode counts = report.path("statusCounts");
        int failed = counts.path("FAILED").asInt() + counts.path("ERROR").asInt();
        String summary = String.format(
                Locale.ROOT,
                "%d passed · %d failed · %d skipped · %d in all · %s",
                counts.path("SUCCEEDED").asInt(),
                failed,
                counts.path("SKIPPED").asInt(),
                report.path("total").asInt(),
                Durations.text(
                        Duration.ofNanos(report.path("durationInNanoSeconds").asLong())));
        Div box = section(report, summary);
        List<Case> failing = new ArrayList<>();
        for (JsonNode c : report.path("testCases")) {
            String status = c.path("status").asText();
            if (status.equals("FAILED") || status.equals("ERROR")) {
                String prefix = c.path("prefix").asText("");
                failing.add(new Case(
                        (prefix.isEmpty() ? "" : prefix + " › ")
                                + c.path("name").asText(),
                        status,
                        c.path("message").asText("")));
            }
        }
        for (Case c : failing) {
            Span name = new Span(c.name());
            name.getStyle().set("font-weight", "600");
            HorizontalLayout head = new HorizontalLayout(Statuses.chip(c.status(), "Failed"), name);
            head.setAlignItems(FlexComponent.Alignment.BASELINE);
            Span message = new Span(c.message());
            message.addClassName("kiln-case-message");
            message.getStyle()
                    .set("white-space", "pre-wrap")
                    .set("font-family", "var(--lumo-font-family-monospace, monospace)")
                    .set("font-size", "var(--lumo-font-size-s)");
            Div item = new Div(head, message);
            item.addClassName("kiln-case");
            item.getStyle()
                    .set("border-left", "3px solid var(--lumo-error-color)")
                    .set("padding", "var(--lumo-space-xs) var(--lumo-space-s)")
                    .set("margin", "var(--lumo-space-s) 0")
                    .set("display", "flex")
                    .set("flex-direction", "column");
            box.add(item);
        }
        for (JsonNode warning : report.path("warnings")) {
            box.add(new Span("⚠ " + warning.asText()));
        }
        return box;
    }

    private static Div coverage(JsonNode report) {
        JsonNode sum = report.path("codeCoverageSummary");
        long lines = sum.path("linesCovered").asLong() + sum.path("linesMissed").asLong();
        long branches = sum.path("branchesCovered").asLong()
                + sum.path("branchesMissed").asLong();
        return section(
                report,
                String.format(
                        Locale.ROOT,
                        "lines %.1f%% (%d of %d) · branches %.1f%% (%d of %d)",
                        percent(sum.path("linesCovered").asLong(), lines),
                        sum.path("linesCovered").asLong(),
                        lines,
                        percent(sum.path("branchesCovered").asLong(), branches),
                        sum.path("branchesCovered").asLong(),
                        branches));
    }

    private static Div section(JsonNode report, String summary) {
        String status = report.path("status").asText();
        String tone = status.equals("SUCCEEDED") ? "Succeeded" : status.equals("FAILED") ? "Failed" : "";
        H3 name = new H3(report.path("name").asText());
        HorizontalLayout head = new HorizontalLayout(name, Statuses.chip(status, tone));
        head.setAlignItems(FlexComponent.Alignment.BASELINE);
        Span counts = new Span(summary);
        counts.addClassName("kiln-report-summary");
        Div box = new Div(head, counts);
        box.addClassName("kiln-report");
        box.getStyle().set("margin-bottom", "var(--lumo-space-l)");
        return box;
    }

    private static double percent(long part, long whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }
}
