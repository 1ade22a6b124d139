package dev.kiln.ui;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.RouterLink;
import java.util.List;
import java.util.Map;

/** The frame of every page: Kiln's name, the links between pages, who is logged in; the login page for nobody. */
public class MainLayout extends AppLayout implements BeforeEnterObserver {
    private final Span who = new Span();
    private final RouterLink settings;

    public MainLayout() {
        Span name = new Span("Kiln");
        name.getStyle().set("font-weight", "600").set("font-size", "var(--lumo-font-size-l)");
        RouterLink settings = new RouterLink("Settings", SettingsView.class);
        HorizontalLayout links = new HorizontalLayout(
                new RouterLink("Pipelines", PipelinesView.class),
                new RouterLink("Environments", EnvironmentsView.class),
                new RouterLink("Agents", AgentsView.class),
                settings);
        this.settings = settings;
        links.setSpacing(true);
        links.setWrap(true);
        Button logOut = new Button("Log out", e -> {
            Access.logOut();
            getUI().ifPresent(ui -> ui.navigate(LoginView.class));
        });
        logOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        who.getStyle()
                .set("color", "var(--lumo-secondary-text-color)")
                .set("font-size", "var(--lumo-font-size-s)")
                .set("white-space", "nowrap");
        HorizontalLayout user = new HorizontalLayout(who, logOut);
        user.setAlignItems(HorizontalLayout.Alignment.BASELINE);
        user.getStyle().set("margin-left", "auto");
        HorizontalLayout bar = new HorizontalLayout(name, links, user);
        bar.setAlignItems(HorizontalLayout.Alignment.BASELINE);
        bar.setWidthFull();
        bar.setSpacing(true);
        bar.getStyle().set("padding", "0 var(--lumo-space-m)");
        addToNavbar(bar);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (Access.current().isEmpty()) {
            String path = event.getLocation().getPathWithQueryParameters();
            event.forwardTo("login", new QueryParameters(Map.of("next", List.of(path))));
            return;
        }
        Access.current().ifPresent(l -> who.setText(l.name() + " · " + l.role().wireName()));
        settings.setVisible(Access.mayAdminister());
    }
}
