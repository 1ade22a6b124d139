package dev.kiln.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import dev.kiln.client.ClientException;
import dev.kiln.model.api.NewUser;
import dev.kiln.model.api.Role;

/** Adds a user with a role and a password the admin gives them. */
final class UserForm extends HorizontalLayout {
    UserForm(Runnable changed) {
        TextField name = new TextField("User");
        PasswordField password = new PasswordField("Password (10 or more characters)");
        Select<Role> role = new Select<>();
        role.setLabel("Role");
        role.setItems(Role.VIEWER, Role.OPERATOR, Role.ADMIN);
        role.setItemLabelGenerator(Role::wireName);
        role.setValue(Role.VIEWER);
        Span problem = new Span();
        problem.getStyle().set("color", "var(--lumo-error-text-color)");
        Button add = new Button("Add user", e -> {
            try {
                Api.current().addUser(new NewUser(name.getValue().strip(), password.getValue(), role.getValue()));
                name.clear();
                password.clear();
                problem.setText("");
                changed.run();
            } catch (UiException | ClientException failed) {
                problem.setText(failed.getMessage());
            }
        });
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        setAlignItems(FlexComponent.Alignment.BASELINE);
        setWrap(true);
        add(name, password, role, add, problem);
    }
}
