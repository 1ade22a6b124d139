package dev.kiln.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What an admin sets up: repositories (added here, with the webhook URL and secret to copy into the git host),
 * environments (listed; added with {@code kiln environments add}, which takes keys from files) and users.
 */
@Route(value = "settings", layout = MainLayout.class)
@PageTitle("Settings · Kiln")
public class SettingsView extends VerticalLayout implements BeforeEnterObserver {
    private final Span problem = new Span();
    private final Grid<JsonNode> repositories = new Grid<>();
    private final Grid<JsonNode> environments = new Grid<>();
    private final Grid<JsonNode> users = new Grid<>();

    public SettingsView() {
        problem.getStyle().set("color", "var(--lumo-error-text-color)");
        repositories
                .addColumn(r -> r.path("name").asText())
                .setHeader("Repository")
                .setAutoWidth(true);
        repositories.addColumn(r -> r.path("url").asText()).setHeader("URL").setFlexGrow(2);
        repositories
                .addColumn(r -> r.path("pollIntervalSeconds").asInt() == 0
                        ? "never"
                        : "every " + r.path("pollIntervalSeconds").asInt() + " s")
                .setHeader("Polled")
                .setAutoWidth(true);
        repositories
                .addColumn(r -> r.path("webhook").asBoolean()
                        ? webhookUrl(r.path("name").asText())
                        : "no webhook")
                .setHeader("Webhook")
                .setFlexGrow(2);
        repositories
                .addComponentColumn(r -> remove("repository", "/api/v1/repositories/", r))
                .setAutoWidth(true);
        repositories.setAllRowsVisible(true);
        environments
                .addColumn(e -> e.path("name").asText())
                .setHeader("Environment")
                .setAutoWidth(true);
        environments
                .addColumn(e -> e.path("settings").path("docker").isObject()
                        ? "container on "
                                + e.path("settings")
                                        .path("docker")
                                        .path("engine")
                                        .asText()
                        : "SSH: " + e.path("settings").path("hosts").size() + " host(s)")
                .setHeader("Where")
                .setFlexGrow(1);
        environments
                .addComponentColumn(e -> remove("environment", "/api/v1/environments/", e))
                .setAutoWidth(true);
        environments.setAllRowsVisible(true);
        users.addColumn(u -> u.path("name").asText()).setHeader("User").setAutoWidth(true);
        users.addColumn(u -> u.path("role").asText()).setHeader("Role").setAutoWidth(true);
        users.addColumn(u -> u.path("createdAt").asText().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z"))
                .setHeader("Added")
                .setFlexGrow(1);
        users.addComponentColumn(u -> remove("user", "/api/v1/users/", u)).setAutoWidth(true);
        users.setAllRowsVisible(true);
        Paragraph envHint = new Paragraph("Add environments with kiln environments add NAME --ssh USER@HOST..."
                + " --key FILE, or --docker ENGINE_URL (keys are read from files, and keys and variables stay"
                + " sealed).");
        envHint.getStyle().set("color", "var(--lumo-secondary-text-color)");
        add(
                new H1("Settings"),
                problem,
                new H2("Repositories"),
                new RepositoryForm(this::webhookUrl, this::load),
                repositories,
                new H2("Environments"),
                envHint,
                environments,
                new H2("Users"),
                new UserForm(this::load),
                users);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (Access.current().isPresent() && !Access.mayAdminister()) {
            event.forwardTo(PipelinesView.class);
            Notification.show("Settings are for admins", 4000, Notification.Position.BOTTOM_START);
            return;
        }
        load();
    }

    private void load() {
        if (Access.current().isEmpty()) {
            return;
        }
        try {
            KilnApi api = KilnApi.current();
            repositories.setItems(list(() -> api.get("/api/v1/repositories")));
            environments.setItems(list(() -> api.get("/api/v1/environments")));
            users.setItems(list(() -> api.get("/api/v1/users")));
            problem.setText("");
        } catch (UiException e) {
            problem.setText(e.getMessage());
        }
    }

    private static List<JsonNode> list(Supplier<JsonNode> call) {
        List<JsonNode> out = new ArrayList<>();
        call.get().forEach(out::add);
        return out;
    }

    private String webhookUrl(String repository) {
        return KilnApi.current().baseUrl() + "/api/v1/webhooks/" + repository;
    }

    private Button remove(String what, String path, JsonNode item) {
        String name = item.path("name").asText();
        Button remove = new Button("Remove", e -> {
            try {
                KilnApi.current().delete(path + name);
                Notification.show("removed " + what + " " + name, 3000, Notification.Position.BOTTOM_START)
                        .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                load();
            } catch (UiException failed) {
                Notification.show(failed.getMessage(), 8000, Notification.Position.BOTTOM_START)
                        .addThemeVariants(NotificationVariant.LUMO_ERROR);
            }
        });
        remove.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        remove.getElement().setAttribute("aria-label", "remove " + what + " " + name);
        return remove;
    }
}
