package dev.kiln.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Each environment: what runs there now (revision, commit, run), its recent deployments with each host's lifecycle
 * events, and a rollback button for operators. Live: each deployment change reloads the page.
 */
@Route(value = "environments", layout = MainLayout.class)
@PageTitle("Environments · Kiln")
public class EnvironmentsView extends VerticalLayout {
    private final Span problem = new Span();
    private final Div list = new Div();

    public EnvironmentsView() {
        problem.getStyle().set("color", "var(--lumo-error-text-color)");
        list.setWidthFull();
        add(new H1("Environments"), problem, list);
        load();
        Live.reload(this, change -> change.path("kind").asText().equals("deployment"), this::load);
    }

    private void load() {
        list.removeAll();
        try {
            KilnApi api = KilnApi.current();
            JsonNode all = api.get("/api/v1/environments");
            if (all.isEmpty()) {
                list.add(new Span("No environments yet: an admin adds one with kiln environments add NAME --ssh"
                        + " USER@HOST... or --docker ENGINE_URL."));
            }
            for (JsonNode e : all) {
                list.add(environment(
                        api.get("/api/v1/environments/" + e.path("name").asText())));
            }
            problem.setText("");
        } catch (UiException e) {
            problem.setText(e.getMessage());
        }
    }

    private Component environment(JsonNode env) {
        String name = env.path("name").asText();
        JsonNode settings = env.path("settings");
        Div box = new Div();
        box.addClassName("kiln-environment");
        box.getElement().setAttribute("data-environment", name);
        box.getStyle()
                .set("border", "1px solid var(--lumo-contrast-20pct)")
                .set("border-radius", "var(--lumo-border-radius-l)")
                .set("padding", "var(--lumo-space-s) var(--lumo-space-m)")
                .set("margin-bottom", "var(--lumo-space-m)");
        H2 title = new H2(name);
        title.getStyle().set("margin", "0");
        HorizontalLayout head = new HorizontalLayout(title, small(where(settings)));
        head.setAlignItems(FlexComponent.Alignment.BASELINE);
        head.setWrap(true);
        JsonNode current = env.path("current");
        if (current.isObject() && Access.mayOperate()) {
            Button rollback = new Button("Roll back", e -> {
                ConfirmDialog confirm = new ConfirmDialog(
                        "Roll back " + name + "?",
                        "The revision deployed before " + revision(current)
                                + " is deployed again, as a new deployment.",
                        "Roll back",
                        yes -> rollback(name));
                confirm.setCancelable(true);
                confirm.setConfirmButtonTheme("error primary");
                confirm.open();
            });
            rollback.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
            head.add(rollback);
        }
        box.add(head);
        box.add(
                current.isObject()
                        ? new Span("Live: " + revision(current) + " · deployed "
                                + PipelinesView.age(RunInfo.instant(current.path("endedAt"))))
                        : small("Nothing deployed yet."));
        for (JsonNode d : env.path("deployments")) {
            box.add(deployment(d));
        }
        return box;
    }

    private static String where(JsonNode settings) {
        if (settings.path("kind").asText().equals("container")
                || settings.path("docker").isObject()) {
            JsonNode docker = settings.path("docker");
            String container = StageGraph.text(docker.path("container"));
            return (container.isEmpty() ? "containers" : "container " + container) + " on "
                    + docker.path("engine").asText("");
        }
        List<String> hosts = new ArrayList<>();
        settings.path("hosts").forEach(h -> hosts.add(h.asText()));
        return "SSH: " + String.join(", ", hosts) + " · "
                + settings.path("config").asText("");
    }

    private static String revision(JsonNode deployment) {
        String commit = deployment.path("commit").asText("");
        String run = StageGraph.text(deployment.path("runId"));
        return (commit.length() > 10 ? commit.substring(0, 10) : commit) + (run.isEmpty() ? "" : " (run " + run + ")");
    }

    private Component deployment(JsonNode d) {
        String id = d.path("id").asText();
        String status = d.path("status").asText();
        HorizontalLayout summary = new HorizontalLayout(
                Statuses.chip(id, status),
                new Span(revision(d)),
                small(d.path("creator").asText() + " · " + PipelinesView.age(RunInfo.instant(d.path("createdAt")))));
        summary.setAlignItems(FlexComponent.Alignment.BASELINE);
        String run = StageGraph.text(d.path("runId"));
        if (!run.isEmpty()) {
            summary.add(new Anchor("runs/" + run, "run " + run));
        }
        Div hosts = new Div();
        Details details = new Details(summary, hosts);
        details.addClassName("kiln-deployment");
        details.getElement().setAttribute("data-deployment", id);
        details.addOpenedChangeListener(e -> {
            if (e.isOpened() && hosts.getChildren().findAny().isEmpty()) {
                hosts.add(hosts(id));
            }
        });
        return details;
    }

    private static Component hosts(String deploymentId) {
        Div out = new Div();
        try {
            JsonNode d = KilnApi.current().get("/api/v1/deployments/" + deploymentId);
            String message = d.path("message").asText("");
            if (!message.isEmpty()) {
                out.add(new Div(small(message)));
            }
            for (JsonNode host : d.path("hosts")) {
                HorizontalLayout row =
                        new HorizontalLayout(Statuses.chip(host.path("host").asText(), status(host)));
                row.setWrap(true);
                row.addClassName("kiln-host");
                for (JsonNode event : host.path("events")) {
                    String took = event.path("millis").asLong() > 0
                            ? " "
                                    + Durations.text(java.time.Duration.ofMillis(
                                            event.path("millis").asLong()))
                            : "";
                    row.add(Statuses.chip(event.path("event").asText() + took, status(event)));
                }
                out.add(row);
            }
        } catch (UiException e) {
            out.add(new Span(e.getMessage()));
        }
        return out;
    }

    private static String status(JsonNode node) {
        return node.path("status").asText();
    }

    private void rollback(String environment) {
        try {
            JsonNode d = KilnApi.current().post("/api/v1/environments/" + environment + "/rollback", Map.of());
            Notification.show(
                            "rolling back " + environment + " (deployment "
                                    + d.path("id").asText() + ")",
                            4000,
                            Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            load();
        } catch (UiException e) {
            Notification.show(e.getMessage(), 8000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }

    private static Span small(String text) {
        Span span = new Span(text);
        span.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");
        return span;
    }
}
