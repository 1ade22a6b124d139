package dev.kiln.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One run at {@code /runs/<id>}: its commit and trigger, the stage graph, buttons to stop it, retry a failed stage
 * and decide an approval, and its history of status changes. Live: each change to the run reloads it.
 */
@Route(value = "runs/:id", layout = MainLayout.class)
public class RunView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {
    /**
     * A status change as the history lists it.
     *
     * @param time when
     * @param where the stage and action, or "run"
     * @param status the new status
     * @param message why
     */
    record Change(String time, String where, String status, String message) {}

    private final H1 heading = new H1();
    private final Span status = new Span();
    private final Span commit = new Span();
    private final Span facts = new Span();
    private final Span problem = new Span();
    private final Button stop = new Button("Stop run");
    private final Div graph = new Div();
    private final Grid<Change> history = new Grid<>();
    private String runId = "";
    private String title = "Run · Kiln";

    public RunView() {
        problem.getStyle().set("color", "var(--lumo-error-text-color)");
        facts.getStyle().set("color", "var(--lumo-secondary-text-color)");
        stop.addThemeVariants(ButtonVariant.LUMO_ERROR);
        stop.addClickListener(e -> act(
                "stopped",
                () -> KilnApi.current()
                        .post("/api/v1/runs/" + runId + "/stop", Map.of("reason", "stopped from the web UI"))));
        HorizontalLayout top = new HorizontalLayout(heading, status, stop);
        top.setAlignItems(FlexComponent.Alignment.BASELINE);
        top.setWrap(true);
        history.addColumn(Change::time).setHeader("Time").setAutoWidth(true);
        history.addColumn(Change::where).setHeader("Stage · action").setAutoWidth(true);
        history.addComponentColumn(c -> Statuses.chip(c.status(), c.status()))
                .setHeader("Status")
                .setAutoWidth(true);
        history.addColumn(Change::message).setHeader("Message").setFlexGrow(1);
        history.setAllRowsVisible(true);
        graph.setWidthFull();
        add(top, commit, facts, problem, graph, new H2("History"), history);
        Live.reload(
                this,
                change -> change.path("kind").asText().equals("run")
                        && change.path("id").asText().equals(runId),
                this::load);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        runId = event.getRouteParameters().get("id").orElse("");
        if (Access.current().isPresent()) {
            load();
        }
    }

    @Override
    public String getPageTitle() {
        return title;
    }

    private void load() {
        try {
            KilnApi api = KilnApi.current();
            JsonNode run = api.get("/api/v1/runs/" + runId);
            RunInfo info = new RunInfo(run, api.get("/api/v1/runs/" + runId + "/jobs"), api.get("/api/v1/agents"));
            show(info);
            problem.setText("");
        } catch (UiException e) {
            problem.setText(e.getMessage());
        }
    }

    private void show(RunInfo info) {
        JsonNode run = info.run();
        String pipeline = run.path("pipeline").asText();
        String state = run.path("status").asText();
        heading.setText(pipeline + " · run " + runId);
        title = pipeline + " · run " + runId + " · " + state + " · Kiln";
        getUI().ifPresent(ui -> ui.getPage().setTitle(title));
        status.removeAll();
        status.add(Statuses.chip(state, state));
        stop.setVisible(state.equals("InProgress") && Access.mayOperate());
        String revision = run.path("sourceRevision").asText();
        String titleLine = StageGraph.text(run.path("commitTitle"));
        String author = StageGraph.text(run.path("author"));
        commit.setText((revision.length() > 10 ? revision.substring(0, 10) : revision)
                + (titleLine.isEmpty() ? "" : " " + titleLine)
                + (author.isEmpty() ? "" : " — " + author));
        List<String> said = new ArrayList<>();
        said.add("triggered by " + run.path("trigger").asText());
        String ref = StageGraph.text(run.path("ref"));
        if (!ref.isEmpty()) {
            said.add(ref);
        }
        said.add("started " + PipelinesView.age(RunInfo.instant(run.path("startTime"))));
        said.add((run.path("endTime").isNull() ? "running for " : "took ") + Durations.text(info.took()));
        String message = run.path("message").asText("");
        if (!message.isEmpty()) {
            said.add(message);
        }
        facts.setText(String.join(" · ", said));
        graph.removeAll();
        graph.add(StageGraph.of(info, new StageGraph.Controls() {
            @Override
            public boolean mayAct() {
                return Access.mayOperate();
            }

            @Override
            public void retry(String stage) {
                act(
                        "retrying " + stage,
                        () -> KilnApi.current()
                                .post("/api/v1/runs/" + runId + "/retry", Map.of("stage", stage, "allActions", false)));
            }

            @Override
            public void decide(String stage, boolean approved, String comment) {
                act(
                        (approved ? "approved " : "rejected ") + stage,
                        () -> KilnApi.current()
                                .post(
                                        "/api/v1/runs/" + runId + "/approval",
                                        Map.of("stage", stage, "approved", approved, "comment", comment)));
            }
        }));
        List<Change> changes = new ArrayList<>();
        for (JsonNode c : run.path("history")) {
            String stage = StageGraph.text(c.path("stage"));
            String action = StageGraph.text(c.path("action"));
            changes.add(new Change(
                    c.path("time").asText().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z"),
                    stage.isEmpty() ? "run" : action.isEmpty() ? stage : stage + " · " + action,
                    c.path("status").asText(),
                    c.path("message").asText("")));
        }
        history.setItems(changes);
    }

    private void act(String done, Runnable call) {
        try {
            call.run();
            Notification.show(done, 3000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            load();
        } catch (UiException e) {
            Notification.show(e.getMessage(), 8000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }
}
