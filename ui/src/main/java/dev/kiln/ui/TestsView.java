package dev.kiln.ui;

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
import dev.kiln.client.ClientException;
import dev.kiln.client.KilnClient;
import dev.kiln.model.api.Job;
import dev.kiln.model.build.CodeCoverage;
import dev.kiln.model.build.Report;
import dev.kiln.model.build.TestCase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

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
            KilnClient api = Api.current();
            String name = job;
            for (Job j : api.jobs(run)) {
                if (j.id().equals(job)) {
                    name = j.stage() + " · " + j.action();
                }
            }
            heading.setText(name + " · tests");
            title = name + " · tests · run " + run + " · Kiln";
            List<Report> found = api.reports(job);
            if (found.isEmpty()) {
                reports.add(new Span("This action made no reports: list its test result files under reports: in its"
                        + " buildspec."));
            }
            for (Report report : found) {
                reports.add(report.isCoverage() ? coverage(report) : tests(report));
            }
            problem.setText("");
        } catch (UiException | ClientException e) {
            problem.setText(e.getMessage());
        }
    }

    private static Div tests(Report report) {
        String summary = String.format(
                Locale.ROOT,
                "%d passed · %d failed · %d skipped · %d in all · %s",
                report.passedCount(),
                report.failedCount(),
                report.skippedCount(),
                report.total(),
                Durations.text(Duration.ofNanos(report.durationInNanoSeconds())));
        Div box = section(report, summary);
        List<Case> failing = new ArrayList<>();
        for (TestCase c : report.testCases()) {
            if (c.failed()) {
                String prefix = Objects.requireNonNullElse(c.prefix(), "");
                failing.add(new Case(
                        (prefix.isEmpty() ? "" : prefix + " › ") + c.name(),
                        c.status(),
                        Objects.requireNonNullElse(c.message(), "")));
            }
        }
        for (Case c : failing) {
            Span name = new Span(c.name());
            name.getStyle().set("font-weight", "600");
            HorizontalLayout head =
                    new HorizontalLayout(Statuses.chip(c.status(), Statuses.Tone.ERROR, c.status()), name);
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
        for (String warning : report.warnings()) {
            box.add(new Span("⚠ " + warning));
        }
        return box;
    }

    private static Div coverage(Report report) {
        CodeCoverage sum =
                report.codeCoverageSummary() == null ? new CodeCoverage("", 0, 0, 0, 0) : report.codeCoverageSummary();
        long lines = sum.linesCovered() + sum.linesMissed();
        long branches = sum.branchesCovered() + sum.branchesMissed();
        return section(
                report,
                String.format(
                        Locale.ROOT,
                        "lines %.1f%% (%d of %d) · branches %.1f%% (%d of %d)",
                        percent(sum.linesCovered(), lines),
                        sum.linesCovered(),
                        lines,
                        percent(sum.branchesCovered(), branches),
                        sum.branchesCovered(),
                        branches));
    }

    private static Div section(Report report, String summary) {
        String status = report.status();
        Statuses.Tone tone =
                report.succeeded() ? Statuses.Tone.SUCCESS : report.failed() ? Statuses.Tone.ERROR : Statuses.Tone.NONE;
        H3 name = new H3(report.name());
        HorizontalLayout head = new HorizontalLayout(name, Statuses.chip(status, tone, status));
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
