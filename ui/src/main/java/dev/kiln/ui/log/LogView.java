package dev.kiln.ui.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.virtuallist.VirtualList;
import com.vaadin.flow.data.provider.ListDataProvider;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import dev.kiln.client.ClientException;
import dev.kiln.client.KilnClient;
import dev.kiln.client.ServerEvents;
import dev.kiln.model.api.Job;
import dev.kiln.ui.Access;
import dev.kiln.ui.Api;
import dev.kiln.ui.Durations;
import dev.kiln.ui.MainLayout;
import dev.kiln.ui.Statuses;
import dev.kiln.ui.UiException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * A job's log at {@code /runs/<run>/logs/<job>}: live while the job runs (following the end unless the reader
 * scrolled up), only the rows on screen rendered, CodeBuild's phases as foldable sections with their durations, ANSI
 * colours, search, a link to each line ({@code ?line=N}) and the raw log to download.
 */
@Route(value = "runs/:run/logs/:job", layout = MainLayout.class)
public class LogView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROW = "<div class=\"kl ${item.c}\" data-line=\"${item.n}\">"
            + "<a class=\"kn\" href=\"${item.h}\">${item.n}</a>"
            + "${item.p ? html`<button class=\"kp\" @click=${toggle}>${item.p}</button>` : ''}"
            + "<span class=\"kt\">${item.s ? JSON.parse(item.s).map(r => html`<span class=\"${r[0]}\">${r[1]}</span>`) : ''}"
            + "</span></div>";

    private @Nullable KilnClient api;
    private final LogModel model = new LogModel();
    private final ListDataProvider<Integer> rows = new ListDataProvider<>(model.shown());
    private final VirtualList<Integer> list = new VirtualList<>();
    private final H2 heading = new H2();
    private final Span status = new Span();
    private final Span counts = new Span();
    private final Span problem = new Span();
    private final TextField search = new TextField();
    private final Span matchesText = new Span();
    private final Anchor back = new Anchor();
    private final Anchor download = new Anchor();
    private final List<String> pending = new ArrayList<>();
    private List<Integer> matches = List.of();
    private int match = -1;
    private int target = -1;
    private String runId = "";
    private String jobId = "";
    private String title = "Log · Kiln";
    private volatile boolean ended;
    private boolean drainQueued;
    private @Nullable ServerEvents stream;

    public LogView() {
        setSizeFull();
        problem.getStyle().set("color", "var(--lumo-error-text-color)");
        counts.getStyle().set("color", "var(--lumo-secondary-text-color)");
        search.setPlaceholder("Search the log");
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(e -> find(e.getValue()));
        search.addKeyPressListener(Key.ENTER, e -> step(1));
        Button previous = new Button("↑", e -> step(-1));
        previous.getElement().setAttribute("aria-label", "previous match");
        Button next = new Button("↓", e -> step(1));
        next.getElement().setAttribute("aria-label", "next match");
        download.setText("Download raw log");
        HorizontalLayout tools = new HorizontalLayout(search, previous, next, matchesText, download, counts);
        tools.setAlignItems(FlexComponent.Alignment.BASELINE);
        tools.setWrap(true);
        HorizontalLayout top = new HorizontalLayout(heading, status);
        top.setAlignItems(FlexComponent.Alignment.BASELINE);
        list.setRenderer(LitRenderer.<Integer>of(ROW)
                .withProperty("n", i -> i + 1)
                .withProperty("h", i -> "runs/" + runId + "/logs/" + jobId + "?line=" + (i + 1))
                .withProperty("c", this::classes)
                .withProperty("p", i -> model.headerAt(i).map(this::header).orElse(""))
                .withProperty("s", i -> runs(model.line(i)))
                .withFunction("toggle", i -> {
                    model.toggle(i);
                    rows.refreshAll();
                }));
        list.setDataProvider(rows);
        list.setWidthFull();
        list.getStyle()
                .set("border", "1px solid var(--lumo-contrast-10pct)")
                .set("border-radius", "var(--lumo-border-radius-m)");
        add(back, top, tools, problem, list);
        setFlexGrow(1, list);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String run = event.getRouteParameters().get("run").orElse("");
        String job = event.getRouteParameters().get("job").orElse("");
        List<String> line =
                event.getLocation().getQueryParameters().getParameters().getOrDefault("line", List.of());
        target = -1;
        if (!line.isEmpty()) {
            try {
                target = Integer.parseInt(line.get(0)) - 1;
            } catch (NumberFormatException e) {
                target = -1;
            }
        }
        if (Access.current().isEmpty()) {
            return; // the layout sends the reader to log in
        }
        api = Api.current();
        if (!job.equals(jobId)) {
            runId = run;
            jobId = job;
            describe();
            KilnClient caller = api();
            download.setHref((DownloadHandler) e -> LogDownload.write(caller, job, e));
            download.getElement().setAttribute("download", "kiln-" + job + ".log");
        } else {
            goToTarget();
        }
    }

    private KilnClient api() {
        KilnClient caller = api;
        if (caller == null) {
            throw new UiException("log in first");
        }
        return caller;
    }

    private void describe() {
        back.setHref("runs/" + runId);
        back.setText("← Run " + runId);
        try {
            Job found = null;
            for (Job j : api().jobs(runId)) {
                if (j.id().equals(jobId)) {
                    found = j;
                }
            }
            if (found == null) {
                throw new UiException("run " + runId + " has no job " + jobId + "; open the run to pick an action");
            }
            String name = found.stage() + " · " + found.action();
            int attempt = found.attempt();
            heading.setText(name + (attempt > 1 ? " (attempt " + attempt + ")" : ""));
            title = name + " · log · run " + runId + " · Kiln";
            status.removeAll();
            status.add(Statuses.chip(found.state()));
            problem.setText("");
        } catch (UiException | ClientException e) {
            problem.setText(e.getMessage());
        }
    }

    @Override
    public String getPageTitle() {
        return title;
    }

    @Override
    protected void onAttach(AttachEvent event) {
        UI ui = event.getUI();
        LogStyles.addTo(ui);
        list.getElement()
                .executeJs(
                        // only the reader stops the following: a scroll that the list makes itself as lines
                        // arrive (its height grows before it is scrolled down again) must not
                        "const l = this; l.__follow = $0; if (!l.__kilnScroll) { l.__kilnScroll = true;"
                                + " const reader = () => { l.__kilnReader = Date.now(); };"
                                + " ['wheel', 'touchmove', 'keydown', 'mousedown'].forEach(e =>"
                                + " l.addEventListener(e, reader, {passive: true}));"
                                + " l.addEventListener('scroll', () => { if (Date.now() - (l.__kilnReader || 0) < 1500)"
                                + " { l.__follow = l.scrollTop + l.clientHeight >= l.scrollHeight - 40; } }); }",
                        target < 0);
        if (api != null && !jobId.isEmpty() && !ended) {
            follow(ui);
        }
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (stream != null) {
            stream.close();
            stream = null;
        }
    }

    private void follow(UI ui) {
        stream = api().events(
                        "/jobs/" + KilnClient.encode(jobId) + "/log/stream?from=" + model.lineCount(),
                        new ServerEvents.Listener() {
                            @Override
                            public void events(List<ServerEvents.Event> batch) {
                                boolean schedule;
                                synchronized (pending) {
                                    for (ServerEvents.Event e : batch) {
                                        if (e.name().equals("end")) {
                                            ended = true;
                                        } else {
                                            pending.add(e.data());
                                        }
                                    }
                                    schedule = !drainQueued;
                                    drainQueued = true;
                                }
                                if (schedule) {
                                    Future<Void> unused = ui.access(LogView.this::drain);
                                }
                            }

                            @Override
                            public void ended(@Nullable Throwable failure) {
                                if (failure != null) {
                                    Future<Void> unused = ui.access(() -> problem.setText("the log stream broke: "
                                            + failure.getMessage() + "; reload the page to go on"));
                                }
                            }
                        });
    }

    private void drain() {
        List<String> lines;
        synchronized (pending) {
            lines = new ArrayList<>(pending);
            pending.clear();
            drainQueued = false;
        }
        model.add(lines);
        rows.refreshAll();
        counts.setText(String.format(java.util.Locale.ROOT, "%,d lines%s", model.lineCount(), ended ? "" : " · live"));
        if (ended) {
            describe();
        }
        if (!search.getValue().isEmpty()) {
            matches = model.find(search.getValue());
            showMatches();
        }
        if (target >= 0 && target < model.lineCount()) {
            goToTarget();
        } else if (!model.shown().isEmpty()) {
            list.getElement()
                    .executeJs(
                            "if (this.__follow) { const l = this; requestAnimationFrame(() => l.scrollToIndex($0)); }",
                            model.shown().size() - 1);
        }
    }

    private void goToTarget() {
        if (target < 0 || target >= model.lineCount()) {
            return;
        }
        int row = model.reveal(target);
        rows.refreshAll();
        list.getElement().executeJs("this.__follow = false");
        list.scrollToIndex(row);
    }

    private void find(String text) {
        matches = model.find(text);
        match = -1;
        showMatches();
        if (!matches.isEmpty()) {
            step(1);
        } else {
            rows.refreshAll();
        }
    }

    private void step(int direction) {
        if (matches.isEmpty()) {
            return;
        }
        match = Math.floorMod(match + direction, matches.size());
        target = matches.get(match);
        showMatches();
        goToTarget();
    }

    private void showMatches() {
        matchesText.setText(
                search.getValue().isEmpty()
                        ? ""
                        : matches.isEmpty() ? "no match" : (match + 1) + " of " + matches.size());
    }

    private String classes(int line) {
        StringBuilder out = new StringBuilder();
        if (line == target) {
            out.append("hl ");
        }
        if (!matches.isEmpty() && java.util.Collections.binarySearch(matches, line) >= 0) {
            out.append("km ");
        }
        if (model.headerAt(line).isPresent()) {
            out.append("kh");
        }
        return out.toString().strip();
    }

    private String header(LogModel.Section section) {
        String fold = model.isFolded(section.start()) ? "▶ " : "▼ ";
        if (section.end() < 0) {
            return fold + section.phase() + " · running";
        }
        return fold + section.phase() + " · " + section.state() + " · " + Durations.text(section.took());
    }

    private static String runs(String line) {
        List<List<String>> out = new ArrayList<>();
        for (Ansi.Run run : Ansi.runs(line)) {
            out.add(List.of(run.classes(), run.text()));
        }
        try {
            return JSON.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new UiException("a log line could not be shown: " + e.getMessage(), e);
        }
    }
}
