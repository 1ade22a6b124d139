package dev.kiln.ui;

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
import dev.kiln.client.ClientException;
import dev.kiln.client.KilnClient;
import dev.kiln.model.api.ChangeKind;
import dev.kiln.model.api.ContainerSettings;
import dev.kiln.model.api.Deployment;
import dev.kiln.model.api.Environment;
import dev.kiln.model.api.EnvironmentSettings;
import dev.kiln.model.api.RollbackRequest;
import dev.kiln.model.deploy.EventReport;
import dev.kiln.model.deploy.HostReport;
import java.util.List;
import java.util.Objects;

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
        Live.reload(this, change -> change.kind() == ChangeKind.DEPLOYMENT, this::load);
    }

    private void load() {
        list.removeAll();
        try {
            KilnClient api = Api.current();
            List<Environment> all = api.environments();
            if (all.isEmpty()) {
                list.add(new Span("No environments yet: an admin adds one with kiln environments add NAME --ssh"
                        + " USER@HOST... or --docker ENGINE_URL."));
            }
            for (Environment e : all) {
                list.add(environment(api.environment(e.name())));
            }
            problem.setText("");
        } catch (UiException | ClientException e) {
            problem.setText(e.getMessage());
        }
    }

    private Component environment(Environment env) {
        String name = env.name();
        EnvironmentSettings settings = env.settings();
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
        Deployment current = env.current();
        if (current != null && Access.mayOperate()) {
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
                current != null
                        ? new Span("Live: " + revision(current) + " · deployed " + PipelinesView.age(current.endedAt()))
                        : small("Nothing deployed yet."));
        for (Deployment d : env.deployments()) {
            box.add(deployment(d));
        }
        return box;
    }

    private static String where(EnvironmentSettings settings) {
        ContainerSettings docker = settings.docker();
        if (docker != null) {
            String container = docker.container();
            return (container.isEmpty() ? "containers" : "container " + container) + " on " + docker.engine();
        }
        return "SSH: " + String.join(", ", settings.hosts()) + " · "
                + Objects.requireNonNullElse(settings.config(), "");
    }

    private static String revision(Deployment deployment) {
        String commit = Objects.requireNonNullElse(deployment.commit(), "");
        String run = Objects.requireNonNullElse(deployment.runId(), "");
        return (commit.length() > 10 ? commit.substring(0, 10) : commit) + (run.isEmpty() ? "" : " (run " + run + ")");
    }

    private Component deployment(Deployment d) {
        String id = d.id();
        HorizontalLayout summary = new HorizontalLayout(
                Statuses.chip(id, d.status()),
                new Span(revision(d)),
                small(d.creator().wireName() + " · " + PipelinesView.age(d.createdAt())));
        summary.setAlignItems(FlexComponent.Alignment.BASELINE);
        String run = Objects.requireNonNullElse(d.runId(), "");
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
            Deployment d = Api.current().deployment(deploymentId);
            String message = Objects.requireNonNullElse(d.message(), "");
            if (!message.isEmpty()) {
                out.add(new Div(small(message)));
            }
            for (HostReport host : d.hosts()) {
                HorizontalLayout row = new HorizontalLayout(Statuses.chip(host.host(), host.status()));
                row.setWrap(true);
                row.addClassName("kiln-host");
                for (EventReport event : host.events()) {
                    String took =
                            event.millis() > 0 ? " " + Durations.text(java.time.Duration.ofMillis(event.millis())) : "";
                    row.add(Statuses.chip(event.event() + took, event.status()));
                }
                out.add(row);
            }
        } catch (UiException | ClientException e) {
            out.add(new Span(e.getMessage()));
        }
        return out;
    }

    private void rollback(String environment) {
        try {
            Deployment d = Api.current().rollback(environment, new RollbackRequest(null));
            Notification.show(
                            "rolling back " + environment + " (deployment " + d.id() + ")",
                            4000,
                            Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            load();
        } catch (UiException | ClientException e) {
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
