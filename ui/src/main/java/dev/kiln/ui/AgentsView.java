package dev.kiln.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.kiln.client.ClientException;
import dev.kiln.model.api.Agent;
import dev.kiln.model.api.ChangeKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The agents online: kind, labels, the jobs they run, when they were last heard from. */
@Route(value = "agents", layout = MainLayout.class)
@PageTitle("Agents · Kiln")
public class AgentsView extends VerticalLayout {
    /**
     * An agent as listed.
     *
     * @param name its name
     * @param kind {@code build} or {@code deploy}
     * @param labels its labels, comma separated
     * @param jobs its jobs now and how many it takes
     * @param lastSeen when it was last heard from
     */
    record AgentRow(String name, String kind, String labels, String jobs, Instant lastSeen) {}

    private final Grid<AgentRow> grid = new Grid<>();
    private final Span problem = new Span();

    public AgentsView() {
        grid.addColumn(AgentRow::name).setHeader("Agent").setAutoWidth(true);
        grid.addColumn(AgentRow::kind).setHeader("Kind").setAutoWidth(true);
        grid.addColumn(AgentRow::labels).setHeader("Labels").setAutoWidth(true);
        grid.addColumn(AgentRow::jobs).setHeader("Jobs").setFlexGrow(1);
        grid.addColumn(r -> PipelinesView.age(r.lastSeen()))
                .setHeader("Last heartbeat")
                .setAutoWidth(true);
        grid.setAllRowsVisible(true);
        problem.getStyle().set("color", "var(--lumo-error-text-color)");
        add(new H1("Agents"), problem, grid);
        load();
        // jobs start and end with runs' changes: the page follows them
        Live.reload(this, change -> change.kind() == ChangeKind.RUN, this::load);
    }

    private void load() {
        List<AgentRow> rows = new ArrayList<>();
        try {
            for (Agent a : Api.current().agents()) {
                List<String> jobs = a.jobs();
                rows.add(new AgentRow(
                        a.name(),
                        a.kind().wireName(),
                        String.join(", ", a.labels()),
                        jobs.size() + " of " + a.maxJobs() + (jobs.isEmpty() ? "" : ": " + jobs),
                        a.lastSeen()));
            }
        } catch (UiException | ClientException e) {
            problem.setText(e.getMessage());
        }
        grid.setItems(rows);
    }
}
