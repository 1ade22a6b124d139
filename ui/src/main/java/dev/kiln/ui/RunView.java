package dev.kiln.ui;

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
import dev.kiln.client.ClientException;
import dev.kiln.client.KilnClient;
import dev.kiln.model.api.ApprovalDecision;
import dev.kiln.model.api.ChangeKind;
import dev.kiln.model.api.ExecutionStatus;
import dev.kiln.model.api.RetryStage;
import dev.kiln.model.api.Run;
import dev.kiln.model.api.StopRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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
    record Change(String time, String where, ExecutionStatus status, String message) {}

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
        stop.addClickListener(e ->
                act("stopped", () -> Api.current().stopRun(runId, new StopRun(false, "stopped from the web UI"))));
        HorizontalLayout top = new HorizontalLayout(heading, status, stop);
        top.setAlignItems(FlexComponent.Alignment.BASELINE);
        top.setWrap(true);
        history.addColumn(Change::time).setHeader("Time").setAutoWidth(true);
        history.addColumn(Change::where).setHeader("Stage · action").setAutoWidth(true);
        history.addComponentColumn(c -> Statuses.chip(c.status()))
                .setHeader("Status")
                .setAutoWidth(true);
        history.addColumn(Change::message).setHeader("Message").setFlexGrow(1);
        history.setAllRowsVisible(true);
        graph.setWidthFull();
        add(top, commit, facts, problem, graph, new H2("History"), history);
        Live.reload(
                this, change -> change.kind() == ChangeKind.RUN && change.id().equals(runId), this::load);
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
            KilnClient api = Api.current();
            RunInfo info = new RunInfo(api.run(runId), api.jobs(runId), api.agents());
            show(info);
            problem.setText("");
        } catch (UiException | ClientException e) {
            problem.setText(e.getMessage());
        }
    }

    private void show(RunInfo info) {
        Run run = info.run();
        String pipeline = run.pipeline();
        String state = run.status().wireName();
        heading.setText(pipeline + " · run " + runId);
        title = pipeline + " · run " + runId + " · " + state + " · Kiln";
        getUI().ifPresent(ui -> ui.getPage().setTitle(title));
        status.removeAll();
        status.add(Statuses.chip(run.status()));
        stop.setVisible(run.status() == ExecutionStatus.IN_PROGRESS && Access.mayOperate());
        String revision = run.sourceRevision();
        String titleLine = Objects.requireNonNullElse(run.commitTitle(), "");
        String author = Objects.requireNonNullElse(run.author(), "");
        commit.setText((revision.length() > 10 ? revision.substring(0, 10) : revision)
                + (titleLine.isEmpty() ? "" : " " + titleLine)
                + (author.isEmpty() ? "" : " — " + author));
        List<String> said = new ArrayList<>();
        said.add("triggered by " + run.trigger().wireName());
        if (run.ref() != null && !run.ref().isEmpty()) {
            said.add(run.ref());
        }
        said.add("started " + PipelinesView.age(run.startTime()));
        said.add((run.endTime() == null ? "running for " : "took ") + Durations.text(info.took()));
        String message = Objects.requireNonNullElse(run.message(), "");
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
                act("retrying " + stage, () -> Api.current().retry(runId, new RetryStage(stage, false)));
            }

            @Override
            public void decide(String stage, boolean approved, String comment) {
                act(
                        (approved ? "approved " : "rejected ") + stage,
                        () -> Api.current().decide(runId, new ApprovalDecision(stage, approved, comment)));
            }
        }));
        List<Change> changes = new ArrayList<>();
        for (Run.StatusChange c : run.history() == null ? List.<Run.StatusChange>of() : run.history()) {
            String stage = Objects.requireNonNullElse(c.stage(), "");
            String action = Objects.requireNonNullElse(c.action(), "");
            changes.add(new Change(
                    c.time().toString().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z"),
                    stage.isEmpty() ? "run" : action.isEmpty() ? stage : stage + " · " + action,
                    c.status(),
                    Objects.requireNonNullElse(c.message(), "")));
        }
        history.setItems(changes);
    }

    private void act(String done, Runnable call) {
        try {
            call.run();
            Notification.show(done, 3000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            load();
        } catch (UiException | ClientException e) {
            Notification.show(e.getMessage(), 8000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }
}
