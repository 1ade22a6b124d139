package dev.kiln.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.kiln.client.ClientException;
import dev.kiln.model.api.ChangeKind;
import dev.kiln.model.api.PipelineSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Every pipeline with its latest run: status, a chip per stage, trigger, commit and age; filtered by name. */
@Route(value = "", layout = MainLayout.class)
@PageTitle("Pipelines · Kiln")
public class PipelinesView extends VerticalLayout {
    private final Grid<PipelineRow> grid = new Grid<>();
    private final Span problem = new Span();
    private final List<PipelineRow> rows = new ArrayList<>();
    private final TextField filter = new TextField();

    public PipelinesView() {
        filter.setPlaceholder("Filter by name or status");
        filter.setClearButtonVisible(true);
        filter.setValueChangeMode(ValueChangeMode.EAGER);
        filter.addValueChangeListener(e -> show());
        problem.getStyle().set("color", "var(--lumo-error-text-color)");
        grid.addColumn(PipelineRow::name).setHeader("Pipeline").setAutoWidth(true);
        grid.addComponentColumn(PipelinesView::latest).setHeader("Latest run").setAutoWidth(true);
        grid.addComponentColumn(PipelinesView::stages)
                .setHeader("Stages")
                .setAutoWidth(true)
                .setFlexGrow(3);
        grid.addColumn(PipelineRow::trigger).setHeader("Trigger").setAutoWidth(true);
        grid.addColumn(PipelineRow::commit).setHeader("Commit").setFlexGrow(2);
        grid.addColumn(PipelineRow::author).setHeader("Author").setAutoWidth(true);
        grid.addColumn(r -> age(r.started())).setHeader("Age").setAutoWidth(true);
        grid.setAllRowsVisible(true);
        add(new H1("Pipelines"), filter, problem, grid);
        load();
        Live.reload(this, change -> change.kind() == ChangeKind.RUN, this::load);
    }

    private static com.vaadin.flow.component.Component latest(PipelineRow row) {
        Span chip =
                Statuses.chip(row.status() == null ? "no runs" : row.status().wireName(), row.status());
        if (row.runId().isEmpty()) {
            return chip;
        }
        Anchor link = new Anchor("runs/" + row.runId(), chip);
        link.getElement().setAttribute("title", "open run " + row.runId());
        return link;
    }

    private void load() {
        rows.clear();
        try {
            for (PipelineSummary p : Api.current().pipelines()) {
                rows.add(PipelineRow.of(p.name(), p.latestRun()));
            }
            problem.setText("");
        } catch (UiException | ClientException e) {
            problem.setText(e.getMessage());
        }
        show();
    }

    private void show() {
        String wanted = filter.getValue().toLowerCase(Locale.ROOT).strip();
        grid.setItems(rows.stream()
                .filter(r -> wanted.isEmpty()
                        || r.name().toLowerCase(Locale.ROOT).contains(wanted)
                        || (r.status() != null
                                && r.status()
                                        .wireName()
                                        .toLowerCase(Locale.ROOT)
                                        .contains(wanted)))
                .toList());
    }

    private static Div stages(PipelineRow row) {
        Div chips = new Div();
        row.stages().forEach(s -> chips.add(Statuses.chip(s.name(), s.status())));
        return chips;
    }

    static String age(@Nullable Instant started) {
        if (started == null) {
            return "";
        }
        Duration d = Duration.between(started, Instant.now());
        if (d.toMinutes() < 1) {
            return d.toSeconds() + " s ago";
        }
        if (d.toHours() < 1) {
            return d.toMinutes() + " min ago";
        }
        return d.toDays() < 1 ? d.toHours() + " h ago" : d.toDays() + " d ago";
    }
}
