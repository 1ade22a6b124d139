package dev.kiln.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import dev.kiln.model.api.ExecutionStatus;
import dev.kiln.model.api.Run;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run's stages as CodePipeline draws them: one box per stage in order, its actions side by side by run order,
 * each with its status, duration, agent and log; a failed stage offers a retry, a waiting approval its decision.
 */
final class StageGraph {
    /** What the graph's buttons do. */
    interface Controls {
        /** Whether the reader may act (an operator); a viewer sees no buttons. */
        boolean mayAct();

        void retry(String stage);

        void decide(String stage, boolean approved, String comment);
    }

    private StageGraph() {}

    static Div of(RunInfo info, Controls controls) {
        Div graph = new Div();
        graph.getStyle().set("display", "flex").set("flex-direction", "column").set("gap", "var(--lumo-space-s)");
        Run run = info.run();
        boolean runActive = run.active();
        boolean first = true;
        for (Run.Stage stage : run.stages()) {
            if (!first) {
                Span arrow = new Span("↓");
                arrow.getStyle().set("align-self", "center").set("color", "var(--lumo-tertiary-text-color)");
                graph.add(arrow);
            }
            first = false;
            graph.add(stage(info, stage, runActive, controls));
        }
        return graph;
    }

    private static Div stage(RunInfo info, Run.Stage stage, boolean runActive, Controls controls) {
        String name = stage.name();
        ExecutionStatus status = stage.status();
        Div box = new Div();
        box.addClassName("kiln-stage");
        box.getElement().setAttribute("data-stage", name);
        box.getStyle()
                .set("border", "1px solid var(--lumo-contrast-20pct)")
                .set("border-radius", "var(--lumo-border-radius-l)")
                .set("padding", "var(--lumo-space-s) var(--lumo-space-m)");
        Span title = new Span(name);
        title.getStyle().set("font-weight", "600");
        HorizontalLayout head = new HorizontalLayout(title, Statuses.chip(status));
        head.setAlignItems(FlexComponent.Alignment.BASELINE);
        if (status == ExecutionStatus.FAILED && !runActive && controls.mayAct() && !name.equals("Source")) {
            Button retry = new Button("Retry failed actions", e -> controls.retry(name));
            retry.addThemeVariants(ButtonVariant.LUMO_SMALL);
            head.add(retry);
        }
        box.add(head);
        Map<Integer, List<Run.Action>> byOrder = new TreeMap<>();
        stage.actions()
                .forEach(a -> byOrder.computeIfAbsent(a.runOrder(), k -> new ArrayList<>())
                        .add(a));
        for (List<Run.Action> group : byOrder.values()) {
            HorizontalLayout row = new HorizontalLayout();
            row.setWrap(true);
            row.getStyle().set("margin-top", "var(--lumo-space-s)");
            group.forEach(a -> row.add(action(info, name, a, controls)));
            box.add(row);
        }
        return box;
    }

    private static Component action(RunInfo info, String stage, Run.Action action, Controls controls) {
        String name = action.name();
        ExecutionStatus status = action.status();
        Div card = new Div();
        card.addClassName("kiln-action");
        card.getElement().setAttribute("data-action", name);
        card.getStyle()
                .set("background", "var(--lumo-contrast-5pct)")
                .set("border-radius", "var(--lumo-border-radius-m)")
                .set("padding", "var(--lumo-space-xs) var(--lumo-space-s)")
                .set("min-width", "min(14em, 100%)")
                .set("max-width", "100%")
                .set("box-sizing", "border-box")
                .set("overflow-wrap", "anywhere")
                .set("display", "flex")
                .set("flex-direction", "column")
                .set("gap", "0.2em");
        Span title = new Span(name);
        title.getStyle().set("font-weight", "600");
        Span type = small(action.type());
        Span chip = Statuses.chip(status);
        chip.getStyle().set("align-self", "flex-start");
        card.add(new HorizontalLayout(title, type), chip);
        List<String> facts = new ArrayList<>();
        info.took(stage, name).ifPresent(d -> facts.add(Durations.text(d)));
        int attempt = action.attempt();
        if (attempt > 1) {
            facts.add("attempt " + attempt);
        }
        info.job(stage, name).ifPresent(job -> {
            if (job.agent() != null && !job.agent().isEmpty()) {
                facts.add("on " + info.agentName(job.agent()));
            }
        });
        if (!facts.isEmpty()) {
            card.add(small(String.join(" · ", facts)));
        }
        String message = action.message() == null ? "" : action.message();
        if (!message.isEmpty()) {
            Span said = small(message.length() > 300 ? message.substring(0, 300) + "…" : message);
            said.getStyle().set("white-space", "pre-wrap").set("max-width", "28em");
            card.add(said);
        }
        info.job(stage, name).ifPresent(job -> {
            String base = "runs/" + info.run().id();
            HorizontalLayout links = new HorizontalLayout(new Anchor(base + "/logs/" + job.id(), "View log"));
            if (action.isTest()) {
                links.add(new Anchor(base + "/tests/" + job.id(), "Tests"));
            }
            card.add(links);
        });
        if (action.isApproval() && status == ExecutionStatus.IN_PROGRESS && controls.mayAct()) {
            card.add(decision(stage, controls));
        }
        return card;
    }

    private static Component decision(String stage, Controls controls) {
        TextField comment = new TextField();
        comment.setPlaceholder("Comment (optional)");
        comment.setMaxLength(1000);
        Button approve = new Button("Approve", e -> controls.decide(stage, true, comment.getValue()));
        approve.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SUCCESS, ButtonVariant.LUMO_SMALL);
        Button reject = new Button("Reject", e -> controls.decide(stage, false, comment.getValue()));
        reject.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
        HorizontalLayout buttons = new HorizontalLayout(approve, reject);
        Div box = new Div(comment, buttons);
        box.getStyle().set("display", "flex").set("flex-direction", "column").set("gap", "0.3em");
        return box;
    }

    private static Span small(String text) {
        Span span = new Span(text);
        span.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");
        return span;
    }
}
