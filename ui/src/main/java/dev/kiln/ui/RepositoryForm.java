package dev.kiln.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import dev.kiln.client.ClientException;
import dev.kiln.model.api.Allowance;
import dev.kiln.model.api.NewRepository;
import dev.kiln.model.api.Repository;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Adds a repository: its URL, name, branch, poll interval and a webhook secret (made at random unless given); once
 * added, the webhook URL and secret are shown to copy into the git host's settings.
 */
final class RepositoryForm extends Div {
    private final TextField url = new TextField("Git URL");
    private final TextField name = new TextField("Name (default: from the URL)");
    private final TextField branch = new TextField("Branch (default: the remote's main)");
    private final IntegerField poll = new IntegerField("Poll every (s, 0 = never)");
    private final TextField secret = new TextField("Webhook secret");
    private final Checkbox privileged = new Checkbox("Allow privileged builds");
    private final Span problem = new Span();
    private final Div added = new Div();

    RepositoryForm(UnaryOperator<String> webhookUrl, Runnable changed) {
        url.setWidthFull();
        url.setRequiredIndicatorVisible(true);
        poll.setMin(0);
        poll.setMax(86_400);
        secret.setValue(randomSecret());
        secret.setHelperText("made at random; the git host signs its pushes with it");
        privileged.setTooltipText("privileged: true in its pipeline gives a build the agent's container engine,"
                + " and so the machine the agent runs on; leave it off unless its committers may have that");
        problem.getStyle().set("color", "var(--lumo-error-text-color)");
        Button add = new Button("Add repository", e -> {
            try {
                Repository repo = Api.current()
                        .addRepository(new NewRepository(
                                url.getValue().strip(),
                                blank(name.getValue()),
                                blank(branch.getValue()),
                                blank(secret.getValue()),
                                poll.getValue(),
                                privileged.getValue() ? List.of(Allowance.PRIVILEGED) : null,
                                null));
                showAdded(webhookUrl.apply(repo.name()), secret.getValue().strip());
                url.clear();
                name.clear();
                branch.clear();
                poll.clear();
                secret.setValue(randomSecret());
                privileged.setValue(false);
                problem.setText("");
                changed.run();
            } catch (UiException | ClientException failed) {
                problem.setText(failed.getMessage());
            }
        });
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        FormLayout form = new FormLayout(url, name, branch, poll, secret, privileged);
        form.setColspan(url, 2);
        add(form, new HorizontalLayout(add, problem), added);
    }

    private void showAdded(String webhook, String sharedSecret) {
        added.removeAll();
        if (sharedSecret.isEmpty()) {
            return;
        }
        TextField shownUrl = copyable("Webhook URL", webhook);
        TextField shownSecret = copyable("Secret (shown once)", sharedSecret);
        added.addClassName("kiln-webhook");
        added.add(new HorizontalLayout(shownUrl, shownSecret));
    }

    private static TextField copyable(String label, String value) {
        TextField field = new TextField(label);
        field.setValue(value);
        field.setReadOnly(true);
        field.setWidth("28em");
        Button copy = new Button(
                "Copy",
                e -> field.getElement().executeJs("navigator.clipboard && navigator.clipboard.writeText($0)", value));
        copy.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        field.setSuffixComponent(copy);
        return field;
    }

    private static @Nullable String blank(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String randomSecret() {
        byte[] bytes = new byte[20];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
