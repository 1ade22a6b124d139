package dev.kiln.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.kiln.client.ClientException;
import java.util.List;

/** The login page: a user name and password checked by the orchestrator; then the page asked for. */
@Route("login")
@PageTitle("Log in · Kiln")
public class LoginView extends VerticalLayout implements BeforeEnterObserver {
    private final TextField name = new TextField("User");
    private final PasswordField password = new PasswordField("Password");
    private final Span problem = new Span();
    private String next = "";

    public LoginView() {
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        setSizeFull();
        name.setAutofocus(true);
        name.getElement().setAttribute("autocomplete", "username");
        password.getElement().setAttribute("autocomplete", "current-password");
        problem.getStyle().set("color", "var(--lumo-error-text-color)");
        Button logIn = new Button("Log in", e -> logIn());
        logIn.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        logIn.addClickShortcut(Key.ENTER);
        Paragraph hint = new Paragraph("kiln up writes the first admin's password to ~/.kiln/ui-admin;"
                + " an admin adds users with kiln users add.");
        hint.getStyle().set("color", "var(--lumo-secondary-text-color)").set("max-width", "28em");
        VerticalLayout form = new VerticalLayout(new H1("Kiln"), name, password, logIn, problem, hint);
        form.setWidth("min(24em, 100%)");
        form.setPadding(false);
        add(form);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        List<String> asked =
                event.getLocation().getQueryParameters().getParameters().getOrDefault("next", List.of());
        String wanted = asked.isEmpty() ? "" : asked.get(0);
        // only a path inside the UI: never an address elsewhere
        next = wanted.matches("[A-Za-z0-9/_.?=&%-]*") && !wanted.startsWith("/") ? wanted : "";
    }

    private void logIn() {
        try {
            Access.logIn(Api.server(), name.getValue().strip(), password.getValue());
            getUI().ifPresent(ui -> ui.navigate(next));
        } catch (UiException | ClientException e) {
            problem.setText(e.getMessage());
            password.clear();
            password.focus();
        }
    }
}
