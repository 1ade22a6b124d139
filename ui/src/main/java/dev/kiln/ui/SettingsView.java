package dev.kiln.ui;

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
import dev.kiln.client.ClientException;
import dev.kiln.client.KilnClient;
import dev.kiln.model.api.AgentKind;
import dev.kiln.model.api.AgentTokenInfo;
import dev.kiln.model.api.Environment;
import dev.kiln.model.api.Repository;
import dev.kiln.model.api.User;

/**
 * What an admin sets up: repositories (added here, with the webhook URL and secret to copy into the git host),
 * environments (listed; added with {@code kiln environments add}, which takes keys from files), users, and agent
 * tokens (listed and revoked; made with {@code kiln agents tokens create}, which shows the token once).
 */
@Route(value = "settings", layout = MainLayout.class)
@PageTitle("Settings · Kiln")
public class SettingsView extends VerticalLayout implements BeforeEnterObserver {
    private final Span problem = new Span();
    private final Grid<Repository> repositories = new Grid<>();
    private final Grid<Environment> environments = new Grid<>();
    private final Grid<User> users = new Grid<>();
    private final Grid<AgentTokenInfo> agentTokens = new Grid<>();

    public SettingsView() {
        problem.getStyle().set("color", "var(--lumo-error-text-color)");
        repositories.addColumn(Repository::name).setHeader("Repository").setAutoWidth(true);
        repositories.addColumn(Repository::url).setHeader("URL").setFlexGrow(2);
        repositories
                .addColumn(r -> r.pollIntervalSeconds() == 0 ? "never" : "every " + r.pollIntervalSeconds() + " s")
                .setHeader("Polled")
                .setAutoWidth(true);
        repositories
                .addColumn(r -> r.webhook() ? webhookUrl(r.name()) : "no webhook")
                .setHeader("Webhook")
                .setFlexGrow(2);
        repositories
                .addComponentColumn(
                        r -> remove("repository", r.name(), () -> Api.current().removeRepository(r.name())))
                .setAutoWidth(true);
        repositories.setAllRowsVisible(true);
        environments.addColumn(Environment::name).setHeader("Environment").setAutoWidth(true);
        environments
                .addColumn(e -> e.settings().docker() != null
                        ? "container on " + e.settings().docker().engine()
                        : "SSH: " + e.settings().hosts().size() + " host(s)")
                .setHeader("Where")
                .setFlexGrow(1);
        environments
                .addComponentColumn(
                        e -> remove("environment", e.name(), () -> Api.current().removeEnvironment(e.name())))
                .setAutoWidth(true);
        environments.setAllRowsVisible(true);
        users.addColumn(User::name).setHeader("User").setAutoWidth(true);
        users.addColumn(u -> u.role().wireName()).setHeader("Role").setAutoWidth(true);
        users.addColumn(u -> u.createdAt().toString().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z"))
                .setHeader("Added")
                .setFlexGrow(1);
        users.addComponentColumn(
                        u -> remove("user", u.name(), () -> Api.current().removeUser(u.name())))
                .setAutoWidth(true);
        users.setAllRowsVisible(true);
        agentTokens.addColumn(AgentTokenInfo::name).setHeader("Agent token").setAutoWidth(true);
        agentTokens
                .addColumn(t -> t.kind() == null
                        ? AgentKind.BUILD.wireName() + " (made before tokens were bound)"
                        : t.kind().wireName())
                .setHeader("Agents")
                .setAutoWidth(true);
        agentTokens
                .addColumn(t -> t.kind() != AgentKind.DEPLOY
                        ? ""
                        : t.environments() == null ? "every environment" : String.join(", ", t.environments()))
                .setHeader("Environments")
                .setFlexGrow(1);
        agentTokens
                .addColumn(t -> t.labels() == null ? "any" : String.join(", ", t.labels()))
                .setHeader("Labels")
                .setFlexGrow(1);
        agentTokens
                .addColumn(t -> t.createdAt().toString().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z"))
                .setHeader("Made")
                .setAutoWidth(true);
        agentTokens
                .addComponentColumn(t -> action(
                        "Revoke",
                        "revoked",
                        "agent token",
                        t.name(),
                        () -> Api.current().revokeAgentToken(t.name())))
                .setAutoWidth(true);
        agentTokens.setAllRowsVisible(true);
        Paragraph tokenHint = new Paragraph("Make a token for each agent machine with kiln agents tokens create NAME"
                + " [--kind deploy --environment ENV] [--label LABEL] (the token is shown once). A revoked token's"
                + " agents are refused from their next call.");
        tokenHint.getStyle().set("color", "var(--lumo-secondary-text-color)");
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
                users,
                new H2("Agent tokens"),
                tokenHint,
                agentTokens);
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
            KilnClient api = Api.current();
            repositories.setItems(api.repositories());
            environments.setItems(api.environments());
            users.setItems(api.users());
            agentTokens.setItems(api.agentTokens());
            problem.setText("");
        } catch (UiException | ClientException e) {
            problem.setText(e.getMessage());
        }
    }

    private String webhookUrl(String repository) {
        return Api.current().baseUrl() + "/api/v1/webhooks/" + repository;
    }

    private Button remove(String what, String name, Runnable removal) {
        return action("Remove", "removed", what, name, removal);
    }

    private Button action(String verb, String done, String what, String name, Runnable removal) {
        Button remove = new Button(verb, e -> {
            try {
                removal.run();
                Notification.show(done + " " + what + " " + name, 3000, Notification.Position.BOTTOM_START)
                        .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                load();
            } catch (UiException | ClientException failed) {
                Notification.show(failed.getMessage(), 8000, Notification.Position.BOTTOM_START)
                        .addThemeVariants(NotificationVariant.LUMO_ERROR);
            }
        });
        remove.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        remove.getElement()
                .setAttribute("aria-label", verb.toLowerCase(java.util.Locale.ROOT) + " " + what + " " + name);
        return remove;
    }
}
